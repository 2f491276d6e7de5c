package dev.vigil.operations;

import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Temporal's frontend answers a cheap call within a short deadline. Part of readiness, not of
 * liveness: an unreachable Temporal makes this instance stop taking events (they would be refused
 * with 503 anyway) but restarting it would not help.
 */
class TemporalHealthIndicator implements HealthIndicator {

  private final WorkflowServiceStubs stubs;
  private final Duration deadline;

  TemporalHealthIndicator(WorkflowServiceStubs stubs, Duration deadline) {
    this.stubs = stubs;
    this.deadline = deadline;
  }

  @Override
  public Health health() {
    try {
      stubs
          .blockingStub()
          .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      return Health.up().build();
    } catch (StatusRuntimeException e) {
      return Health.down().withDetail("status", e.getStatus().getCode().name()).build();
    }
  }
}
