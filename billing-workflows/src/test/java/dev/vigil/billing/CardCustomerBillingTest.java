package dev.vigil.billing;

import static dev.vigil.billing.testsupport.StripeStandIn.form;
import static dev.vigil.billing.testsupport.StripeStandIn.idempotencyKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.billing.invoice.InvoiceStanding;
import dev.vigil.billing.invoice.InvoiceStatus;
import dev.vigil.billing.invoice.InvoiceWorkflow;
import dev.vigil.billing.invoice.StripeInvoiceEvent;
import dev.vigil.billing.ledger.BillingWorkflowStarts;
import dev.vigil.billing.ledger.CollectionMethod;
import dev.vigil.billing.testsupport.BillingFixtures;
import dev.vigil.billing.testsupport.BillingWorkflowExtension;
import dev.vigil.billing.testsupport.InvoiceRows;
import dev.vigil.billing.testsupport.StripeStandIn;
import dev.vigil.testsupport.ActivitiesTestApplication;
import dev.vigil.testsupport.WorkflowHistories;
import io.temporal.api.common.v1.WorkflowExecution;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Card customers through the billing workflows on Temporal's time-skipping server: the month is
 * drafted, mirrored into Stripe (the real stripe-java talking HTTP to a stand-in of Stripe's API)
 * and charged; a declined card is reported and charged again days later with a new idempotency key;
 * a payment Stripe reports by webhook ends the retries. Amounts are hand computed in the comments.
 */
@SpringBootTest(classes = ActivitiesTestApplication.class)
// An activity that keeps failing is retried forever: a broken test fails instead of hanging.
@Timeout(120)
class CardCustomerBillingTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /** June 2027 in Berlin: 30 days, from 22:00 UTC on May 31. */
  static final Instant JUNE = local(2027, 6, 1, 0, 0);

  static final Instant JULY = local(2027, 7, 1, 0, 0);
  static final Duration DRAFT_DELAY = Duration.ofHours(1);

  static final StripeStandIn stripe = new StripeStandIn();

  @DynamicPropertySource
  static void stripeSettings(DynamicPropertyRegistry registry) {
    registry.add("vigil.billing.stripe.api-key", () -> "sk_test_vigil_billing_cycle");
    registry.add("vigil.billing.stripe.api-base", stripe::baseUrl);
  }

  @AfterAll
  static void stopStripe() {
    stripe.stop();
  }

  @RegisterExtension
  final BillingWorkflowExtension temporal =
      new BillingWorkflowExtension(JUNE.plus(Duration.ofHours(8)));

  @Autowired JdbcClient jdbc;
  BillingFixtures fixtures;
  InvoiceRows invoices;

  @BeforeEach
  void setUp() {
    fixtures = new BillingFixtures(jdbc);
    invoices = new InvoiceRows(jdbc);
    stripe.reset();
  }

  @Test
  void aMonthWithOveragesIsChargedAndADeclinedCardIsRetriedWithANewKey() {
    long account = cardCustomer("Hooli");
    fixtures.subscribe(account, "business", 10, JUNE);
    // Business v1: 99.00 base, 39.00 a seat; 2,000 domestic SMS segments included (1.25 cents
    // over), 50 international voice minutes (15.0 cents over).
    for (int i = 0; i < 21; i++) {
      fixtures.sms(account, local(2027, 6, 3, 10, i), "+4915123456789", "DE", 100);
    }
    fixtures.call(account, local(2027, 6, 7, 2, 0), "+442079460958", "GB", 1800); // 30 min
    fixtures.call(account, local(2027, 6, 8, 2, 0), "+442079460958", "GB", 1441); // 25 min
    stripe.createsCustomer("cus_hooli");
    stripe.createsInvoice("in_hooli_june");
    stripe.createsInvoiceItems();
    stripe.finalizes("in_hooli_june", 49100);
    stripe.declines(
        "in_hooli_june",
        "card_declined",
        "insufficient_funds",
        "Your card has insufficient funds.");

    temporal.startCycle(account, "2027-06");
    temporal.sleepUntil(JULY.plus(DRAFT_DELAY).plusSeconds(30));

    long invoiceId = invoices.only(account);
    // Base 9,900 + seats 10 x 3,900 = 39,000;
    // SMS domestic (DE is home): 2,100 segments, 100 over x 1.25 = 125;
    // voice international: 30 + 25 (1,441 s rounds up) = 55 minutes, 5 over x 15.0 = 75.
    // Total 49,100 cents: 491.00 in the plan's currency, USD.
    assertThat(invoices.amounts(invoiceId)).containsExactly(9900L, 39000L, 125L, 75L);
    assertThat(invoices.total(invoiceId)).isEqualTo(49100);

    List<LoggedRequest> items = stripe.posts("/v1/invoiceitems");
    assertThat(items)
        .extracting(r -> form(r).get("amount"))
        .containsExactly("9900", "39000", "125", "75");
    assertThat(items).allSatisfy(r -> assertThat(form(r)).containsEntry("currency", "usd"));
    LoggedRequest created = stripe.posts("/v1/invoices").get(0);
    assertThat(form(created))
        .containsEntry("customer", "cus_hooli")
        .containsEntry("collection_method", "charge_automatically")
        .containsEntry("metadata[vigil_invoice_id]", String.valueOf(invoiceId));
    assertThat(idempotencyKey(created)).isEqualTo(key(account, invoiceId, "create"));
    assertThat(stripe.posts("/v1/invoices/in_hooli_june/pay"))
        .extracting(StripeStandIn::idempotencyKey)
        .containsExactly(key(account, invoiceId, "pay-1"));
    assertThat(invoices.status(invoiceId)).isEqualTo("open");
    assertThat(invoices.mails(invoiceId, "payment_failed")).isEqualTo(1);

    // The customer tops up; three days later the second attempt goes through.
    stripe.pays("in_hooli_june", 49100);
    temporal.sleep(Duration.ofDays(3).plusMinutes(1));
    assertThat(stripe.posts("/v1/invoices/in_hooli_june/pay"))
        .extracting(StripeStandIn::idempotencyKey)
        .containsExactly(key(account, invoiceId, "pay-1"), key(account, invoiceId, "pay-2"));
    assertThat(invoices.status(invoiceId)).isEqualTo("paid");
    assertThat(
            jdbc.sql("select amount_minor from payments where invoice_id = ? and method = 'card'")
                .param(invoiceId)
                .query(Long.class)
                .list())
        .containsExactly(49100L);
    assertThat(stripe.posts("/v1/customers")).as("one customer, ever").hasSize(1);
    WorkflowHistories.recordIfEnabled(
        temporal.client(),
        WorkflowExecution.newBuilder().setWorkflowId(InvoiceWorkflow.workflowId(invoiceId)).build(),
        "card-invoice-declined-then-paid");
  }

  @Test
  void aRunStartedAgainGoesOnWithTheAttemptItWasAtAtItsTime(
      @Autowired BillingWorkflowStarts starts) {
    long account = cardCustomer("Restarted GmbH");
    fixtures.subscribe(account, "team", 1, JUNE);
    stripe.createsCustomer("cus_restarted");
    stripe.createsInvoice("in_restarted_june");
    stripe.createsInvoiceItems();
    stripe.finalizes("in_restarted_june", 1900);
    stripe.declines("in_restarted_june", "card_declined", "generic_decline", "Declined.");
    temporal.startCycle(account, "2027-06");
    temporal.sleepUntil(JULY.plus(DRAFT_DELAY).plusSeconds(30));
    long invoiceId = invoices.only(account);
    Instant firstAttempt = temporal.now();
    // Attempt 2 comes three days later and is declined too; attempt 3 is due five days after it.
    temporal.sleep(Duration.ofDays(3).plusMinutes(1));
    assertThat(stripe.posts("/v1/invoices/in_restarted_june/pay")).hasSize(2);

    temporal
        .client()
        .newUntypedWorkflowStub(InvoiceWorkflow.workflowId(invoiceId))
        .terminate("lost");
    temporal.sleep(Duration.ofDays(1));
    stripe.invoiceIs("in_restarted_june", "open", 1900, 0); // what the new run reads back
    assertThat(starts.invoice(temporal.client(), invoiceId)).isTrue();
    temporal.sleep(Duration.ofMinutes(1));
    // Not charged again at once, and not from attempt 1.
    assertThat(stripe.posts("/v1/invoices/in_restarted_june/pay")).hasSize(2);

    temporal.sleepUntil(firstAttempt.plus(Duration.ofDays(8)).plus(Duration.ofMinutes(5)));
    assertThat(stripe.posts("/v1/invoices/in_restarted_june/pay"))
        .extracting(StripeStandIn::idempotencyKey)
        .containsExactly(
            key(account, invoiceId, "pay-1"),
            key(account, invoiceId, "pay-2"),
            key(account, invoiceId, "pay-3"));
    assertThat(invoices.mails(invoiceId, "payment_failed")).isEqualTo(3);
  }

  @Test
  void aChargeTheBankHoldsForAuthenticationIsNoDeclineAndWaitsForTheCustomer() {
    long account = cardCustomer("Strong Auth AG");
    fixtures.subscribe(account, "team", 1, JUNE);
    stripe.createsCustomer("cus_sca");
    stripe.createsInvoice("in_sca_june");
    stripe.createsInvoiceItems();
    stripe.finalizes("in_sca_june", 1900);
    stripe.invoiceIs("in_sca_june", "open", 1900, 0);
    stripe.requiresAction("in_sca_june");
    temporal.startCycle(account, "2027-06");
    temporal.sleepUntil(JULY.plus(DRAFT_DELAY).plusSeconds(30));
    long invoiceId = invoices.only(account);

    // The customer is asked to confirm on Stripe's page; nobody is told the card was declined.
    assertThat(invoices.mails(invoiceId, "payment_action_required")).isEqualTo(1);
    assertThat(invoices.mails(invoiceId, "payment_failed")).isZero();
    assertThat(
            jdbc.sql("select body from billing_emails where invoice_id = ? and kind = ?")
                .params(invoiceId, "payment_action_required")
                .query(String.class)
                .single())
        .contains("https://invoice.stripe.com/i/in_sca_june")
        .contains("not a decline");
    // No retry of ours: it would be held the same way.
    temporal.sleep(Duration.ofDays(10));
    assertThat(stripe.posts("/v1/invoices/in_sca_june/pay")).hasSize(1);

    // The customer confirms; Stripe's webhook says the invoice is paid.
    temporal
        .invoice(invoiceId)
        .stripeEvent(
            new StripeInvoiceEvent(
                "evt_sca_paid", StripeInvoiceEvent.PAID, "in_sca_june", 1900, null));
    temporal.sleep(Duration.ofMinutes(1));
    assertThat(invoices.status(invoiceId)).isEqualTo("paid");
  }

  @Test
  void aPaymentStripeReportsEndsTheRetriesAndAReplayedWebhookChangesNothing() {
    long account = cardCustomer("Pied Piper");
    fixtures.subscribe(account, "team", 3, JUNE);
    stripe.createsCustomer("cus_piper");
    stripe.createsInvoice("in_piper_june");
    stripe.createsInvoiceItems();
    stripe.finalizes("in_piper_june", 5700);
    stripe.declines("in_piper_june", "card_declined", "expired_card", "Your card has expired.");
    temporal.startCycle(account, "2027-06");
    temporal.sleepUntil(JULY.plus(DRAFT_DELAY).plusSeconds(30));
    long invoiceId = invoices.only(account);
    assertThat(invoices.total(invoiceId)).isEqualTo(5700); // 3 seats x 19.00

    // The customer pays on Stripe's hosted page; Stripe says so, twice.
    InvoiceWorkflow invoice = temporal.invoice(invoiceId);
    StripeInvoiceEvent paid =
        new StripeInvoiceEvent("evt_paid_1", StripeInvoiceEvent.PAID, "in_piper_june", 5700, null);
    invoice.stripeEvent(paid);
    invoice.stripeEvent(paid);
    temporal.sleep(Duration.ofMinutes(1));
    assertThat(invoices.status(invoiceId)).isEqualTo("paid");

    temporal.sleep(Duration.ofDays(20));
    assertThat(stripe.posts("/v1/invoices/in_piper_june/pay")).as("no retry once paid").hasSize(1);
    assertThat(
            jdbc.sql("select count(*) from payments where invoice_id = ?")
                .param(invoiceId)
                .query(Integer.class)
                .single())
        .isEqualTo(1);
    InvoiceStanding result =
        temporal
            .client()
            .newUntypedWorkflowStub(InvoiceWorkflow.workflowId(invoiceId))
            .getResult(InvoiceStanding.class);
    assertThat(result.status()).isEqualTo(InvoiceStatus.PAID);
  }

  @Test
  void anInvoiceVoidedHereIsVoidedInStripeAndNeverChargedAgain() {
    long account = cardCustomer("Initrode");
    fixtures.subscribe(account, "team", 2, JUNE);
    stripe.createsCustomer("cus_initrode");
    stripe.createsInvoice("in_initrode_june");
    stripe.createsInvoiceItems();
    stripe.finalizes("in_initrode_june", 3800);
    stripe.declines("in_initrode_june", "card_declined", "generic_decline", "Declined.");
    temporal.startCycle(account, "2027-06");
    temporal.sleepUntil(JULY.plus(DRAFT_DELAY).plusSeconds(30));
    long invoiceId = invoices.only(account);

    stripe.invoiceIs("in_initrode_june", "open", 3800, 0);
    stripe.voids("in_initrode_june", 3800);
    InvoiceStanding voided =
        temporal
            .invoice(invoiceId)
            .voidInvoice(
                new dev.vigil.billing.invoice.Closure(
                    new dev.vigil.billing.invoice.Actor(null, "operator_admin"),
                    "duplicate account"));
    assertThat(voided.status()).isEqualTo(InvoiceStatus.VOID);
    temporal.sleep(Duration.ofDays(20));

    assertThat(stripe.posts("/v1/invoices/in_initrode_june/void"))
        .extracting(StripeStandIn::idempotencyKey)
        .containsExactly(key(account, invoiceId, "void"));
    assertThat(stripe.posts("/v1/invoices/in_initrode_june/pay")).as("no retry").hasSize(1);
    WorkflowHistories.recordIfEnabled(
        temporal.client(),
        WorkflowExecution.newBuilder().setWorkflowId(InvoiceWorkflow.workflowId(invoiceId)).build(),
        "card-invoice-voided");
  }

  @Test
  void aCreditNoteOnAnOpenCardInvoiceLowersWhatStripeCollects() {
    long account = cardCustomer("Globex");
    fixtures.subscribe(account, "team", 2, JUNE);
    stripe.createsCustomer("cus_globex");
    stripe.createsInvoice("in_globex_june");
    stripe.createsInvoiceItems();
    stripe.finalizes("in_globex_june", 3800);
    stripe.declines("in_globex_june", "card_declined", "generic_decline", "Declined.");
    stripe.createsCreditNotes("cn_globex_1");
    temporal.startCycle(account, "2027-06");
    temporal.sleepUntil(JULY.plus(DRAFT_DELAY).plusSeconds(30));
    long invoiceId = invoices.only(account);
    assertThat(invoices.status(invoiceId)).as("declined, still open").isEqualTo("open");

    // Two seats of Team at 19.00: 38.00. A 10.00 credit note leaves 28.00 for Stripe to collect.
    InvoiceStanding credited =
        temporal
            .invoice(invoiceId)
            .creditNote(
                new dev.vigil.billing.invoice.CreditNoteRequest(
                    new dev.vigil.billing.invoice.Actor(null, "operator_accountant"),
                    1000,
                    "Outage on 3 June",
                    "test-globex-credit"));
    assertThat(credited.status()).isEqualTo(InvoiceStatus.OPEN);
    assertThat(credited.balanceMinor()).isEqualTo(2800);

    long creditNoteId =
        jdbc.sql("select id from credit_notes where invoice_id = ?")
            .param(invoiceId)
            .query(Long.class)
            .single();
    List<LoggedRequest> notes = stripe.posts("/v1/credit_notes");
    assertThat(notes).hasSize(1);
    assertThat(form(notes.get(0)))
        .containsEntry("invoice", "in_globex_june")
        .containsEntry("amount", "1000")
        .containsEntry("email_type", "none")
        .containsEntry("metadata[vigil_credit_note_id]", Long.toString(creditNoteId));
    assertThat(form(notes.get(0)).get("memo")).matches("CN-\\d{6}: Outage on 3 June");
    assertThat(idempotencyKey(notes.get(0)))
        .isEqualTo(key(account, invoiceId, "credit-note-" + creditNoteId));
    assertThat(
            jdbc.sql("select stripe_credit_note_id from credit_notes where id = ?")
                .param(creditNoteId)
                .query(String.class)
                .single())
        .isEqualTo("cn_globex_1");

    // Three days on, the card is charged again: Stripe collects the 28.00 left, which settles it.
    stripe.pays("in_globex_june", 2800);
    temporal.sleep(Duration.ofDays(3).plusMinutes(1));
    assertThat(invoices.status(invoiceId)).isEqualTo("paid");
    assertThat(
            jdbc.sql("select amount_minor from payments where invoice_id = ? and method = 'card'")
                .param(invoiceId)
                .query(Long.class)
                .list())
        .containsExactly(2800L);
    assertThat(
            jdbc.sql(
                    "select coalesce(sum(amount_minor), 0) from account_credits where account_id = ?")
                .param(account)
                .query(Long.class)
                .single())
        .as("nothing overpaid")
        .isZero();
    WorkflowHistories.recordIfEnabled(
        temporal.client(),
        WorkflowExecution.newBuilder().setWorkflowId(InvoiceWorkflow.workflowId(invoiceId)).build(),
        "card-invoice-credit-note-while-open");
  }

  /** The idempotency key of a step of a June 2027 invoice: account, period, invoice, step. */
  private static String key(long account, long invoiceId, String step) {
    return "vigil-account-" + account + "-2027-06-invoice-" + invoiceId + "-" + step;
  }

  private long cardCustomer(String name) {
    return fixtures.account(
        name,
        "DE",
        CollectionMethod.CARD,
        BERLIN,
        "billing@" + name.toLowerCase().replaceAll("[^a-z]", "") + ".test",
        JUNE);
  }

  static Instant local(int year, int month, int day, int hour, int minute) {
    return LocalDateTime.of(year, month, day, hour, minute).atZone(BERLIN).toInstant();
  }
}
