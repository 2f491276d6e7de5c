package dev.vigil.outbound.delivery;

import dev.vigil.incident.Responder;
import dev.vigil.oncall.webhook.WebhookEventTypes;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bodies in the shape of PagerDuty's webhooks v3: {@code {"event": {"id", "event_type",
 * "resource_type", "occurred_at", "agent", "client", "data"}}}, so receivers written for PagerDuty
 * read them. Ids are strings; an incident's id is its number, as in Vigil's REST API.
 */
final class WebhookPayloads {

  /** An incident as the event shows it, read in the transaction that wrote the entry. */
  record IncidentSnapshot(
      long number,
      String title,
      String status,
      String urgency,
      String priority,
      String dedupKey,
      Instant createdAt,
      long serviceId,
      String serviceName,
      Long policyId,
      String policyName) {}

  /** Someone the incident is assigned to now. */
  record AssigneeRef(long id, String name) {}

  private final ObjectMapper json = JsonMapper.builder().build();
  private final String publicUrl;

  WebhookPayloads(String publicUrl) {
    this.publicUrl = publicUrl.replaceAll("/+$", "");
  }

  String incidentEvent(
      UUID eventId,
      String eventType,
      Instant at,
      Responder by,
      IncidentSnapshot incident,
      List<AssigneeRef> assignees,
      String message) {
    ObjectNode event = envelope(eventId, eventType, "incident", at);
    if (by != null) {
      ObjectNode agent = event.putObject("agent");
      agent.put("id", by.userId() == null ? null : String.valueOf(by.userId()));
      agent.put("summary", by.name());
      agent.put("type", by.userId() == null ? "integration_reference" : "user_reference");
      agent.put("via", by.via());
    } else {
      event.putNull("agent");
    }
    event.putNull("client");
    if (WebhookEventTypes.ANNOTATED.equals(eventType)) {
      ObjectNode note = event.putObject("data");
      note.set("incident", reference(incident));
      note.put("content", message);
      note.putNull("trigger_client");
      note.put("type", "incident_note");
    } else {
      ObjectNode data = event.putObject("data");
      String number = String.valueOf(incident.number());
      data.put("id", number);
      data.put("type", "incident");
      data.put("self", publicUrl + "/api/v1/incidents/" + number);
      data.put("html_url", publicUrl + "/console/incidents/" + number);
      data.put("number", incident.number());
      data.put("status", incident.status());
      data.put("incident_key", incident.dedupKey());
      data.put("created_at", incident.createdAt().toString());
      data.put("title", incident.title());
      ObjectNode service = data.putObject("service");
      service.put("id", String.valueOf(incident.serviceId()));
      service.put("summary", incident.serviceName());
      service.put("type", "service_reference");
      service.put("self", publicUrl + "/api/v1/services/" + incident.serviceId());
      service.put("html_url", publicUrl + "/console/admin/services/" + incident.serviceId());
      ArrayNode assigned = data.putArray("assignees");
      for (AssigneeRef assignee : assignees) {
        ObjectNode user = assigned.addObject();
        user.put("id", String.valueOf(assignee.id()));
        user.put("summary", assignee.name());
        user.put("type", "user_reference");
        user.put("self", publicUrl + "/api/v1/users/" + assignee.id());
      }
      // The policy of the incident's service: the one it escalates on unless reassigned (none
      // once the service is archived).
      if (incident.policyId() == null) {
        data.putNull("escalation_policy");
      } else {
        ObjectNode policy = data.putObject("escalation_policy");
        policy.put("id", String.valueOf(incident.policyId()));
        policy.put("summary", incident.policyName());
        policy.put("type", "escalation_policy_reference");
        policy.put("self", publicUrl + "/api/v1/escalation_policies/" + incident.policyId());
        policy.put("html_url", publicUrl + "/console/admin/policies/" + incident.policyId());
      }
      data.put("urgency", incident.urgency());
      if (incident.priority() == null) {
        data.putNull("priority");
      } else {
        data.putObject("priority").put("summary", incident.priority()).put("type", "priority");
      }
      // What happened, in the words of the incident's timeline.
      data.put("summary", message);
    }
    return json.writeValueAsString(root(event));
  }

  String ping(UUID eventId, Instant at) {
    ObjectNode event = envelope(eventId, WebhookEventTypes.PING, "pagey", at);
    event.putNull("agent");
    event.putNull("client");
    ObjectNode data = event.putObject("data");
    data.put("message", "Hello from Vigil: this subscription receives its events here");
    data.put("type", "ping");
    return json.writeValueAsString(root(event));
  }

  private ObjectNode reference(IncidentSnapshot incident) {
    String number = String.valueOf(incident.number());
    ObjectNode reference = json.createObjectNode();
    reference.put("id", number);
    reference.put("type", "incident_reference");
    reference.put("summary", incident.title());
    reference.put("self", publicUrl + "/api/v1/incidents/" + number);
    reference.put("html_url", publicUrl + "/console/incidents/" + number);
    return reference;
  }

  private ObjectNode envelope(UUID eventId, String eventType, String resourceType, Instant at) {
    ObjectNode event = json.createObjectNode();
    event.put("id", eventId.toString());
    event.put("event_type", eventType);
    event.put("resource_type", resourceType);
    event.put("occurred_at", at.toString());
    return event;
  }

  private ObjectNode root(ObjectNode event) {
    ObjectNode root = json.createObjectNode();
    root.set("event", event);
    return root;
  }
}
