package dev.vigil.events;

import dev.vigil.incident.AlertSignal;
import dev.vigil.incident.AlertStore;
import dev.vigil.incident.IncidentKey;
import dev.vigil.incident.IncidentStart;
import dev.vigil.incident.IncidentWorkflow;
import dev.vigil.incident.Responder;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Hands an accepted event to Temporal. It returns only once Temporal has durably accepted the
 * event, so the 202 the Events API answers with is a promise kept.
 */
@Service
class EventIntake {

  private static final Logger log = LoggerFactory.getLogger(EventIntake.class);

  private final IntegrationRoutes routes;
  private final AlertStore alerts;
  private final WorkflowClient temporal;

  EventIntake(IntegrationRoutes routes, AlertStore alerts, WorkflowClient temporal) {
    this.routes = routes;
    this.alerts = alerts;
    this.temporal = temporal;
  }

  /** Returns the event's dedup key (generated for a trigger that had none). */
  String accept(EnqueueEvent event) {
    IntegrationRoutes.Route route =
        routes
            .find(event.routingKey())
            .orElseThrow(
                () -> new InvalidEventException(List.of("'routing_key' does not match any integration")));
    return switch (event.action()) {
      case TRIGGER -> trigger(route, event);
      case ACKNOWLEDGE, RESOLVE -> {
        signalOpenIncident(route, event);
        yield event.dedupKey();
      }
    };
  }

  private String trigger(IntegrationRoutes.Route route, EnqueueEvent event) {
    String dedupKey = event.dedupKey() != null ? event.dedupKey() : UUID.randomUUID().toString().replace("-", "");
    EventPayload payload = event.payload();
    Instant receivedAt = Instant.now();
    long alertId =
        alerts.store(
            route.accountId(),
            new AlertStore.NewAlert(
                UUID.randomUUID(), payload.summary(), payload.source(), payload.severity().wireValue(),
                payload.component(), payload.group(), payload.eventClass(), payload.customDetailsJson(),
                event.client(), event.clientUrl(), event.imagesJson(), event.linksJson(),
                payload.timestamp(), receivedAt));
    IncidentKey key = new IncidentKey(route.accountId(), route.serviceId(), dedupKey);
    IncidentWorkflow incident =
        temporal.newWorkflowStub(
            IncidentWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(key.workflowId())
                .setTaskQueue(IncidentWorkflow.TASK_QUEUE)
                .build());
    // Signal-with-start: starts the incident, or joins the one open for this key. Concurrent
    // duplicates therefore can never open two incidents.
    BatchRequest request = temporal.newSignalWithStartRequest();
    request.add(incident::run, IncidentStart.of(key));
    request.add(
        incident::trigger,
        new AlertSignal(alertId, payload.summary(), payload.severity().wireValue(), receivedAt));
    temporal.signalWithStart(request);
    log.info("Trigger for service {} accepted as alert {} (workflow {})", route.serviceId(), alertId, key.workflowId());
    return dedupKey;
  }

  /** PagerDuty's behaviour: acknowledging or resolving when nothing is open is accepted and does nothing. */
  private void signalOpenIncident(IntegrationRoutes.Route route, EnqueueEvent event) {
    IncidentKey key = new IncidentKey(route.accountId(), route.serviceId(), event.dedupKey());
    IncidentWorkflow incident = temporal.newWorkflowStub(IncidentWorkflow.class, key.workflowId());
    Responder by = Responder.integration(event.client());
    try {
      if (event.action() == EventAction.ACKNOWLEDGE) {
        incident.acknowledge(by);
      } else {
        incident.resolve(by);
      }
    } catch (WorkflowNotFoundException noOpenIncident) {
      log.debug("{} for service {}: no open incident", event.action(), route.serviceId());
    }
  }
}
