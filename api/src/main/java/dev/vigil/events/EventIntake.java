package dev.vigil.events;

import dev.vigil.change.ChangeEvents;
import dev.vigil.incident.IncidentKey;
import dev.vigil.incident.Responder;
import dev.vigil.incident.record.AlertIntake;
import dev.vigil.incident.record.AlertStore;
import dev.vigil.incident.record.IncidentEvents;
import dev.vigil.oncall.service.IntegrationRoutes;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Turns an accepted Events API event into an incident event. It returns only once Temporal has
 * durably accepted it, so the 202 the Events API answers with is a promise kept.
 */
@Service
class EventIntake {

  private static final Logger log = LoggerFactory.getLogger(EventIntake.class);

  private final IntegrationRoutes routes;
  private final IncidentEvents incidents;
  private final EventRateLimits limits;
  private final AlertIntake intake;
  private final ChangeEvents changes;

  EventIntake(
      IntegrationRoutes routes,
      IncidentEvents incidents,
      EventRateLimits limits,
      AlertIntake intake,
      ChangeEvents changes) {
    this.routes = routes;
    this.incidents = incidents;
    this.limits = limits;
    this.intake = intake;
    this.changes = changes;
  }

  /**
   * Returns the event's dedup key (generated for a trigger that had none).
   *
   * @throws EventThrottledException when the routing key or its account is over its rate limit;
   *     nothing is stored then
   * @throws EventNotDurableException when PostgreSQL or Temporal failed in a way that heals by
   *     itself; any other failure propagates as it is, since retrying would fail again
   */
  String accept(EnqueueEvent event) {
    try {
      return acceptDurably(event);
    } catch (InvalidEventException | EventThrottledException e) {
      throw e;
    } catch (RuntimeException e) {
      if (TransientFailures.isTransient(e)) {
        throw new EventNotDurableException(e);
      }
      throw e;
    }
  }

  /**
   * Stores a change event for its routing key's service, within the same rate limits as other
   * events; failures are classified as for {@link #accept}.
   */
  void acceptChange(ChangeEvent event) {
    try {
      IntegrationRoutes.Route route =
          routes.find(event.routingKey()).orElseThrow(UnknownRoutingKeyException::new);
      limits.admit(event.routingKey(), route.accountId());
      Instant now = Instant.now();
      changes.store(
          route.accountId(),
          route.serviceId(),
          new ChangeEvents.NewChange(
              event.summary(),
              event.source(),
              event.timestamp() != null ? event.timestamp() : now,
              event.customDetailsJson(),
              event.linksJson(),
              now));
    } catch (InvalidEventException | EventThrottledException e) {
      throw e;
    } catch (RuntimeException e) {
      if (TransientFailures.isTransient(e)) {
        throw new EventNotDurableException(e);
      }
      throw e;
    }
  }

  private String acceptDurably(EnqueueEvent event) {
    IntegrationRoutes.Route route =
        routes.find(event.routingKey()).orElseThrow(UnknownRoutingKeyException::new);
    limits.admit(event.routingKey(), route.accountId());
    String dedupKey =
        event.dedupKey() != null ? event.dedupKey() : UUID.randomUUID().toString().replace("-", "");
    IncidentKey key = new IncidentKey(route.accountId(), route.serviceId(), dedupKey);
    switch (event.action()) {
      case TRIGGER -> trigger(key, event);
      case ACKNOWLEDGE -> {
        // PagerDuty's behaviour: with nothing open, accepted and nothing happens.
        if (!incidents.acknowledge(key, Responder.integration(event.client()))) {
          log.debug("Acknowledge for service {}: no open incident", route.serviceId());
        }
      }
      case RESOLVE -> {
        if (!incidents.resolve(key, Responder.integration(event.client()))) {
          log.debug("Resolve for service {}: no open incident", route.serviceId());
        }
      }
    }
    return dedupKey;
  }

  private void trigger(IncidentKey key, EnqueueEvent event) {
    intake.trigger(key, newAlert(event), AlertIntake.Grouping.SERVICE);
  }

  private static AlertStore.NewAlert newAlert(EnqueueEvent event) {
    EventPayload payload = event.payload();
    return new AlertStore.NewAlert(
        UUID.randomUUID(),
        payload.summary(),
        payload.source(),
        payload.severity().wireValue(),
        payload.component(),
        payload.group(),
        payload.eventClass(),
        payload.customDetailsJson(),
        event.client(),
        event.clientUrl(),
        event.imagesJson(),
        event.linksJson(),
        payload.timestamp(),
        Instant.now());
  }
}
