package dev.vigil.billing.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.billing.invoice.Actor;
import dev.vigil.billing.invoice.CreditNoteRequest;
import dev.vigil.billing.invoice.InvoiceStanding;
import dev.vigil.billing.invoice.InvoiceStatus;
import dev.vigil.billing.ledger.AccountCredits;
import dev.vigil.billing.ledger.CreditNotes;
import dev.vigil.billing.ledger.InvoiceActivitiesImpl;
import dev.vigil.billing.ledger.Refunds;
import dev.vigil.billing.stripe.StripeTestInvoices.Invoice;
import dev.vigil.billing.stripe.StripeTestInvoices.Line;
import dev.vigil.billing.testsupport.StripeStandIn;
import dev.vigil.refusal.Refusal;
import dev.vigil.testsupport.ActivitiesTestApplication;
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
 * A paid card invoice corrected (docs/decisions/0043): a credit note turns part of it into account
 * credit, and a refund pays that credit back to the card through Stripe's Refund API (the real
 * stripe-java against the local stand-in), or gives it back when Stripe refuses.
 */
@SpringBootTest(classes = ActivitiesTestApplication.class)
class CardRefundsTest {

  static final StripeStandIn stripe = new StripeStandIn();
  static final Actor ACCOUNTANT = new Actor(null, "operator_accountant");

  @DynamicPropertySource
  static void stripeSettings(DynamicPropertyRegistry registry) {
    registry.add("vigil.billing.stripe.api-key", () -> "sk_test_vigil_refunds");
    registry.add("vigil.billing.stripe.api-base", stripe::baseUrl);
  }

  @AfterAll
  static void stopStripe() {
    stripe.stop();
  }

  @Autowired JdbcClient jdbc;
  @Autowired InvoiceActivitiesImpl ledger;
  @Autowired CreditNotes creditNotes;
  @Autowired Refunds refunds;
  @Autowired AccountCredits credits;

  StripeTestInvoices invoices;

  @BeforeEach
  void resetStripe() {
    stripe.reset();
    invoices = new StripeTestInvoices(jdbc);
  }

  @Test
  void aCreditNoteOnAPaidCardInvoiceIsRefundedToTheCard() {
    long account = invoices.cardAccount("Refund Me GmbH", "ap@refundme.test");
    // 99.00 + 3 seats x 39.00 = 216.00, paid by card.
    Invoice invoice =
        invoices.openInvoice(
            account, 3, Line.fee("Business plan", 9900), Line.fee("Seats: 3 x $39.00", 11700));
    invoices.mirroredTo(invoice, "cus_Refund1", "in_Refund1");
    InvoiceStanding paid = ledger.recordCardPayment(invoice.id(), 21600, "in_Refund1");
    assertThat(paid.status()).isEqualTo(InvoiceStatus.PAID);
    long paymentId = cardPayment(invoice);

    // One seat was never used: 39.00 credited, then refunded to the card.
    CreditNotes.CreditNote note =
        creditNotes.issue(
            invoice.id(), new CreditNoteRequest(ACCOUNTANT, 3900, "Unused seat", "t-card-cn"));
    assertThat(note.creditMinor()).isEqualTo(3900);
    assertThat(credits.balance(account, "USD")).isEqualTo(3900);

    stripe.invoicePaidBy("in_Refund1", "pi_Refund1", 21600);
    stripe.refunds("re_Refund1");
    Refunds.Refund refund =
        refunds.refund(
            account,
            new Refunds.Request(ACCOUNTANT, "card", 3900, paymentId, null, null, "Unused seat"));

    assertThat(refund.stripeRefundId()).isEqualTo("re_Refund1");
    assertThat(refund.currency()).isEqualTo("USD");
    assertThat(credits.balance(account, "USD")).isZero();
    List<LoggedRequest> posted = stripe.posts("/v1/refunds");
    assertThat(posted).hasSize(1);
    assertThat(StripeStandIn.form(posted.get(0)))
        .containsEntry("payment_intent", "pi_Refund1")
        .containsEntry("amount", "3900")
        .containsEntry("metadata[vigil_refund_id]", String.valueOf(refund.id()));
    assertThat(StripeStandIn.idempotencyKey(posted.get(0)))
        .isEqualTo("vigil-account-" + account + "-refund-" + refund.id());
  }

  @Test
  void aRefundOverTheCreditNeverReachesStripeAndOneStripeRefusesGivesTheCreditBack() {
    long account = invoices.cardAccount("Refused Refund Ltd", "ap@refused.test");
    Invoice invoice = invoices.openInvoice(account, 4, Line.fee("Seats: 1 x $19.00", 1900));
    invoices.mirroredTo(invoice, "cus_Refund2", "in_Refund2");
    ledger.recordCardPayment(invoice.id(), 1900, "in_Refund2");
    long paymentId = cardPayment(invoice);
    creditNotes.issue(invoice.id(), new CreditNoteRequest(ACCOUNTANT, 500, "Outage", "t-c2"));

    assertThatThrownBy(
            () ->
                refunds.refund(
                    account,
                    new Refunds.Request(ACCOUNTANT, "card", 600, paymentId, null, null, "more")))
        .satisfies(e -> assertThat(Refusal.of(e)).contains(Refusal.WRONG_STATE));
    assertThat(stripe.posts("/v1/refunds")).isEmpty();

    stripe.invoicePaidBy("in_Refund2", "pi_Refund2", 1900);
    stripe.refusesRefunds("Refund amount is greater than unrefunded amount on charge");
    assertThatThrownBy(
            () ->
                refunds.refund(
                    account,
                    new Refunds.Request(ACCOUNTANT, "card", 500, paymentId, null, null, "outage")))
        .hasMessageContaining("greater than unrefunded amount");
    assertThat(stripe.posts("/v1/refunds")).hasSize(1);
    assertThat(credits.balance(account, "USD")).as("the credit is back").isEqualTo(500);
    assertThat(refunds.list(account)).isEmpty();
  }

  private long cardPayment(Invoice invoice) {
    return jdbc.sql("select id from payments where invoice_id = :id and method = 'card'")
        .param("id", invoice.id())
        .query(Long.class)
        .single();
  }
}
