package dev.vigil.links;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.incident.web.IncidentActions.Action;
import dev.vigil.notification.delivery.EmailLinkStore;
import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver;
import dev.vigil.testsupport.Notifications;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Acknowledge and resolve links in page emails, through the whole app: an incident emails Alice
 * (dev inbox), the email carries signed links, and the links act only when their button is pressed,
 * once, before they expire, and only as signed.
 */
class EmailLinkTest extends AppTestBase {

  @Autowired SignedLinks links;

  private Team team;
  private long incidentId;
  private long notificationId;

  @BeforeEach
  void emailAlice() {
    team = newTeam(600);
    assertThat(sendTrigger(team.routingKey(), "disk-full", "Disk full on db-1").status())
        .isEqualTo(202);
    notificationId =
        new Notifications(jdbc).await(team.accountId(), "email", Notifications.Row::sent).id();
    incidentId =
        jdbc.sql("select incident_id from notifications where id = ?")
            .param(notificationId)
            .query(Long.class)
            .single();
  }

  @Test
  void thePageEmailCarriesSignedLinksAndTheButtonAcknowledgesOnce() {
    String body =
        jdbc.sql("select body from dev_inbox_messages where notification_id = ?")
            .param(notificationId)
            .query(String.class)
            .single();
    String acknowledge = linkIn(body, "Acknowledge");
    assertThat(acknowledge).startsWith("http://localhost:").contains("/links/");
    String path = acknowledge.substring(acknowledge.indexOf("/links/"));

    // Fetching the link (a person, or a mail scanner) changes nothing: it shows one button.
    HttpDriver.Response shown = http().get(path, "X-Nothing", "");
    assertThat(shown.status()).isEqualTo(200);
    assertThat(shown.body()).contains("<form method=\"post\">").contains("Acknowledge incident #1");
    assertThat(status()).isEqualTo("triggered");

    HttpDriver.Response pressed = http().postForm(path, "");
    assertThat(pressed.status()).isEqualTo(200);
    assertThat(pressed.body()).contains("Incident #1 acknowledged.");
    assertThat(status()).isEqualTo("acknowledged");
    assertThat(timeline()).contains("Acknowledged by Alice via email link");

    // Used again: says so, no second entry.
    assertThat(http().postForm(path, "").body()).contains("Incident #1 is already acknowledged.");
    assertThat(timeline().stream().filter(m -> m.startsWith("Acknowledged by"))).hasSize(1);
  }

  @Test
  void aResolveLinkResolvesAndAReusedOneSaysItIsResolved() {
    String path = path(links.url(incidentId, notificationId, Action.RESOLVE, later()));

    assertThat(http().postForm(path, "").body()).contains("Incident #1 resolved.");
    assertThat(status()).isEqualTo("resolved");
    assertThat(http().postForm(path, "").body()).contains("Incident #1 is already resolved.");
    String acknowledge = path(links.url(incidentId, notificationId, Action.ACKNOWLEDGE, later()));
    assertThat(http().postForm(acknowledge, "").body())
        .contains("Incident #1 is already resolved.");
  }

  @Test
  void anExpiredLinkSaysSoAndChangesNothing() {
    String path =
        path(
            links.url(
                incidentId, notificationId, Action.ACKNOWLEDGE, Instant.now().minusSeconds(1)));

    HttpDriver.Response shown = http().get(path, "X-Nothing", "");
    HttpDriver.Response pressed = http().postForm(path, "");

    assertThat(shown.body()).contains("This link has expired").doesNotContain("<form");
    assertThat(pressed.status()).isEqualTo(410);
    assertThat(pressed.body()).contains("This link has expired");
    assertThat(status()).isEqualTo("triggered");
  }

  @Test
  void aTamperedLinkIsNotValidAndChangesNothing() {
    String token = links.token(incidentId, notificationId, Action.ACKNOWLEDGE, later());
    String payload = token.substring(0, token.indexOf('.'));
    String signature = token.substring(token.indexOf('.') + 1);
    // The resolve payload with the acknowledge link's signature.
    String resolvePayload =
        links.token(incidentId, notificationId, Action.RESOLVE, later()).split("\\.")[0];
    // A later expiry, signed with another secret.
    String forged =
        new SignedLinks(
                "not-the-secret",
                "http://x",
                java.time.Duration.ofDays(1),
                new EmailLinkStore(jdbc))
            .token(incidentId, notificationId, Action.RESOLVE, later().plusSeconds(99999));

    for (String bad :
        List.of(
            resolvePayload + "." + signature,
            payload + "." + signature.substring(1),
            payload,
            forged,
            "garbage")) {
      HttpDriver.Response pressed = http().postForm("/links/" + bad, "");
      assertThat(pressed.status()).as(bad).isEqualTo(400);
      assertThat(pressed.body()).contains("This link is not valid");
      assertThat(http().get("/links/" + bad, "X-Nothing", "").body())
          .contains("This link is not valid");
    }
    assertThat(status()).isEqualTo("triggered");
  }

  private static Instant later() {
    return Instant.now().plusSeconds(3600);
  }

  private static String path(String url) {
    return url.substring(url.indexOf("/links/"));
  }

  /** The URL of the labelled link in the text part ("Acknowledge: https://..."). */
  private static String linkIn(String body, String label) {
    return body.lines()
        .filter(line -> line.startsWith(label + ": "))
        .map(line -> line.substring(label.length() + 2).strip())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + label + " link in: " + body));
  }

  private String status() {
    return jdbc.sql("select status from incidents where account_id = ? and number = 1")
        .param(team.accountId())
        .query(String.class)
        .single();
  }

  private List<String> timeline() {
    return jdbc.sql(
            "select message from incident_log_entries where account_id = ? order by at, seq")
        .param(team.accountId())
        .query(String.class)
        .list();
  }
}
