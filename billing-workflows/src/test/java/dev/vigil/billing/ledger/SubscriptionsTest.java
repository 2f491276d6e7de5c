package dev.vigil.billing.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.billing.rating.BillingPeriod;
import dev.vigil.billing.rating.SubscriptionTerm;
import dev.vigil.billing.testsupport.BillingFixtures;
import dev.vigil.testsupport.ActivitiesTestApplication;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Which plan and seats cover which part of a period, from the recorded subscription changes. */
@SpringBootTest(classes = ActivitiesTestApplication.class)
class SubscriptionsTest {

  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final BillingPeriod OCTOBER = new BillingPeriod(YearMonth.of(2026, 10), UTC);

  @Autowired JdbcClient jdbc;
  @Autowired Subscriptions subscriptions;

  long account;

  @BeforeEach
  void account() {
    account =
        new BillingFixtures(jdbc)
            .account("Subscriber", "US", UTC, Instant.parse("2026-10-01T00:00:00Z"));
  }

  @Test
  void termsAreCutAtEachChangeAndTheLastRecordedWinsATie() {
    subscriptions.record(account, "team", 3, Instant.parse("2026-09-20T00:00:00Z"), "sign-up");
    Instant tenth = Instant.parse("2026-10-10T12:00:00Z");
    subscriptions.record(account, "enterprise", 9, tenth, "typo");
    subscriptions.record(account, "business", 4, tenth, "corrected");
    // Changes nothing: no new term.
    subscriptions.record(account, "business", 4, Instant.parse("2026-10-20T00:00:00Z"), "again");
    // Next month's change does not touch October.
    subscriptions.record(account, "team", 1, OCTOBER.end(), "downgrade");

    assertThat(subscriptions.terms(account, OCTOBER))
        .extracting(
            SubscriptionTerm::from,
            SubscriptionTerm::to,
            t -> t.plan().label(),
            SubscriptionTerm::seats)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(OCTOBER.start(), tenth, "Team v1", 3),
            org.assertj.core.groups.Tuple.tuple(tenth, OCTOBER.end(), "Business v1", 4));
  }

  @Test
  void aSubscriptionStartingWithinThePeriodCoversItFromThatMoment() {
    Instant start = Instant.parse("2026-10-16T00:00:00Z");
    subscriptions.record(account, "business", 2, start, "");

    List<SubscriptionTerm> terms = subscriptions.terms(account, OCTOBER);

    assertThat(terms).hasSize(1);
    assertThat(terms.get(0).from()).isEqualTo(start);
    assertThat(terms.get(0).to()).isEqualTo(OCTOBER.end());
  }

  @Test
  void noSubscriptionAtThePeriodsEndIsAnError() {
    subscriptions.record(account, "team", 1, OCTOBER.end(), "starts in November");
    assertThatThrownBy(() -> subscriptions.terms(account, OCTOBER))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no subscription in force at the end of 2026-10");
  }

  @Test
  void unknownPlansAndNegativeSeatsAreRefused() {
    Instant now = Instant.parse("2026-10-01T00:00:00Z");
    assertThatThrownBy(() -> subscriptions.record(account, "platinum", 1, now, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown plan: platinum");
    assertThatThrownBy(() -> subscriptions.record(account, "team", -1, now, ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(
            jdbc.sql("select count(*) from subscription_changes where account_id = ?")
                .param(account)
                .query(Long.class)
                .single())
        .isZero();
  }
}
