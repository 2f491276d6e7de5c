package dev.vigil.testsupport;

import dev.vigil.incident.IncidentKey;
import dev.vigil.incident.record.AlertStore;
import dev.vigil.incident.record.IncidentEvents;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Triggers incidents through {@link IncidentEvents}, as the Events API does, from a test monitor.
 */
public final class EventsApiTrigger {

  private final IncidentEvents events;
  private final Supplier<Instant> clock;

  /**
   * @param clock when events are received; the test server's clock keeps timestamps consistent
   */
  public EventsApiTrigger(IncidentEvents events, Supplier<Instant> clock) {
    this.events = events;
    this.clock = clock;
  }

  public IncidentEvents.Triggered trigger(IncidentKey key, String summary, String severity) {
    return events.trigger(
        key,
        new AlertStore.NewAlert(
            UUID.randomUUID(),
            summary,
            "test-monitor",
            severity,
            null,
            null,
            null,
            null,
            "Test monitor",
            null,
            null,
            null,
            null,
            clock.get()));
  }
}
