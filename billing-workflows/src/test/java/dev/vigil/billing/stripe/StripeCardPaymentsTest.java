package dev.vigil.billing.stripe;

import static dev.vigil.billing.testsupport.StripeStandIn.form;
import static dev.vigil.billing.testsupport.StripeStandIn.idempotencyKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.billing.invoice.ChargeOutcome;
import dev.vigil.billing.problem.BillingProblem;
import dev.vigil.billing.problem.BillingProblems;
import dev.vigil.billing.stripe.StripeTestInvoices.Invoice;
import dev.vigil.billing.stripe.StripeTestInvoices.Line;
import dev.vigil.billing.testsupport.StripeStandIn;
import dev.vigil.testsupport.ActivitiesTestApplication;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Card invoices mirrored into Stripe through the real stripe-java client, talking HTTP to a local
 * stand-in of Stripe's API, with invoices in a real PostgreSQL.
 */
@SpringBootTest(classes = ActivitiesTestApplication.class)
class StripeCardPaymentsTest {

  static final String API_KEY = "sk_test_vigil_card_payments";
  static final StripeStandIn stripe = new StripeStandIn();

  @DynamicPropertySource
  static void stripeSettings(DynamicPropertyRegistry registry) {
    registry.add("vigil.billing.stripe.api-key", () -> API_KEY);
    registry.add("vigil.billing.stripe.api-base", stripe::baseUrl);
  }

  @AfterAll
  static void stopStripe() {
    stripe.stop();
  }

  @Autowired StripeCardPayments payments;
  @Autowired JdbcClient jdbc;
  @Autowired BillingProblems problems;

  StripeTestInvoices invoices;

  @BeforeEach
  void resetStripe() {
    stripe.reset();
    invoices = new StripeTestInvoices(jdbc);
  }

