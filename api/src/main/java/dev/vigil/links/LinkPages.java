package dev.vigil.links;

import dev.vigil.incident.record.CurrentIncidents;
import dev.vigil.incident.web.IncidentActions.Action;
import dev.vigil.notification.delivery.AlertDetails;
import dev.vigil.notification.delivery.AlertDetailsReader;
import dev.vigil.notification.delivery.AlertDetailsText;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What an email link's page shows: the incident as it is now (status, service, the alert's details
 * as the email showed them), and the button only while it can still do something. A second visit
 * after acknowledging finds no acknowledge button; a resolved incident offers none.
 */
@Component
class LinkPages {

  private final CurrentIncidents incidents;
  private final AlertDetailsReader alerts;

  LinkPages(CurrentIncidents incidents, AlertDetailsReader alerts) {
    this.incidents = incidents;
    this.alerts = alerts;
  }

  /** The incident now; empty when it is gone. */
  Optional<Incident> incident(long accountId, long incidentId) {
    return incidents
        .find(accountId, incidentId)
        .map(
            now ->
                new Incident(
                    now.number(),
                    now.title(),
                    now.status(),
                    now.urgency(),
                    now.serviceName(),
                    now.acknowledgedAt(),
                    now.resolvedAt()));
  }

  record Incident(
      long number,
      String title,
      String status,
      String urgency,
      String serviceName,
      Instant acknowledgedAt,
      Instant resolvedAt) {

    /** Whether the link's action would change anything now. */
    boolean offers(Action action) {
      return switch (action) {
        case ACKNOWLEDGE -> status.equals("triggered");
        case RESOLVE -> !status.equals("resolved");
      };
    }
  }

  /** The page's body below its heading: the status line, the button if any, the details. */
  String body(long incidentId, Incident incident, Action action) {
    StringBuilder html = new StringBuilder();
    html.append("<p style=\"font-size:17px\">Status: <strong>")
        .append(AlertDetailsText.html(incident.status()))
        .append("</strong></p>");
    if (incident.offers(action)) {
      String verb = action == Action.ACKNOWLEDGE ? "Acknowledge" : "Resolve";
      html.append("<form method=\"post\"><button type=\"submit\" style=\"")
          .append(BUTTON)
          .append("\">")
          .append(verb)
          .append(" incident #")
          .append(incident.number())
          .append("</button></form>");
    } else {
      html.append("<p>Incident #")
          .append(incident.number())
          .append(" is already ")
          .append(AlertDetailsText.html(incident.status()))
          .append(": nothing to do here.</p>");
    }
    html.append(AlertDetailsText.TABLE)
        .append(AlertDetailsText.htmlRow("Service", incident.serviceName()))
        .append(AlertDetailsText.htmlRow("Urgency", incident.urgency()));
    Optional<AlertDetails> alert = alerts.forIncident(incidentId);
    alert.ifPresent(a -> html.append(AlertDetailsText.htmlRows(a)));
    html.append("</table>");
    alert.ifPresent(a -> html.append(AlertDetailsText.htmlSections(a)));
    return html.toString();
  }

  private static final String BUTTON =
      "font-size:18px;padding:12px 20px;background:#1f6feb;color:#ffffff;border:0;"
          + "border-radius:4px;width:100%;max-width:360px";

  /** Used by the controller's page frame: one column, a phone's width. */
  static final String FRAME_STYLE =
      "max-width:600px;margin:0 auto;padding:12px;font-family:Arial,Helvetica,sans-serif;"
          + "font-size:15px;line-height:1.4;color:#222";
}
