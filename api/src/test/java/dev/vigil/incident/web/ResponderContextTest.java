package dev.vigil.incident.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver.Response;
import dev.vigil.testsupport.Notifications;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What the monitoring tool sent reaches the responder: the incident's alerts in the API, the
 * alert's details and links in the page's email, and the incident as it is now on the email link's
 * page, which offers no acknowledge that already happened.
 */
class ResponderContextTest extends AppTestBase {

  private static final String EVENT =
      """
      {"routing_key": "%s", "event_action": "trigger", "dedup_key": "disk-db-01",
       "client": "Alertmanager", "client_url": "https://alertmanager.example.com/#/alerts",
       "links": [{"href": "https://runbooks.example.com/disk", "text": "Runbook"}],
       "images": [{"src": "https://grafana.example.com/render/disk.png", "alt": "Disk usage"}],
       "payload": {"summary": "Disk full on db-01", "source": "db-01", "severity": "critical",
                   "component": "postgres", "group": "checkout-db", "class": "disk",
                   "custom_details": {"alertname": "DiskFull", "mountpoint": "/var/lib/pg",
                                      "note": "<script>alert(1)</script>"}}}""";

  private Team team;
  private long number;

  @BeforeEach
  void trigger() {
    team = newTeam(600);
    assertThat(http().postJson("/v2/enqueue", EVENT.formatted(team.routingKey())).status())
        .isEqualTo(202);
    number =
        await()
            .atMost(Duration.ofSeconds(15))
            .until(
                () ->
                    jdbc.sql("select number from incidents where account_id = ?")
                        .param(team.accountId())
                        .query(Long.class)
                        .optional()
                        .orElse(0L),
                n -> n > 0);
  }

  @Test
  void theIncidentShowsItsAlertsWithEverythingTheToolSent() {
    // A duplicate counts on the same alert entry.
    http().postJson("/v2/enqueue", EVENT.formatted(team.routingKey()));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> alertsOf().get(0).get("alert_count").asInt() == 2);

    JsonNode alert = alertsOf().get(0);
    assertThat(alertsOf().size()).isEqualTo(1);
    assertThat(alert.get("dedup_key").asString()).isEqualTo("disk-db-01");
    assertThat(alert.get("summary").asString()).isEqualTo("Disk full on db-01");
    assertThat(alert.get("severity").asString()).isEqualTo("critical");
    assertThat(alert.get("source").asString()).isEqualTo("db-01");
    assertThat(alert.get("component").asString()).isEqualTo("postgres");
    assertThat(alert.get("group").asString()).isEqualTo("checkout-db");
    assertThat(alert.get("class").asString()).isEqualTo("disk");
    assertThat(alert.at("/custom_details/alertname").asString()).isEqualTo("DiskFull");
    assertThat(alert.at("/custom_details/note").asString()).isEqualTo("<script>alert(1)</script>");
    assertThat(alert.at("/links/0/href").asString()).isEqualTo("https://runbooks.example.com/disk");
    assertThat(alert.at("/links/0/text").asString()).isEqualTo("Runbook");
    assertThat(alert.at("/images/0/src").asString())
        .isEqualTo("https://grafana.example.com/render/disk.png");
    assertThat(alert.at("/images/0/alt").asString()).isEqualTo("Disk usage");
    assertThat(alert.get("client").asString()).isEqualTo("Alertmanager");
    assertThat(alert.get("client_url").asString())
        .isEqualTo("https://alertmanager.example.com/#/alerts");
    assertThat(alert.get("first_received_at").asString()).isNotBlank();
    assertThat(alert.get("last_received_at").asString()).isNotBlank();
  }

  @Test
  void thePageEmailCarriesTheDetailsAndLinksAndTheSmsStaysShort() {
    long email =
        new Notifications(jdbc).await(team.accountId(), "email", Notifications.Row::sent).id();
    String body = inboxBody(email);
    assertThat(body)
        .contains("Source:   db-01")
        .contains("Details:\n")
        .contains("  alertname: DiskFull\n")
        .contains("  mountpoint: /var/lib/pg\n")
        .contains("  Runbook: https://runbooks.example.com/disk\n")
        .contains("  View in Alertmanager: https://alertmanager.example.com/#/alerts\n");

    long sms = new Notifications(jdbc).await(team.accountId(), "sms", Notifications.Row::sent).id();
    assertThat(inboxBody(sms)).doesNotContain("DiskFull").endsWith("Reply 4 to ack, 6 to resolve.");
  }

  @Test
  void theLinkPageShowsTheIncidentNowAndNoAcknowledgeOnceAcknowledged() {
    long email =
        new Notifications(jdbc).await(team.accountId(), "email", Notifications.Row::sent).id();
    String acknowledge = linkIn(inboxBody(email), "Acknowledge");
    String resolve = linkIn(inboxBody(email), "Resolve");

    Response first = http().get(acknowledge, "X-Nothing", "");
    assertThat(first.body())
        .contains("Status: <strong>triggered</strong>")
        .contains("<form method=\"post\">")
        .contains(">DiskFull</td>")
        .contains("<a href=\"https://runbooks.example.com/disk\"")
        // What the monitoring tool sent is text on the page, never markup.
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script>");

    assertThat(http().postForm(acknowledge, "").body())
        .contains("Incident #" + number + " acknowledged.");

    Response second = http().get(acknowledge, "X-Nothing", "");
    assertThat(second.body())
        .contains("Status: <strong>acknowledged</strong>")
        .contains("is already acknowledged")
        .doesNotContain("<form")
        .contains(">DiskFull</td>");

    http().post("/api/v1/incidents/" + number + "/resolve", team.token());
    assertThat(http().get(resolve, "X-Nothing", "").body())
        .contains("Status: <strong>resolved</strong>")
        .doesNotContain("<form");
  }

  /** The path of the labelled link in the email's text part ("Acknowledge: https://..."). */
  private static String linkIn(String body, String label) {
    String url =
        body.lines()
            .filter(line -> line.startsWith(label + ": "))
            .map(line -> line.substring(label.length() + 2).strip())
            .findFirst()
            .orElseThrow(() -> new AssertionError("no " + label + " link in: " + body));
    return url.substring(url.indexOf("/links/"));
  }

  private JsonNode alertsOf() {
    return http().get("/api/v1/incidents/" + number, team.token()).json().at("/incident/alerts");
  }

  private String inboxBody(long notificationId) {
    return jdbc.sql("select body from dev_inbox_messages where notification_id = ?")
        .param(notificationId)
        .query(String.class)
        .single();
  }
}
