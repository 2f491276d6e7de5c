package dev.vigil.incident;

import static dev.vigil.testsupport.TestTeam.level;
import static dev.vigil.testsupport.TwilioStandIn.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vigil.incident.record.IncidentEvents.Triggered;
import dev.vigil.oncall.OnCallSetup;
import dev.vigil.testsupport.ActivitiesTestApplication;
import dev.vigil.testsupport.IncidentRecords;
import dev.vigil.testsupport.IncidentRecords.Entry;
import dev.vigil.testsupport.IncidentWorkflowExtension;
import dev.vigil.testsupport.Notifications;
import dev.vigil.testsupport.TestTeam;
import dev.vigil.testsupport.TwilioStandIn;
import dev.vigil.testsupport.WorkflowHistories;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Failover as an incident lives it: the workflow on the time-skipping test server with the real
 * activities, two Twilio accounts (WireMock stand-ins of Twilio's API) and two SMTP relays
 * (GreenMail). What a responder sees is the timeline; what support sees is the history.
 */
@SpringBootTest(classes = ActivitiesTestApplication.class)
@Import(ProviderFailoverTest.Meters.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ProviderFailoverTest {

  static final String PRIMARY_ACCOUNT = "AC00000000000000000000000000000001";
  static final String BACKUP_ACCOUNT = "AC00000000000000000000000000000002";
  static final String PRIMARY_FROM = "+15005550001";
  static final String BACKUP_FROM = "+15005550002";
  static final String PUBLIC_URL = "https://vigil.example.com";

  static final TwilioStandIn primary = new TwilioStandIn();
  static final TwilioStandIn backup = new TwilioStandIn();
  static final int primaryRelayPort = freePort();
  static final int backupRelayPort = freePort();
  static GreenMail primaryRelay = relay(primaryRelayPort);
  static GreenMail backupRelay = relay(backupRelayPort);

  @DynamicPropertySource
  static void providers(DynamicPropertyRegistry registry) {
    registry.add("vigil.public-url", () -> PUBLIC_URL);
    twilio(registry, 0, "twilio-primary", PRIMARY_ACCOUNT, PRIMARY_FROM, primary);
    twilio(registry, 1, "twilio-backup", BACKUP_ACCOUNT, BACKUP_FROM, backup);
    smtp(registry, 0, "smtp-primary", primaryRelayPort);
    smtp(registry, 1, "smtp-backup", backupRelayPort);
  }

  private static void twilio(
      DynamicPropertyRegistry registry,
      int index,
      String name,
      String account,
      String from,
      TwilioStandIn standIn) {
    String prefix = "vigil.notifications.twilio[" + index + "].";
    registry.add(prefix + "name", () -> name);
    registry.add(prefix + "account-sid", () -> account);
    registry.add(prefix + "auth-token", () -> "token-of-" + name);
    registry.add(prefix + "from", () -> from);
    registry.add(prefix + "api-base-url", () -> standIn.baseUrl().toString());
    registry.add(prefix + "connect-timeout", () -> "1s");
    registry.add(prefix + "read-timeout", () -> "1s");
  }

  private static void smtp(DynamicPropertyRegistry registry, int index, String name, int port) {
    String prefix = "vigil.notifications.smtp[" + index + "].";
    registry.add(prefix + "name", () -> name);
    registry.add(prefix + "host", () -> "127.0.0.1");
    registry.add(prefix + "port", () -> port);
    registry.add(prefix + "from", () -> "Vigil <pages@vigil.example.com>");
    registry.add(prefix + "connect-timeout", () -> "1s");
    registry.add(prefix + "read-timeout", () -> "1s");
  }

  /** Where the activities count pages and failovers, as the application's registry would. */
  @TestConfiguration(proxyBeanMethods = false)
  static class Meters {
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }

  @RegisterExtension final IncidentWorkflowExtension temporal = new IncidentWorkflowExtension();

  @Autowired OnCallSetup onCall;
  @Autowired JdbcClient jdbc;
  @Autowired DataSource dataSource;
  @Autowired MeterRegistry meters;

  private IncidentRecords records;
  private Notifications notifications;
  private TestTeam team;
  private long alice;

  @BeforeEach
  void setUp(TestInfo test) {
    primary.accepts();
    backup.accepts();
    primaryRelay = running(primaryRelay, primaryRelayPort);
    backupRelay = running(backupRelay, backupRelayPort);
    records = new IncidentRecords(jdbc, dataSource);
    notifications = new Notifications(jdbc);
    team = TestTeam.create(onCall, test.getTestMethod().orElseThrow().getName());
    alice = team.user("Alice");
  }

  @AfterAll
  static void stopStandIns() {
    primary.stop();
    backup.stop();
    primaryRelay.stop();
    backupRelay.stop();
  }

  @Test
  void anSmsTheprimaryAnswers500ToGoesThroughTheBackupWithinSeconds() {
    primary.failsWith(500, 20500, "Internal Server Error");
    double failoversBefore = count("vigil.page.failovers", "channel", "sms");
    double primaryFailedBefore = pages("twilio-primary", "failed");
    double backupSentBefore = pages("twilio-backup", "sent");

    Triggered triggered = trigger();
    Notifications.Row sms = notifications.await(team.accountId(), "sms", Notifications.Row::sent);

    // Two quick tries at the primary, then the backup, with the same page.
    assertThat(primary.messageRequests()).hasSize(2);
    assertThat(backup.messageRequests()).hasSize(1);
    assertThat(form(backup.messageRequests().get(0)))
        .containsEntry("To", List.of(team.phone(alice)))
        .containsEntry("From", List.of(BACKUP_FROM))
        .containsEntry(
            "Body",
            List.of("Vigil #1 HIGH Checkout: Disk full on db-1 Reply 4 to ack, 6 to resolve."))
        .containsEntry("StatusCallback", List.of(PUBLIC_URL + "/webhooks/twilio/status"));
    assertThat(primary.contractProblems()).isEmpty();
    assertThat(backup.contractProblems()).isEmpty();
    // The notification log, as billing reads it: who sent it, and what it cost.
    assertThat(sms.provider()).isEqualTo("twilio-backup");
    assertThat(sms.providerAccount()).isEqualTo(BACKUP_ACCOUNT);
    assertThat(sms.providerMessageId()).startsWith("SM");
    assertThat(sms.status()).isEqualTo("sent");
    assertThat(sms.segments()).isEqualTo(1);
    assertThat(sms.destinationCountry()).isEqualTo("US");
    // What an operator's dashboard shows: one failover, two failed tries, one page sent.
    assertThat(count("vigil.page.failovers", "channel", "sms") - failoversBefore).isEqualTo(1);
    assertThat(pages("twilio-primary", "failed") - primaryFailedBefore).isEqualTo(2);
    assertThat(pages("twilio-backup", "sent") - backupSentBefore).isEqualTo(1);

    Incident incident = incident();
    assertThat(awaitTimeline(incident, "Notified Alice by sms (twilio-backup)"))
        .extracting(Entry::message)
        .containsSubsequence(
            "SMS via twilio-primary failed (HTTP 500, Twilio error 20500); trying twilio-backup",
            "Notified Alice by sms (twilio-backup)");
    // The history shows one activity per provider, each naming its provider.
    assertThat(sendsScheduled(triggered.run()))
        .anyMatch(input -> input.contains("\"provider\":\"twilio-primary\""))
        .anyMatch(input -> input.contains("\"provider\":\"twilio-backup\""));
    assertThat(events(triggered.run(), EventType.EVENT_TYPE_MARKER_RECORDED))
        .anyMatch(e -> e.toString().contains(PageSender.PROVIDER_FAILOVER));

    temporal.incident(triggered.run()).resolveNow(new Responder(alice, "Alice", "REST API"));
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> records.incident(team.accountId(), 1).status().equals("resolved"));
    awaitClosed(triggered.run());
    WorkflowHistories.recordIfEnabled(temporal.client(), triggered.run(), "sms-failover");
  }

  @Test
  void aPrimaryThatNeverAnswersHandsOverWhenItTimesOut() {
    primary.answersAfter(Duration.ofSeconds(3)); // beyond the 1 s read timeout

    trigger();
    Notifications.Row sms = notifications.await(team.accountId(), "sms", Notifications.Row::sent);

    assertThat(sms.provider()).isEqualTo("twilio-backup");
    assertThat(backup.messageRequests()).hasSize(1);
    assertThat(awaitTimeline(incident(), "Notified Alice by sms (twilio-backup)"))
        .extracting(Entry::message)
        .contains("SMS via twilio-primary failed (timed out); trying twilio-backup");
  }

  @Test
  void aPrimaryThatRefusesConnectionsHandsOverAtOnce() {
    primary.stop();
    try {
      trigger();
      Notifications.Row sms = notifications.await(team.accountId(), "sms", Notifications.Row::sent);

      assertThat(sms.provider()).isEqualTo("twilio-backup");
      assertThat(awaitTimeline(incident(), "Notified Alice by sms (twilio-backup)"))
          .extracting(Entry::message)
          .contains("SMS via twilio-primary failed (connection refused); trying twilio-backup");
    } finally {
      primary.start();
    }
  }

  @Test
  void anInvalidNumberIsNeitherRetriedNorFailedOver() {
    primary.failsWith(400, 21211, "The 'To' number is not a valid phone number.");

    trigger();
    Notifications.Row sms =
        notifications.await(team.accountId(), "sms", row -> row.status().equals("failed"));

    List<Entry> timeline =
        awaitTimeline(
            incident(),
            "Could not notify Alice by sms via twilio-primary: invalid number (Twilio error 21211)");
    assertThat(primary.messageRequests()).hasSize(1);
    assertThat(backup.messageRequests()).isEmpty();
    assertThat(sms.failure()).isEqualTo("invalid number (Twilio error 21211)");
    assertThat(timeline).extracting(Entry::kind).doesNotContain("notification_failover");
  }

  @Test
  void emailGoesThroughThePrimaryRelayAsTextAndHtml() throws Exception {
    trigger();
    Notifications.Row email =
        notifications.await(team.accountId(), "email", Notifications.Row::sent);

    assertThat(email.provider()).isEqualTo("smtp-primary");
    assertThat(backupRelay.getReceivedMessages()).isEmpty();
    assertPage(primaryRelay.getReceivedMessages());
  }

  @Test
  void emailGoesThroughTheBackupRelayWhenThePrimaryIsStopped() throws Exception {
    primaryRelay.stop();

    trigger();
    Notifications.Row email =
        notifications.await(team.accountId(), "email", Notifications.Row::sent);

    assertThat(email.provider()).isEqualTo("smtp-backup");
    assertThat(email.providerAccount()).isEqualTo("127.0.0.1:" + backupRelayPort);
    assertPage(backupRelay.getReceivedMessages());
    assertThat(awaitTimeline(incident(), "Notified Alice by email (smtp-backup)"))
        .extracting(Entry::message)
        .contains("Email via smtp-primary failed (connection refused); trying smtp-backup");
  }

  @Test
  void aStepRetriedAfterThePrimaryTookItIsNotSentAgain() throws Exception {
    // One page only: an SMS a minute after the level fires.
    onCall.addNotificationRule(
        team.accountId(), alice, "high", team.phoneContactMethodId(alice), "sms", 1);
    Triggered triggered = trigger();
    Incident incident = incident();
    awaitTimeline(incident, "Escalation level 1 (pass 1) assigned to Alice");

    // While the timeline is locked, the send that follows the SMS cannot write its entry: the
    // attempt hangs after Twilio took the message, as one whose worker died there would, and
    // Temporal times it out (15 s) and tries again.
    try (Connection lock = dataSource.getConnection()) {
      lock.setAutoCommit(false);
      try (Statement statement = lock.createStatement()) {
        statement.execute("lock table incident_log_entries in exclusive mode");
      }
      temporal.sleep(Duration.ofMinutes(1).plusSeconds(1));
      notifications.await(team.accountId(), "sms", Notifications.Row::sent);
      await("the retried send completes")
          .atMost(Duration.ofSeconds(40))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> completedSendAttempt(triggered.run()) > 1);
      lock.rollback();
    }

    assertThat(primary.messageRequests()).hasSize(1);
    assertThat(backup.messageRequests()).isEmpty();
    assertThat(notifications.of(team.accountId())).hasSize(1);
    assertThat(awaitTimeline(incident, "Notified Alice by sms (twilio-primary)"))
        .extracting(Entry::kind)
        .doesNotContain("notification_failover", "notification_failed");
  }

  private Triggered trigger() {
    long checkout = team.service("Checkout", 0, level(Duration.ofMinutes(30), alice));
    return temporal.trigger(team.key(checkout, "disk-full"), "Disk full on db-1");
  }

  private Incident incident() {
    return new Incident(records.awaitIncident(team.accountId(), 1, i -> true).id());
  }

  private List<Entry> awaitTimeline(Incident incident, String message) {
    return await("timeline entry \"" + message + "\"")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> records.timeline(team.accountId(), incident.id()),
            entries -> entries.stream().anyMatch(e -> e.message().equals(message)));
  }

  private double pages(String provider, String outcome) {
    return count("vigil.pages", "channel", "sms", "provider", provider, "outcome", outcome);
  }

  private double count(String name, String... tags) {
    return meters.get(name).tags(tags).counter().count();
  }

  private void assertPage(MimeMessage[] received) throws Exception {
    assertThat(received).hasSize(1);
    MimeMessage page = received[0];
    assertThat(page.getSubject()).isEqualTo("[Vigil] #1 triggered: Disk full on db-1");
    assertThat(page.getAllRecipients())
        .extracting(Object::toString)
        .containsExactly(team.email(alice));
    MimeMultipart parts = (MimeMultipart) page.getContent();
    assertThat((String) parts.getBodyPart(0).getContent())
        .contains("Incident #1 is triggered and assigned to you.", "Summary:  Disk full on db-1");
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
    assertThat((String) parts.getBodyPart(1).getContent())
        .contains("<strong>#1</strong>", ">Disk full on db-1</td>");
  }

  private List<String> sendsScheduled(WorkflowExecution run) {
    return events(run, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED).stream()
        .map(HistoryEvent::getActivityTaskScheduledEventAttributes)
        .filter(a -> a.getActivityType().getName().equals("Send"))
        .map(a -> a.getInput().getPayloads(0).getData().toStringUtf8())
        .toList();
  }

  /** The attempt of the last send that completed; 0 while none has. */
  private int completedSendAttempt(WorkflowExecution run) {
    List<HistoryEvent> history = temporal.history(run).getEvents();
    int attempt = 0;
    for (HistoryEvent event : history) {
      if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
        long startedId = event.getActivityTaskCompletedEventAttributes().getStartedEventId();
        HistoryEvent started = history.get((int) startedId - 1);
        long scheduledId = started.getActivityTaskStartedEventAttributes().getScheduledEventId();
        if (history
            .get((int) scheduledId - 1)
            .getActivityTaskScheduledEventAttributes()
            .getActivityType()
            .getName()
            .equals("Send")) {
          attempt = started.getActivityTaskStartedEventAttributes().getAttempt();
        }
      }
    }
    return attempt;
  }

  private List<HistoryEvent> events(WorkflowExecution run, EventType type) {
    return temporal.history(run).getEvents().stream()
        .filter(e -> e.getEventType() == type)
        .toList();
  }

  private void awaitClosed(WorkflowExecution run) {
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                temporal.history(run).getLastEvent().getEventType()
                    == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
  }

  private static GreenMail relay(int port) {
    GreenMail relay = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    relay.start();
    return relay;
  }

  /** The relay, started again if a test stopped it; its mailbox emptied. */
  private static GreenMail running(GreenMail relay, int port) {
    if (relay.isRunning()) {
      relay.reset();
      return relay;
    }
    return relay(port);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Incident(long id) {}
}
