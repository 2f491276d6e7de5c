package dev.vigil.invoicing;

import dev.vigil.auth.ApiCaller;
import dev.vigil.billing.document.InvoiceDetail;
import dev.vigil.billing.ledger.Refunds;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The operator's invoice changes as the console makes them: through the REST API's own routes
 * (their input checks, their method security, the invoice's workflow), so a form and an API call
 * cannot differ (docs/decisions/0046). Refusals are the API's {@code ApiException}s.
 */
@Component
public class InvoiceDesk {

  private final InvoiceController invoices;
  private final AccountCreditController credits;

  InvoiceDesk(InvoiceController invoices, AccountCreditController credits) {
    this.invoices = invoices;
    this.credits = credits;
  }

  /** One adjustment line, in the invoice's currency (negative for a credit). */
  public record AdjustmentLine(String description, BigDecimal amount, String reason) {}

  /** Approves a draft and sends it, with the adjustment lines added first. */
  public InvoiceDetail approve(
      ApiCaller caller, long accountId, long invoiceId, List<AdjustmentLine> adjustments) {
    var request =
        new InvoiceController.AdjustmentsRequest(
            adjustments.stream()
                .map(
                    a ->
                        new InvoiceController.AdjustmentRequest(
                            a.description(), a.amount(), a.reason()))
                .toList());
    return invoices.approve(caller, accountId, invoiceId, request).get("invoice");
  }

  /** Records a check; less than the balance leaves the rest due. */
  public InvoiceDetail recordCheck(
      ApiCaller caller,
      long accountId,
      long invoiceId,
      BigDecimal amount,
      String checkNumber,
      LocalDate receivedOn) {
    return invoices
        .recordCheck(
            caller,
            accountId,
            invoiceId,
            new InvoiceController.CheckRequest(amount, checkNumber, receivedOn, "check", null))
        .get("invoice");
  }

  /** Voids a draft or open invoice that has no payments. */
  public InvoiceDetail voidInvoice(
      ApiCaller caller, long accountId, long invoiceId, String reason) {
    return invoices
        .voidInvoice(caller, accountId, invoiceId, new InvoiceController.ClosureRequest(reason))
        .get("invoice");
  }

  /** Writes an open invoice off as uncollectible. */
  public InvoiceDetail markUncollectible(
      ApiCaller caller, long accountId, long invoiceId, String reason) {
    return invoices
        .markUncollectible(
            caller, accountId, invoiceId, new InvoiceController.ClosureRequest(reason))
        .get("invoice");
  }

  /** A credit note issued on an open or paid invoice, and the invoice after it. */
  public record CreditNoteIssued(String number, InvoiceDetail invoice) {}

  /** Issues a credit note of the amount (null: all not yet credited) with its reason. */
  public CreditNoteIssued issueCreditNote(
      ApiCaller caller, long accountId, long invoiceId, BigDecimal amount, String reason) {
    var issued =
        credits.issueCreditNote(
            caller,
            accountId,
            invoiceId,
            new AccountCreditController.CreditNoteBody(amount, reason));
    return new CreditNoteIssued(issued.creditNote().number(), issued.invoice());
  }

  /**
   * Pays account credit back: {@code card} (a card payment of the account, refunded through
   * Stripe), or {@code check} or {@code transfer} (the reference sent; currency blank for the
   * account's).
   */
  public Refunds.Refund refund(
      ApiCaller caller,
      long accountId,
      String method,
      BigDecimal amount,
      Long paymentId,
      String currency,
      String reference,
      String reason) {
    return credits
        .refund(
            caller,
            accountId,
            new AccountCreditController.RefundBody(
                method, amount, paymentId, currency, reference, reason))
        .refund();
  }

  /** The account's refunds, newest first. */
  public List<Refunds.Refund> refunds(ApiCaller caller, long accountId) {
    return credits.listRefunds(caller, accountId).refunds();
  }
}
