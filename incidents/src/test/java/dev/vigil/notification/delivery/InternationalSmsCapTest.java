package dev.vigil.notification.delivery;

import static dev.vigil.testsupport.TestTeam.level;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.incident.OpenedIncident;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The international SMS cap seen from the send activity: a US account capped at one international
 * SMS a month sends the first page to Alice's UK number, then pages her by e-mail instead (the
 * timeline says why), once however often the send is retried, while SMS at home still go out.
 */
@SpringBootTest(classes = ActivitiesTestApplication.class)
class InternationalSmsCapTest {

  @Autowired NotificationActivitiesImpl notifications;
  @Autowired InternationalSmsCaps caps;
  @Autowired IncidentActivitiesImpl incidents;
  @Autowired AlertStore alerts;
  @Autowired OnCallSetup onCall;
  @Autowired JdbcClient jdbc;

  private DevInbox inbox;
  private TestTeam team;
  private long alice;
  private long ukPhone;
  private long checkout;
  private Instant at;

  @BeforeEach
  void team(TestInfo test) {
    inbox = new DevInbox(jdbc);
    team = TestTeam.create(onCall, test.getTestMethod().orElseThrow().getName());
    alice = team.user("Alice");
    ukPhone = onCall.addContactMethod(team.accountId(), alice, "phone", "+447911123456");
    jdbc.sql("update contact_methods set verified_at = now() where user_id = ?")
        .param(alice)
        .update();
    checkout = team.service("Checkout", 0, level(Duration.ofMinutes(5), alice));
    at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  @Test
  void overTheCapAliceIsPagedByEmailInsteadAndTheTimelineSaysWhy() {
    caps.set(team.accountId(), 1, null);
    OpenedIncident first = open("disk", "Disk full on db-1", at);
    OpenedIncident second = open("cpu", "CPU at 100% on web-1", at.plusSeconds(300));
    OpenedIncident third = open("mem", "Out of memory on web-2", at.plusSeconds(600));

    assertThat(notifications.send(sms(first, ukPhone, at)).status()).isEqualTo("sent");
    assertThat(notifications.send(sms(second, ukPhone, at.plusSeconds(300))).status())
        .isEqualTo("capped");
    // A retried send of the capped page decides nothing again and sends nothing twice.
    assertThat(notifications.send(sms(second, ukPhone, at.plusSeconds(300))).status())
        .isEqualTo("capped");
    // At home the cap does not apply.
    assertThat(
            notifications
                .send(sms(third, team.phoneContactMethodId(alice), at.plusSeconds(600)))
                .status())
        .isEqualTo("sent");

    assertThat(messages("sms"))
        .extracting(Message::incidentNumber)
        .containsExactly(first.number(), third.number());
    List<Message> emails = messages("email");
    assertThat(emails).extracting(Message::incidentNumber).containsExactly(second.number());
    assertThat(emails.get(0).body()).contains("CPU at 100% on web-1");
    assertThat(timeline(second))
        .anySatisfy(
            entry ->
                assertThat(entry)
                    .startsWith("SMS to Alice (")
                    .contains(
                        "not sent: the account's international SMS cap (1 a month) is reached;"
                            + " paged by e-mail (")
                    .endsWith(") instead"));
    assertThat(statuses()).containsEntry("capped", 1L).containsEntry("sent", 3L);
    assertThat(caps.sentThisMonth(team.accountId(), at.plusSeconds(900)))
        .as("the capped SMS was never sent, so never billed")
        .isEqualTo(1);
  }

  @Test
  void withoutACapEveryInternationalSmsGoesOut() {
    OpenedIncident first = open("disk", "Disk full on db-1", at);
    OpenedIncident second = open("cpu", "CPU at 100% on web-1", at.plusSeconds(300));

    assertThat(notifications.send(sms(first, ukPhone, at)).status()).isEqualTo("sent");
    assertThat(notifications.send(sms(second, ukPhone, at.plusSeconds(300))).status())
        .isEqualTo("sent");
    assertThat(messages("email")).isEmpty();
  }

  private OpenedIncident open(String dedupKey, String title, Instant when) {
    return new TestIncidents(alerts, incidents)
        .open(team.accountId(), team.key(checkout, dedupKey), title, when);
  }

  private SendNotification sms(OpenedIncident incident, long contactMethod, Instant when) {
    NotificationStep step = new NotificationStep(alice, "Alice", contactMethod, Channel.SMS, 0);
    return new SendNotification(
        incident.incidentId(), step, "cap/" + incident.incidentId() + "/sms", when, 2);
  }

  private List<Message> messages(String channel) {
    return inbox.messages(team.accountId()).stream()
        .filter(m -> m.channel().equals(channel))
        .toList();
  }

  private List<String> timeline(OpenedIncident incident) {
    return jdbc.sql("select message from incident_log_entries where incident_id = ? order by id")
        .param(incident.incidentId())
        .query(String.class)
        .list();
  }

  private Map<String, Long> statuses() {
    Map<String, Long> counts = new TreeMap<>();
    jdbc.sql("select status, count(*) from notifications where account_id = ? group by status")
        .param(team.accountId())
        .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2)))
        .list();
    return counts;
  }
}
