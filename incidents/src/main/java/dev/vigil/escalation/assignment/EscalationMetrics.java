package dev.vigil.escalation.assignment;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * How late escalation levels are assigned ({@code vigil_escalation_lateness_seconds}, a histogram):
 * from the instant the workflow fired the level to the start of the activity attempt that assigned
 * it. It shows activity queueing (busy or missing workers) and retries; a workflow task that itself
 * started late is Temporal's {@code temporal_workflow_task_schedule_to_start_latency}.
 */
@Component
public class EscalationMetrics {

  private final Timer lateness;

  public EscalationMetrics(ObjectProvider<MeterRegistry> registry) {
    this.lateness =
        Timer.builder("vigil.escalation.lateness")
            .description("Time from an escalation level firing to its assignment starting")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(10))
            .maximumExpectedValue(Duration.ofHours(1))
            .register(registry.getIfAvailable(() -> Metrics.globalRegistry));
  }

  void levelAssigned(Duration late) {
    lateness.record(late.isNegative() ? Duration.ZERO : late);
  }
}
