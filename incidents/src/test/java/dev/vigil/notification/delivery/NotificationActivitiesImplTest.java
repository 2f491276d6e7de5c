package dev.vigil.notification.delivery;

import static dev.vigil.testsupport.TestTeam.level;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.vigil.incident.OpenedIncident;
import dev.vigil.incident.record.AlertStore;
import dev.vigil.incident.record.IncidentActivitiesImpl;
import dev.vigil.notification.Channel;
import dev.vigil.notification.NotificationReceipt;
import dev.vigil.notification.NotificationStep;
import dev.vigil.notification.SendNotification;
import dev.vigil.oncall.OnCallSetup;
import dev.vigil.testsupport.ActivitiesTestApplication;
import dev.vigil.testsupport.DevInbox;
import dev.vigil.testsupport.DevInbox.Message;
import dev.vigil.testsupport.TestIncidents;
import dev.vigil.testsupport.TestTeam;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sending is retried by Temporal (up to three attempts per page): a retry must never page anyone
 * twice. Runs the real activity against PostgreSQL and the dev inbox.
 */
@SpringBootTest(classes = ActivitiesTestApplication.class)
class NotificationActivitiesImplTest {

  @Autowired NotificationActivitiesImpl notifications;
  @Autowired IncidentActivitiesImpl incidents;
  @Autowired AlertStore alerts;
  @Autowired OnCallSetup onCall;
  @Autowired JdbcClient jdbc;

  private DevInbox inbox;
  private TestTeam team;
  private long alice;
  private OpenedIncident incident;
  private Instant at;

  @BeforeEach
  void openAnIncident(TestInfo test) {
    inbox = new DevInbox(jdbc);
    team = TestTeam.create(onCall, test.getTestMethod().orElseThrow().getName());
    alice = team.user("Alice");
    long checkout = team.service("Checkout", 0, level(Duration.ofMinutes(5), alice));
    at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    incident =
        new TestIncidents(alerts, incidents)
            .open(team.accountId(), team.key(checkout, "disk-full"), "Disk full on db-1", at);
  }

  @Test
  void aRetriedSendWithTheSameIdempotencyKeyPagesOnce() {
    SendNotification page = smsToAlice("incident-x/run-1/r1/l1/cm1/sms", 2);

    NotificationReceipt first = notifications.send(page);
    NotificationReceipt retry = notifications.send(page);

    assertThat(retry).isEqualTo(first);
    assertThat(inbox.messages(team.accountId()))
        .extracting(Message::channel, Message::recipient)
        .containsExactly(tuple("sms", team.phone(alice)));
    assertThat(notificationsOf(page.idempotencyKey())).isEqualTo(1);
    assertThat(timelineKinds()).containsExactly("triggered", "notified");
  }

  @Test
  void sendsWithDifferentIdempotencyKeysAreDifferentPages() {
    // The other side of the key: a second page (say, the next pass of the policy, five minutes
    // later, within Alice's page budget) does go out.
    notifications.send(smsToAlice("incident-x/run-1/r1/l1/cm1/sms", 2));
    notifications.send(
        smsToAlice("incident-x/run-1/r2/l1/cm1/sms", 3, at.plus(Duration.ofMinutes(5))));

    assertThat(inbox.messages(team.accountId())).hasSize(2);
  }

  @Test
  void aRetryAfterAnAttemptDiedBeforeMarkingItSentStillDeliversOnce() {
    SendNotification page = smsToAlice("incident-x/run-1/r1/l1/cm1/sms", 2);
    notifications.send(page);
    // What a worker that died right after the provider call leaves behind: the page delivered,
    // the notification still 'sending'. The dev inbox is keyed by notification, so the retry that
    // follows sends nothing new.
    jdbc.sql(
            "update notifications set status = 'sending', sent_at = null where idempotency_key = ?")
        .param(page.idempotencyKey())
        .update();

    NotificationReceipt retry = notifications.send(page);

    assertThat(retry.status()).isEqualTo("sent");
    assertThat(inbox.messages(team.accountId())).hasSize(1);
    assertThat(
            jdbc.sql("select status from notifications where idempotency_key = ?")
                .param(page.idempotencyKey())
                .query(String.class)
                .single())
        .isEqualTo("sent");
  }

  private SendNotification smsToAlice(String idempotencyKey, int seq) {
    return smsToAlice(idempotencyKey, seq, at);
  }

  private SendNotification smsToAlice(String idempotencyKey, int seq, Instant when) {
    NotificationStep step =
        new NotificationStep(alice, "Alice", team.phoneContactMethodId(alice), Channel.SMS, 0);
    return new SendNotification(
        incident.incidentId(), step, idempotencyKey + "/" + team.accountId(), when, seq);
  }

  private int notificationsOf(String idempotencyKey) {
    return jdbc.sql(
            "select count(*) from notifications where account_id = ? and idempotency_key = ?")
        .params(team.accountId(), idempotencyKey)
        .query(Integer.class)
        .single();
  }

  private List<String> timelineKinds() {
    return jdbc.sql(
            "select kind from incident_log_entries where account_id = ? and incident_id = ? order by seq")
        .params(team.accountId(), incident.incidentId())
        .query(String.class)
        .list();
  }
}
