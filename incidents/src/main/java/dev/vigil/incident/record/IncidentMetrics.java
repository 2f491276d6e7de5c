package dev.vigil.incident.record;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Counts incidents opened ({@code vigil_incidents_opened_total}), once each. */
@Component
public class IncidentMetrics {

  private final Counter opened;

  public IncidentMetrics(ObjectProvider<MeterRegistry> registry) {
    this.opened =
        Counter.builder("vigil.incidents.opened")
            .description("Incidents opened")
            .register(registry.getIfAvailable(() -> Metrics.globalRegistry));
  }

  /**
   * Counts a new incident once its transaction commits: an attempt that rolls back, and the retry
   * that then finds the incident recorded, count nothing more.
   */
  void openedInThisTransaction() {
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            opened.increment();
          }
        });
  }
}
