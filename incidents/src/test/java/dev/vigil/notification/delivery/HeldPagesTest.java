package dev.vigil.notification.delivery;

import static dev.vigil.testsupport.TestTeam.level;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.incident.IncidentStatus;
import dev.vigil.incident.OpenedIncident;
import dev.vigil.incident.RecordTransition;
import dev.vigil.incident.Responder;
import dev.vigil.incident.record.AlertStore;
import dev.vigil.incident.record.IncidentActivitiesImpl;
import dev.vigil.notification.Channel;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A storm seen from the send activity: pages to one person beyond their SMS budget are held,
 * carried by the next message the budget allows, and never sent for incidents acknowledged
 * meanwhile. Runs the real activity and the real digest on PostgreSQL and the dev inbox; the test
 * picks the instants (pages carry the time they fell due, digests are run at a given time).
 */
@SpringBootTest(classes = ActivitiesTestApplication.class)
class HeldPagesTest {

  private static final Pattern NUMBER = Pattern.compile("#(\\d+)");

  @Autowired NotificationActivitiesImpl notifications;
  @Autowired HeldPageDigest digest;
  @Autowired IncidentActivitiesImpl incidents;
  @Autowired AlertStore alerts;
  @Autowired OnCallSetup onCall;
  @Autowired JdbcClient jdbc;

  private DevInbox inbox;
  private TestTeam team;
  private long alice;
  private long checkout;
  private Instant at;

  @BeforeEach
  void team(TestInfo test) {
    inbox = new DevInbox(jdbc);
    team = TestTeam.create(onCall, test.getTestMethod().orElseThrow().getName());
    alice = team.user("Alice");
    checkout = team.service("Checkout", 0, level(Duration.ofMinutes(5), alice));
    at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  @Test
  void twentyPagesInAMinuteWakeAliceOnceAndOneDigestNamesTheStillTriggeredOnes() {
    List<OpenedIncident> storm = new ArrayList<>();
    List<String> outcomes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Instant when = at.plusSeconds(2L * i);
      OpenedIncident incident = open("disk-" + i, "Disk full on db-" + i, when);
      storm.add(incident);
      outcomes.add(notifications.send(sms(incident, when)).status());
    }

    assertThat(outcomes.get(0)).isEqualTo("sent");
    assertThat(outcomes.subList(1, 20)).containsOnly("held");
    assertThat(sms())
        .extracting(Message::body)
        .containsExactly("Vigil #1 HIGH Checkout: Disk full on db-0 Reply 4 to ack, 6 to resolve.");
    assertThat(timeline(storm.get(4)))
        .contains("SMS to Alice held: page budget (1 per minute); bundled into the next message");

    // Alice acknowledges #3 and #4 from the app while their pages are held.
    acknowledge(storm.get(2), at.plusSeconds(45));
    acknowledge(storm.get(3), at.plusSeconds(46));

    // Within the minute of the first SMS the budget allows nothing: no digest yet.
    digest.sendDue(at.plusSeconds(59));
    assertThat(sms()).hasSize(1);

    digest.sendDue(at.plusSeconds(61));
    List<Message> messages = sms();
    assertThat(messages).hasSize(2);
    Message bundle = messages.get(1);
    assertThat(bundle.incidentNumber()).isEqualTo(2);
    assertThat(bundle.body())
        .startsWith("Vigil #2 HIGH Checkout: Disk full on db-1 (+16 more: #5 #6");
    assertThat(numbersIn(bundle.body()))
        .containsExactly(
            2L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L);
    assertThat(timeline(storm.get(6)))
        .contains("Held SMS to Alice went out, in a digest SMS of 17 incidents (dev-inbox)");
    assertThat(timeline(storm.get(2)))
        .contains(
            "Held SMS to Alice dropped: the incident was acknowledged before a message could carry it");

    // Nothing is waiting any more, and the budget is spent again.
    digest.sendDue(at.plusSeconds(200));
    assertThat(sms()).hasSize(2);
    assertThat(statuses())
        .containsEntry("sent", 2L) // the first page and the digest: what billing counts
        .containsEntry("held", 19L);
  }

  @Test
  void theNextPageTheBudgetAllowsCarriesTheHeldOnes() {
    OpenedIncident first = open("disk", "Disk full on db-1", at);
    OpenedIncident second = open("cpu", "CPU hot on web-3", at.plusSeconds(10));
    OpenedIncident third = open("mem", "Memory low on web-4", at.plusSeconds(70));

    notifications.send(sms(first, at));
    assertThat(notifications.send(sms(second, at.plusSeconds(10))).status()).isEqualTo("held");
    assertThat(notifications.send(sms(third, at.plusSeconds(70))).status()).isEqualTo("sent");

    assertThat(sms())
        .extracting(Message::body)
        .containsExactly(
            "Vigil #1 HIGH Checkout: Disk full on db-1 Reply 4 to ack, 6 to resolve.",
            "Vigil #3 HIGH Checkout: Memory low on web-4 (+1 more: #2) Reply 4 to ack, 6 to resolve.");
    assertThat(timeline(second))
        .contains("Held SMS to Alice went out, bundled into the SMS for #3 (dev-inbox)");
    assertThat(timeline(third)).contains("Notified Alice by sms (dev-inbox, carrying 1 held)");
    // Carried already: the digest has nothing to send.
    digest.sendDue(at.plusSeconds(300));
    assertThat(sms()).hasSize(2);
  }

