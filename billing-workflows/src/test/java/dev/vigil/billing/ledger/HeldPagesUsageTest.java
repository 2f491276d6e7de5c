package dev.vigil.billing.ledger;

import static dev.vigil.testsupport.TestTeam.level;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.billing.catalog.UsageType;
import dev.vigil.incident.OpenedIncident;
import dev.vigil.incident.record.AlertStore;
import dev.vigil.incident.record.IncidentActivitiesImpl;
import dev.vigil.notification.Channel;
import dev.vigil.notification.NotificationActivities;
import dev.vigil.notification.NotificationStep;
import dev.vigil.notification.SendNotification;
import dev.vigil.notification.delivery.HeldPageDigest;
import dev.vigil.oncall.OnCallSetup;
import dev.vigil.testsupport.ActivitiesTestApplication;
import dev.vigil.testsupport.TestIncidents;
import dev.vigil.testsupport.TestTeam;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Usage is what reached people (decision 0008): a page the budget held is not billed, and the
 * digest that carried the held pages is billed once, as one message.
 */
@SpringBootTest(classes = ActivitiesTestApplication.class)
class HeldPagesUsageTest {

  @Autowired NotificationActivities notifications;
  @Autowired HeldPageDigest digest;
  @Autowired IncidentActivitiesImpl incidents;
  @Autowired AlertStore alerts;
  @Autowired OnCallSetup onCall;
  @Autowired UsageMeter meter;
  @Autowired JdbcClient jdbc;

  @Test
  void heldPagesAreNotUsageAndTheirDigestIsOneMessageBilledOnce() {
    TestTeam team = TestTeam.create(onCall, "Held pages usage");
    long alice = team.user("Alice");
    long service = team.service("Checkout", 0, level(Duration.ofMinutes(5), alice));
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    for (int i = 0; i < 5; i++) {
      OpenedIncident incident = open(team, service, "disk-" + i, at);
      NotificationStep step =
          new NotificationStep(alice, "Alice", team.phoneContactMethodId(alice), Channel.SMS, 0);
      notifications.send(
          new SendNotification(
              incident.incidentId(), step, "usage/" + incident.incidentId(), at, 2));
    }
    Instant from = at.minus(Duration.ofDays(1));
    Instant to = at.plus(Duration.ofDays(1));

    // One SMS went out, four were held.
    YearMonth month = YearMonth.from(at.atZone(ZoneOffset.UTC));
    Instant monthStart = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant counted = from.isAfter(monthStart) ? from : monthStart;
    assertThat(meter.unbilled(team.accountId(), ZoneOffset.UTC, from, to, List.of()))
        .containsExactly(new MeteredUsage(month, counted, UsageType.SMS_DOMESTIC, 1));

    // The digest carrying the four is one more message.
    assertThat(digest.sendDue(at.plusSeconds(61))).isEqualTo(1);
    assertThat(
            meter.bill(
                team.accountId(), ZoneOffset.UTC, from, to, List.of(), invoice(team, from, to)))
        .extracting(MeteredUsage::units)
        .containsExactly(2L);
    assertThat(meter.unbilled(team.accountId(), ZoneOffset.UTC, from, to, List.of())).isEmpty();
  }

  /** An invoice row to bill on; its lines do not matter here. */
  private long invoice(TestTeam team, Instant from, Instant to) {
    return jdbc.sql(
            """
            insert into invoices (account_id, number, period_start, period_end, billing_time_zone,
                                  currency, plan_version_id, collection_method)
            values (?, ?, ?, ?, 'UTC', 'USD', (select min(id) from plan_versions), 'check')
            returning id""")
        .params(
            team.accountId(),
            "TEST-" + UUID.randomUUID(),
            java.sql.Timestamp.from(from),
            java.sql.Timestamp.from(to))
        .query(Long.class)
        .single();
  }

  private OpenedIncident open(TestTeam team, long service, String dedupKey, Instant at) {
    return new TestIncidents(alerts, incidents)
        .open(team.accountId(), team.key(service, dedupKey), "Disk full on " + dedupKey, at);
  }
}