  @Test
  void pushCreatesTheCustomerTheInvoiceOneItemPerLineAndFinalizes() {
    long account = invoices.cardAccount("Acme Monitoring", "billing@acme.test");
    Invoice invoice =
        invoices.openInvoice(
            account,
            3,
            Line.fee("Business plan, March 2026", 9900),
            Line.fee("Seats: 3 x $39.00", 11700),
            Line.credit("Goodwill credit for the February outage", -1500));
    stripe.createsCustomer("cus_Acme0001");
    stripe.createsInvoice("in_Acme0001");
    stripe.createsInvoiceItems();
    stripe.finalizes("in_Acme0001", 20100);

    String stripeInvoiceId = payments.pushToStripe(invoice.id());

    assertThat(stripeInvoiceId).isEqualTo("in_Acme0001");
    assertThat(stripe.calls())
        .containsExactly(
            "POST /v1/customers",
            "POST /v1/invoices",
            "POST /v1/invoiceitems",
            "POST /v1/invoiceitems",
            "POST /v1/invoiceitems",
            "POST /v1/invoices/in_Acme0001/finalize");
    List<LoggedRequest> requests = stripe.requests();
    assertThat(requests)
        .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + API_KEY));

    LoggedRequest customer = requests.get(0);
    assertThat(idempotencyKey(customer)).isEqualTo("vigil-account-" + account + "-customer");
    assertThat(form(customer))
        .containsOnly(
            entry("email", "billing@acme.test"),
            entry("metadata[vigil_account_id]", Long.toString(account)),
            entry("name", "Acme Monitoring"));

    LoggedRequest created = requests.get(1);
    assertThat(idempotencyKey(created)).isEqualTo(invoice.key("create"));
    assertThat(form(created))
        .containsOnly(
            entry("auto_advance", "false"),
            entry("collection_method", "charge_automatically"),
            entry("currency", "usd"),
            entry("custom_fields[0][name]", "Vigil invoice"),
            entry("custom_fields[0][value]", invoice.number()),
            entry("customer", "cus_Acme0001"),
            entry("description", "Vigil invoice " + invoice.number()),
            entry("metadata[vigil_account_id]", Long.toString(account)),
            entry("metadata[vigil_invoice_id]", Long.toString(invoice.id())),
            entry("metadata[vigil_invoice_number]", invoice.number()),
            entry("pending_invoice_items_behavior", "exclude"));

    List<Long> lines = invoice.lineIds();
    assertThat(requests.subList(2, 5).stream().map(StripeStandIn::idempotencyKey))
        .containsExactly(
            invoice.key("line-" + lines.get(0)),
            invoice.key("line-" + lines.get(1)),
            invoice.key("line-" + lines.get(2)));
    assertThat(form(requests.get(2)))
        .containsOnly(
            entry("amount", "9900"),
            entry("currency", "usd"),
            entry("customer", "cus_Acme0001"),
            entry("description", "Business plan, March 2026"),
            entry("invoice", "in_Acme0001"),
            entry("metadata[vigil_invoice_id]", Long.toString(invoice.id())),
            entry("metadata[vigil_invoice_line_id]", Long.toString(lines.get(0))));
    assertThat(form(requests.get(3))).contains(entry("amount", "11700"));
    assertThat(form(requests.get(4)))
        .contains(
            entry("amount", "-1500"),
            entry("description", "Goodwill credit for the February outage"));

    LoggedRequest finalized = requests.get(5);
    assertThat(idempotencyKey(finalized)).isEqualTo(invoice.key("finalize"));
    assertThat(form(finalized)).containsOnly(entry("auto_advance", "false"));

    assertThat(invoices.stripeCustomerId(account)).isEqualTo("cus_Acme0001");
    assertThat(invoices.stripeInvoiceId(invoice)).isEqualTo("in_Acme0001");
  }

  @Test
  void aRetriedPushRepeatsTheFailedStepWithTheSameKeyAndCreatesNothingTwice() {
    long account = invoices.cardAccount("Retry Corp", "ap@retry.test");
    Invoice invoice =
        invoices.openInvoice(
            account, 4, Line.fee("Team plan, April 2026", 5700), Line.credit("Credit", -700));
    stripe.createsCustomer("cus_Retry0001");
    stripe.createsInvoice("in_Retry0001");
    stripe.createsInvoiceItems();
    stripe.failsInvoiceItemsWith("amount=-700");

    assertThatThrownBy(() -> payments.pushToStripe(invoice.id()))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.isNonRetryable()).isFalse();
              assertThat(failure.getType()).isEqualTo(StripeApi.UNAVAILABLE);
            });
    List<LoggedRequest> first = stripe.requests();
    assertThat(stripe.calls())
        .containsExactly(
            "POST /v1/customers",
            "POST /v1/invoices",
            "POST /v1/invoiceitems",
            "POST /v1/invoiceitems");

    // The retry, after Stripe recovered: its draft already holds the first line.
    stripe.reset();
    stripe.createsInvoiceItems();
    stripe.invoiceIs("in_Retry0001", "draft", 5700, 0);
    stripe.hasItems("in_Retry0001", invoice.id(), List.of(invoice.lineIds().get(0)));
    stripe.finalizes("in_Retry0001", 5000);

    assertThat(payments.pushToStripe(invoice.id())).isEqualTo("in_Retry0001");

    assertThat(stripe.calls())
        .containsExactly(
            "GET /v1/invoices/in_Retry0001",
            "GET /v1/invoiceitems",
            "POST /v1/invoiceitems",
            "POST /v1/invoices/in_Retry0001/finalize");
    LoggedRequest retriedLine = stripe.requests().get(2);
    assertThat(form(retriedLine)).contains(entry("amount", "-700"));
    assertThat(idempotencyKey(retriedLine))
        .isEqualTo(idempotencyKey(first.get(3)))
        .isEqualTo(invoice.key("line-" + invoice.lineIds().get(1)));
    assertThat(invoices.stripeCustomerId(account)).isEqualTo("cus_Retry0001");
    assertThat(invoices.stripeInvoiceId(invoice)).isEqualTo("in_Retry0001");
  }

  @Test
  void aRetryAfterAFailedFinalizeFinalizesWithTheSameKeyAndAPushOfAFinalizedInvoiceWritesNothing() {
    long account = invoices.cardAccount("Final Ltd", "finance@final.test");
    Invoice invoice = invoices.openInvoice(account, 5, Line.fee("Team plan, May 2026", 1900));
    stripe.createsCustomer("cus_Final0001");
    stripe.createsInvoice("in_Final0001");
    stripe.createsInvoiceItems();
    stripe.finalizeFails("in_Final0001", 503);

    assertThatThrownBy(() -> payments.pushToStripe(invoice.id()))
        .isInstanceOf(ApplicationFailure.class);
    String firstFinalizeKey =
        idempotencyKey(stripe.posts("/v1/invoices/in_Final0001/finalize").get(0));

    stripe.reset();
    stripe.invoiceIs("in_Final0001", "draft", 1900, 0);
    stripe.hasItems("in_Final0001", invoice.id(), invoice.lineIds());
    stripe.finalizes("in_Final0001", 1900);
    assertThat(payments.pushToStripe(invoice.id())).isEqualTo("in_Final0001");
    assertThat(stripe.calls())
        .containsExactly(
            "GET /v1/invoices/in_Final0001",
            "GET /v1/invoiceitems",
            "POST /v1/invoices/in_Final0001/finalize");
    assertThat(idempotencyKey(stripe.requests().get(2)))
        .isEqualTo(firstFinalizeKey)
        .isEqualTo(invoice.key("finalize"));

    // Retried again, after it succeeded (its answer lost): Stripe's invoice is open, nothing to do.
    stripe.reset();
    stripe.invoiceIs("in_Final0001", "open", 1900, 0);
    assertThat(payments.pushToStripe(invoice.id())).isEqualTo("in_Final0001");
    assertThat(stripe.calls()).containsExactly("GET /v1/invoices/in_Final0001");
  }

  @Test
  void theNextInvoiceOfAnAccountReusesItsCustomer() {
    long account = invoices.cardAccount("Twice Inc", "billing@twice.test");
    Invoice june = invoices.openInvoice(account, 6, Line.fee("Team plan, June 2026", 1900));
    Invoice july = invoices.openInvoice(account, 7, Line.fee("Team plan, July 2026", 3800));
    stripe.createsCustomer("cus_Twice0001");
    stripe.createsInvoice("in_Twice0006");
    stripe.createsInvoiceItems();
    stripe.finalizes("in_Twice0006", 1900);
    payments.pushToStripe(june.id());

    stripe.reset();
    stripe.createsInvoice("in_Twice0007");
    stripe.createsInvoiceItems();
    stripe.finalizes("in_Twice0007", 3800);
    assertThat(payments.pushToStripe(july.id())).isEqualTo("in_Twice0007");

    assertThat(stripe.calls())
        .containsExactly(
            "POST /v1/invoices",
            "POST /v1/invoiceitems",
            "POST /v1/invoices/in_Twice0007/finalize");
    assertThat(form(stripe.requests().get(0))).contains(entry("customer", "cus_Twice0001"));
  }

  @Test
  void anInvoiceWhoseStripeTotalDiffersFromOursIsNotLeftToBeCharged() {
    long account = invoices.cardAccount("Edited Co", "billing@edited.test");
    Invoice invoice = invoices.openInvoice(account, 8, Line.fee("Business plan, August", 9900));
    invoices.mirroredTo(invoice, "cus_Edited0001", "in_Edited0001");
    // Someone added an item in Stripe's dashboard before it was finalized.
    stripe.invoiceIs("in_Edited0001", "open", 12900, 0);

    assertThatThrownBy(() -> payments.pushToStripe(invoice.id()))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage())
                  .isEqualTo(
                      "Stripe invoice in_Edited0001 totals 12900 but invoice "
                          + invoice.number()
                          + " totals 9900 (minor units of USD)");
            });
  }

  @Test
  void aChargeRetriedByTemporalReusesItsKeyAndTheNextAttemptHasItsOwn() {
    long account = invoices.cardAccount("Payer GmbH", "rechnung@payer.test");
    Invoice invoice = invoices.openInvoice(account, 3, Line.fee("Business plan", 9900));
    invoices.mirroredTo(invoice, "cus_Payer0001", "in_Payer0001");
    stripe.pays("in_Payer0001", 9900);

    ChargeOutcome first = payments.charge(invoice.id(), 1);
    ChargeOutcome retried = payments.charge(invoice.id(), 1);
    ChargeOutcome second = payments.charge(invoice.id(), 2);

    assertThat(first).isEqualTo(ChargeOutcome.paid(9900, "in_Payer0001"));
    assertThat(retried).isEqualTo(first);
    assertThat(second).isEqualTo(first);
    assertThat(stripe.calls())
        .containsExactly(
            "POST /v1/invoices/in_Payer0001/pay",
            "POST /v1/invoices/in_Payer0001/pay",
            "POST /v1/invoices/in_Payer0001/pay");
    assertThat(stripe.requests().stream().map(StripeStandIn::idempotencyKey))
        .containsExactly(invoice.key("pay-1"), invoice.key("pay-1"), invoice.key("pay-2"));
    assertThat(invoices.paymentAttempts(invoice)).isEqualTo(2);
    assertThat(invoices.lastPaymentError(invoice)).isNull();
  }

  @Test
  void aDeclinedCardIsAnOutcomeRecordedOnTheInvoice() {
    long account = invoices.cardAccount("Broke LLC", "billing@broke.test");
    Invoice invoice = invoices.openInvoice(account, 3, Line.fee("Business plan", 9900));
    invoices.mirroredTo(invoice, "cus_Broke0001", "in_Broke0001");
    stripe.declines(
        "in_Broke0001", "card_declined", "insufficient_funds", "Your card has insufficient funds.");

    ChargeOutcome outcome = payments.charge(invoice.id(), 3);

    assertThat(outcome)
        .isEqualTo(ChargeOutcome.declined("card_declined", "Your card has insufficient funds."));
    assertThat(idempotencyKey(stripe.requests().get(0))).isEqualTo(invoice.key("pay-3"));
    assertThat(invoices.paymentAttempts(invoice)).isEqualTo(3);
    assertThat(invoices.lastPaymentError(invoice))
        .isEqualTo("card_declined: Your card has insufficient funds.");

    // A later attempt that succeeds clears the error; an older attempt's retry never lowers the
    // count.
    stripe.reset();
    stripe.pays("in_Broke0001", 9900);
    assertThat(payments.charge(invoice.id(), 4).paid()).isTrue();
    assertThat(payments.charge(invoice.id(), 2).paid()).isTrue();
    assertThat(invoices.paymentAttempts(invoice)).isEqualTo(4);
    assertThat(invoices.lastPaymentError(invoice)).isNull();
  }

  @Test
  void stripeFailingIsRetriedAndARefusedRequestIsNot() {
    long account = invoices.cardAccount("Outage SA", "billing@outage.test");
    Invoice invoice = invoices.openInvoice(account, 3, Line.fee("Business plan", 9900));
    invoices.mirroredTo(invoice, "cus_Outage0001", "in_Outage0001");
    stripe.payFails("in_Outage0001", 500, "api_error", null, "An unknown error occurred");

    assertThatThrownBy(() -> payments.charge(invoice.id(), 1))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.isNonRetryable()).isFalse();
              assertThat(failure.getType()).isEqualTo(StripeApi.UNAVAILABLE);
            });
    assertThat(invoices.paymentAttempts(invoice)).isZero();

    stripe.reset();
    stripe.payFails(
        "in_Outage0001",
        400,
        "invalid_request_error",
        "invoice_not_editable",
        "This invoice can no longer be paid.");
    stripe.invoiceIs("in_Outage0001", "void", 9900, 0);
    assertThatThrownBy(() -> payments.charge(invoice.id(), 1))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getType()).isEqualTo(StripeApi.REJECTED);
              assertThat(failure.getOriginalMessage())
                  .startsWith(
                      "charging invoice "
                          + invoice.number()
                          + ": This invoice can no longer be paid.");
            });
  }

  @Test
  void aChargeWhoseAnswerWasLostLongAgoFindsTheInvoicePaid() {
    long account = invoices.cardAccount("Late Answer BV", "billing@late.test");
    Invoice invoice = invoices.openInvoice(account, 3, Line.fee("Business plan", 9900));
    invoices.mirroredTo(invoice, "cus_Late0001", "in_Late0001");
    stripe.payFails(
        "in_Late0001", 400, "invalid_request_error", "invoice_already_paid", "Invoice is paid");
    stripe.invoiceIs("in_Late0001", "paid", 9900, 9900);

    assertThat(payments.charge(invoice.id(), 1)).isEqualTo(ChargeOutcome.paid(9900, "in_Late0001"));
  }

  @Test
  void withoutAnApiKeyCardInvoicesFailForGoodNamingTheSetting() {
    StripeCardPayments unconfigured =
        new StripeCardPayments(jdbc, new StripeApi(new StripeSettings("", "", "", null)), problems);
    long account = invoices.cardAccount("No Key Inc", "billing@nokey.test");
    Invoice invoice = invoices.openInvoice(account, 3, Line.fee("Business plan", 9900));

    assertThatThrownBy(() -> unconfigured.pushToStripe(invoice.id()))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getType()).isEqualTo(StripeApi.NOT_CONFIGURED);
              assertThat(failure.getOriginalMessage()).contains("vigil.billing.stripe.api-key");
            });
    assertThatThrownBy(() -> unconfigured.charge(invoice.id(), 1))
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("vigil.billing.stripe.api-key");
    assertThat(stripe.requests()).isEmpty();
    assertThat(invoices.stripeCustomerId(account)).isNull();
    assertThat(problems.open(account))
        .as("the account shows both steps held up (docs/decisions/0044)")
        .extracting(BillingProblem::step)
        .containsExactly(BillingProblem.STRIPE_PUSH, BillingProblem.STRIPE_CHARGE);
  }

  @Test
  void settingsNeverPrintTheSecrets() {
    StripeSettings settings =
        new StripeSettings("sk_live_secret123", null, "whsec_secret456", null);

    assertThat(settings.toString())
        .isEqualTo(
            "StripeSettings[apiKey=(set), apiBase=https://api.stripe.com, webhookSecret=(set),"
                + " webhookTolerance=PT5M]");
  }

  @Test
  void aCheckInvoiceIsNotPushed() {
    long account = invoices.cardAccount("Check Payer", "ap@check.test");
    Invoice invoice = invoices.openInvoice(account, 3, Line.fee("Business plan", 9900));
    jdbc.sql("update invoices set collection_method = 'check' where id = :id")
        .param("id", invoice.id())
        .update();

    assertThatThrownBy(() -> payments.pushToStripe(invoice.id()))
        .isInstanceOfSatisfying(
            ApplicationFailure.class, failure -> assertThat(failure.isNonRetryable()).isTrue());
    assertThat(stripe.requests()).isEmpty();
  }
}
