package dev.vigil.billing.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.billing.account.BillingAccounts.ProfileTerms;
import dev.vigil.billing.ledger.BillingProfile;
import dev.vigil.billing.ledger.BillingProfiles;
import dev.vigil.billing.ledger.Subscriptions;
import dev.vigil.testsupport.ActivitiesTestApplication;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who may start billing when, and what a plan change may not do: an account's own admin starts this
 * month or the next; every earlier month is drafted at once, so only the operator starts earlier,
 * confirmed, and at most a year back. A plan in another currency is refused before it could fail
 * every later draft.
 */
@SpringBootTest(classes = ActivitiesTestApplication.class)
class BillingAccountsTest {

  private static final YearMonth NOW = YearMonth.now(ZoneOffset.UTC);

  @Autowired BillingAccounts accounts;
  @Autowired Subscriptions subscriptions;
  @Autowired JdbcClient jdbc;

  private long account;

  @BeforeEach
  void newAccount() {
    account =
        jdbc.sql(
                "insert into accounts (name) values ('Starts "
                    + System.nanoTime()
                    + "') returning id")
            .query(Long.class)
            .single();
  }

  @Test
  void anAccountsAdminStartsThisMonthOrTheNext() {
    assertThat(accounts.setUp(account, terms(NOW.plusMonths(1), null), false)).isTrue();
  }

  @Test
  void anEarlierStartIsTheOperatorsAndOnlyWhenConfirmed() {
    assertThatThrownBy(() -> accounts.setUp(account, terms(NOW.minusMonths(1), true), false))
        .isInstanceOf(InvalidBillingTerms.class)
        .hasMessageContaining("'starts'")
        .hasMessageContaining("operator");
    assertThatThrownBy(() -> accounts.setUp(account, terms(NOW.minusMonths(3), null), true))
        .isInstanceOf(InvalidBillingTerms.class)
        .hasMessageContaining("3 months back")
        .hasMessageContaining("confirm_earlier_start");
    assertThatThrownBy(() -> accounts.setUp(account, terms(NOW.minusMonths(13), true), true))
        .isInstanceOf(InvalidBillingTerms.class)
        .hasMessageContaining("at most 12 months back");
    assertThatThrownBy(() -> accounts.setUp(account, terms(NOW.plusMonths(2), null), true))
        .isInstanceOf(InvalidBillingTerms.class)
        .hasMessageContaining("'starts' must be " + NOW);
    assertThat(billed()).as("nothing was set up by the refusals").isZero();

    assertThat(accounts.setUp(account, terms(NOW.minusMonths(3), true), true)).isTrue();
    assertThat(billed()).isOne();
  }

  @Test
  void aPlanInAnotherCurrencyIsRefusedBeforeTheCycleSeesIt() {
    accounts.setUp(account, terms(NOW, null), false);
    String code = "team-eur-" + account;
    jdbc.sql("insert into plans (code, name) values (?, 'Team EUR')").param(code).update();
    jdbc.sql(
            "insert into plan_versions (plan_code, version, currency, base_fee_minor,"
                + " seat_price_minor) values (?, 1, 'EUR', 0, 1800)")
        .param(code)
        .update();

    assertThatThrownBy(() -> accounts.checkSubscription(account, code, 1))
        .isInstanceOf(InvalidBillingTerms.class)
        .hasMessageContaining("billed in EUR; this account is billed in USD");
    assertThatThrownBy(() -> subscriptions.record(account, code, 1, Instant.now(), "sneaky"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("this account in USD");
    accounts.checkSubscription(account, "business", 3); // the same currency passes
  }

  @Test
  void aChangeLeavesWhatItDoesNotMentionAsItWas(@Autowired BillingProfiles profiles) {
    accounts.setUp(
        account,
        new ProfileTerms(
            "check",
            "UTC",
            "ap@example.com",
            45,
            List.of(-3, 10),
            "team",
            1,
            NOW.toString(),
            null,
            "PO-4711",
            List.of("Accounts Payable", " 1 Main St ", "Springfield")),
        false);

    accounts.change(
        profiles.get(account),
        new ProfileTerms(
            null, null, "billing@example.com", null, null, null, null, null, null, null, null));

    BillingProfile changed = profiles.get(account);
    assertThat(changed.billingEmail()).isEqualTo("billing@example.com");
    assertThat(changed.netTermsDays()).isEqualTo(45);
    assertThat(changed.reminderOffsets()).containsExactly(-3, 10);
    assertThat(changed.collectionMethod().code()).isEqualTo("check");
    assertThat(changed.poNumber()).isEqualTo("PO-4711");
    assertThat(changed.billToAddress())
        .containsExactly("Accounts Payable", "1 Main St", "Springfield");

    // An empty PO number removes it; the address stays.
    accounts.change(
        changed, new ProfileTerms(null, null, null, null, null, null, null, null, null, "", null));
    assertThat(profiles.get(account).poNumber()).isNull();
    assertThat(profiles.get(account).billToAddress()).hasSize(3);
  }

  private long billed() {
    return jdbc.sql("select count(*) from billing_profiles where account_id = ?")
        .param(account)
        .query(Long.class)
        .single();
  }

  private static ProfileTerms terms(YearMonth starts, Boolean confirmed) {
    return new ProfileTerms(
        "check",
        "UTC",
        "ap@example.com",
        null,
        null,
        "team",
        1,
        starts.toString(),
        confirmed,
        null,
        null);
  }
}
