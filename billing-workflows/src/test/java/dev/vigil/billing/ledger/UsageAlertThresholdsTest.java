package dev.vigil.billing.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.billing.ledger.UsageAlerts.Thresholds;
import dev.vigil.billing.ledger.UsageAlerts.UsageAlert;
import dev.vigil.billing.testsupport.BillingFixtures;
import dev.vigil.testsupport.ActivitiesTestApplication;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Thresholds an account sets (docs/decisions/0037) decide its alerts: an overage threshold of 0 is
 * "at the first overage charge", never an alert with no overage. Team plan: 200 domestic SMS
 * segments included, 1.5 (minor units) each beyond.
 */
@SpringBootTest(classes = ActivitiesTestApplication.class)
class UsageAlertThresholdsTest {

  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final Instant MARCH = LocalDateTime.of(2026, 3, 1, 0, 0).atZone(NEW_YORK).toInstant();

  @Autowired JdbcClient jdbc;
  @Autowired UsageAlerts alerts;

  @Test
  void anOverageThresholdOfZeroAlertsAtTheFirstOverageChargeOnly() {
    BillingFixtures fixtures = new BillingFixtures(jdbc);
    long account = fixtures.account("Threshold " + System.nanoTime(), "US", NEW_YORK, MARCH);
    fixtures.subscribe(account, "team", 1, MARCH);
    alerts.setThresholds(account, new Thresholds(List.of(50), 0L));

    Instant firstDay = MARCH.plusSeconds(3_600);
    fixtures.sms(account, firstDay, "+13125550100", "US", 150); // 75 % of 200: no overage yet
    assertThat(alerts.crossed(account, firstDay.plusSeconds(60)))
        .extracting(UsageAlert::subject)
        .containsExactly("SMS, domestic: 50 % of this month's quota reached");

    fixtures.sms(account, firstDay.plusSeconds(120), "+13125550100", "US", 51); // 1 over: 1.5
    assertThat(alerts.crossed(account, firstDay.plusSeconds(180)))
        .extracting(UsageAlert::subject)
        .containsExactly(
            "SMS, domestic: 50 % of this month's quota reached",
            "Overage charges this month have reached 0.00 USD");
  }
}
