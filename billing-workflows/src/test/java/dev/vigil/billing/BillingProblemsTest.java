package dev.vigil.billing;

import static dev.vigil.billing.CheckCustomerBillingTest.APRIL;
import static dev.vigil.billing.CheckCustomerBillingTest.CHICAGO;
import static dev.vigil.billing.CheckCustomerBillingTest.DRAFT_DELAY;
import static dev.vigil.billing.CheckCustomerBillingTest.MAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.billing.ledger.CollectionMethod;
import dev.vigil.billing.problem.BillingProblem;
import dev.vigil.billing.problem.BillingProblems;
import dev.vigil.billing.testsupport.BillingFixtures;
import dev.vigil.billing.testsupport.BillingWorkflowExtension;
import dev.vigil.billing.testsupport.InvoiceRows;
import dev.vigil.testsupport.ActivitiesTestApplication;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * No billing failure is final and silent (docs/decisions/0044): a month whose draft keeps failing,
 * and a card invoice with no Stripe key configured, open a problem on the account while their steps
 * are retried; a draft that succeeds again resolves its problem. (This context has no Stripe key,
 * and no operator alarm: the application's, which pages, is tested through the API.)
 */
@SpringBootTest(classes = ActivitiesTestApplication.class)
@Timeout(120)
class BillingProblemsTest {

  @RegisterExtension
  final BillingWorkflowExtension temporal =
      new BillingWorkflowExtension(APRIL.plus(Duration.ofHours(12)));

  @Autowired JdbcClient jdbc;
  @Autowired BillingProblems problems;
  BillingFixtures fixtures;
  InvoiceRows invoices;

  @BeforeEach
  void fixtures() {
    fixtures = new BillingFixtures(jdbc);
    invoices = new InvoiceRows(jdbc);
  }

  @Test
  void aDraftThatKeepsFailingIsAProblemUntilItSucceeds() {
    long account =
        fixtures.account(
            "Broken Draft Co", "US", CollectionMethod.CHECK, CHICAGO, "ap@broken.test", APRIL);
    fixtures.subscribe(account, "team", 1, APRIL);
    // The ledger refuses this account's invoices, as a full disk or a broken constraint would.
    jdbc.sql(
            """
            create or replace function refuse_invoice() returns trigger language plpgsql as $$
            begin raise exception 'invoice store unavailable for account %', new.account_id; end $$
            """)
        .update();
    jdbc.sql(
            "create trigger refuse_invoice_%d before insert on invoices for each row when"
                    .formatted(account)
                + " (new.account_id = %d) execute function refuse_invoice()".formatted(account))
        .update();
    try {
      temporal.startCycle(account, "2027-04");
      temporal.sleepUntil(MAY.plus(DRAFT_DELAY).plusSeconds(1));
      List<BillingProblem> open = await(() -> problems.open(account));
      assertThat(open).hasSize(1);
      assertThat(open.get(0).step()).isEqualTo(BillingProblem.DRAFT);
      assertThat(open.get(0).invoiceId()).isNull();
      assertThat(open.get(0).message()).contains("invoice store unavailable");
    } finally {
      jdbc.sql("drop trigger refuse_invoice_%d on invoices".formatted(account)).update();
    }
    // The draft is still retried: it goes through now, and the problem is resolved.
    await(() -> problems.open(account).isEmpty() ? List.of(true) : List.<Boolean>of());
    assertThat(invoices.only(account, "draft")).isPositive();
    assertThat(
            jdbc.sql("select resolved_at is not null from billing_problems where account_id = ?")
                .param(account)
                .query(Boolean.class)
                .single())
        .isTrue();
  }

  @Test
  void aCardInvoiceWithoutAStripeKeyIsAProblemNamingTheSetting() {
    long account = fixtures.account("Keyless Cards Ltd", "US", CHICAGO, APRIL);
    fixtures.subscribe(account, "team", 1, APRIL);
    temporal.startCycle(account, "2027-04");
    temporal.sleepUntil(MAY.plus(DRAFT_DELAY).plusSeconds(1));

    List<BillingProblem> open = await(() -> problems.open(account));
    assertThat(open).hasSize(1);
    assertThat(open.get(0).step()).isEqualTo(BillingProblem.STRIPE_PUSH);
    assertThat(open.get(0).invoiceId()).isEqualTo(invoices.only(account));
    assertThat(open.get(0).message()).contains("STRIPE_API_KEY");
  }

  /** Waits (on the wall clock) for a non-empty answer. */
  private static <T> List<T> await(Supplier<List<T>> poll) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      List<T> answer = poll.get();
      if (!answer.isEmpty()) {
        return answer;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return poll.get();
  }
}