  @Test
  void emailListsTheHeldIncidents() {
    List<OpenedIncident> storm = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      storm.add(open("disk-" + i, "Disk full on db-" + i, at));
      notifications.send(email(storm.get(i), at));
    }
    // Five emails a minute: two held.
    assertThat(emails()).hasSize(5);

    digest.sendDue(at.plusSeconds(61));

    assertThat(emails()).hasSize(6);
    Message digestMail = emails().get(5);
    assertThat(digestMail.subject()).isEqualTo("[Vigil] #6 triggered: Disk full on db-5 (+1 more)");
    assertThat(digestMail.body())
        .contains(
            """
            Also triggered and assigned to you (held by your page budget):
              #7 HIGH Checkout: Disk full on db-6
            """);
  }

  @Test
  void aRetriedSendDecidesAsTheFirstAttemptDid() {
    OpenedIncident first = open("disk", "Disk full on db-1", at);
    OpenedIncident second = open("cpu", "CPU hot on web-3", at.plusSeconds(10));
    SendNotification admitted = sms(first, at);
    SendNotification overBudget = sms(second, at.plusSeconds(10));
    notifications.send(admitted);
    notifications.send(overBudget);

    // A worker died after the provider took the first page and before it was marked sent. Its own
    // message is in the budget's minute now: a retry that asked the budget again would hold it.
    jdbc.sql(
            "update notifications set status = 'sending', sent_at = null where idempotency_key = ?")
        .param(admitted.idempotencyKey())
        .update();
    assertThat(notifications.send(admitted).status()).isEqualTo("sent");

    // The held page's retry stays held, and its timeline says so once.
    assertThat(notifications.send(overBudget).status()).isEqualTo("held");
    assertThat(sms()).hasSize(1);
    assertThat(timeline(second))
        .filteredOn(entry -> entry.contains("held"))
        .containsExactly(
            "SMS to Alice held: page budget (1 per minute); bundled into the next message");
  }

  @Test
  void twoReplicasSendingDigestsAtOnceSendOne() throws Exception {
    for (int i = 0; i < 4; i++) {
      notifications.send(sms(open("disk-" + i, "Disk full on db-" + i, at), at));
    }
    Instant later = at.plusSeconds(61);
    CountDownLatch start = new CountDownLatch(1);
    // (Each round also sends digests of other tests' held pages: Alice's inbox is the proof.)
    Callable<Integer> round =
        () -> {
          start.await();
          return digest.sendDue(later);
        };
    ExecutorService replicas = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> one = replicas.submit(round);
      Future<Integer> two = replicas.submit(round);
      start.countDown();
      one.get();
      two.get();
    } finally {
      replicas.shutdownNow();
    }
    assertThat(sms()).hasSize(2);
    assertThat(numbersIn(sms().get(1).body())).containsExactly(2L, 3L, 4L);
  }

  private OpenedIncident open(String dedupKey, String title, Instant when) {
    return new TestIncidents(alerts, incidents)
        .open(team.accountId(), team.key(checkout, dedupKey), title, when);
  }

  private void acknowledge(OpenedIncident incident, Instant when) {
    incidents.recordTransition(
        new RecordTransition(
            incident.incidentId(),
            IncidentStatus.ACKNOWLEDGED,
            new Responder(alice, "Alice", "REST API"),
            when,
            3));
  }

  private SendNotification sms(OpenedIncident incident, Instant when) {
    NotificationStep step =
        new NotificationStep(alice, "Alice", team.phoneContactMethodId(alice), Channel.SMS, 0);
    return new SendNotification(
        incident.incidentId(), step, "storm/" + incident.incidentId() + "/sms", when, 2);
  }

  private SendNotification email(OpenedIncident incident, Instant when) {
    long emailMethod =
        jdbc.sql("select id from contact_methods where user_id = ? and kind = 'email'")
            .param(alice)
            .query(Long.class)
            .single();
    NotificationStep step = new NotificationStep(alice, "Alice", emailMethod, Channel.EMAIL, 0);
    return new SendNotification(
        incident.incidentId(), step, "storm/" + incident.incidentId() + "/email", when, 2);
  }

  private List<Message> sms() {
    return inbox.messages(team.accountId()).stream()
        .filter(m -> m.channel().equals("sms"))
        .toList();
  }

  private List<Message> emails() {
    return inbox.messages(team.accountId()).stream()
        .filter(m -> m.channel().equals("email"))
        .toList();
  }

  private static List<Long> numbersIn(String body) {
    List<Long> numbers = new ArrayList<>();
    Matcher matcher = NUMBER.matcher(body);
    while (matcher.find()) {
      numbers.add(Long.parseLong(matcher.group(1)));
    }
    return numbers;
  }

  private List<String> timeline(OpenedIncident incident) {
    return jdbc.sql(
            "select message from incident_log_entries where incident_id = ? order by at, seq nulls last, id")
        .param(incident.incidentId())
        .query(String.class)
        .list();
  }

  private java.util.Map<String, Long> statuses() {
    java.util.Map<String, Long> counts = new java.util.TreeMap<>();
    jdbc.sql("select status, count(*) from notifications where account_id = ? group by status")
        .param(team.accountId())
        .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2)))
        .list();
    return counts;
  }
}
