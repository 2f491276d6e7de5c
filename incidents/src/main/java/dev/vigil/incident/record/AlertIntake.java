package dev.vigil.incident.record;

import dev.vigil.incident.IncidentKey;
import dev.vigil.oncall.maintenance.MaintenanceWindows;
import dev.vigil.oncall.service.AlertGrouping;
import dev.vigil.oncall.service.ServiceStore;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a triggering alert goes, whoever raised it (the Events API, a missed heartbeat): kept as
 * suppressed during a maintenance window, else into the incident its service's grouping names.
 */
public class AlertIntake {

  private static final Logger log = LoggerFactory.getLogger(AlertIntake.class);

  private final IncidentEvents incidents;
  private final ServiceStore services;
  private final AlertGroups groups;
  private final MaintenanceWindows maintenance;
  private final AlertStore alerts;

  public AlertIntake(
      IncidentEvents incidents,
      ServiceStore services,
      AlertGroups groups,
      MaintenanceWindows maintenance,
      AlertStore alerts) {
    this.incidents = incidents;
    this.services = services;
    this.groups = groups;
    this.maintenance = maintenance;
    this.alerts = alerts;
  }

  /** How to file an alert: by its service's grouping, or always under its own key. */
  public enum Grouping {
    SERVICE,
    OWN_KEY
  }

  /**
   * During a maintenance window the alert is kept as suppressed and goes to no workflow: it pages
   * nobody, then or when the window ends (docs/decisions/0042). Otherwise it opens or joins an
   * incident (docs/decisions/0041). Returns once Temporal has durably accepted it.
   */
  public void trigger(IncidentKey key, AlertStore.NewAlert alert, Grouping grouping) {
    Optional<Long> window =
        maintenance.activeFor(key.accountId(), key.serviceId(), alert.receivedAt());
    if (window.isPresent()) {
      long alertId =
          alerts.storeSuppressed(
              key.accountId(), key.serviceId(), key.dedupKey(), window.get(), alert);
      log.info(
          "Trigger for service {} suppressed as alert {}: maintenance window {}",
          key.serviceId(),
          alertId,
          window.get());
      return;
    }
    IncidentKey incidentKey =
        grouping == Grouping.OWN_KEY
            ? key
            : groups.incidentKeyFor(
                key,
                services.alertGrouping(key.accountId(), key.serviceId()).orElse(AlertGrouping.OFF),
                alert);
    IncidentEvents.Triggered triggered = incidents.trigger(incidentKey, key.dedupKey(), alert);
    log.info(
        "Trigger for service {} accepted as alert {} (workflow {})",
        key.serviceId(),
        triggered.alertId(),
        incidentKey.workflowId());
  }
}
