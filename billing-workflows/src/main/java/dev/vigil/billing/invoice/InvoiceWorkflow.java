package dev.vigil.billing.invoice;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One invoice from draft to closed. Card invoices are pushed to Stripe and charged, retried on a
 * decline. Check invoices wait as drafts for an accountant's approval, are sent with net terms, and
 * wait for checks, sending reminders around the due date. Workflow id: {@code invoice-<id>}.
 */
@WorkflowInterface
public interface InvoiceWorkflow {

  static String workflowId(long invoiceId) {
    return "invoice-" + invoiceId;
  }

  @WorkflowMethod
  InvoiceStanding run(long invoiceId);

  /** Approves a check invoice's draft, adding any adjustments, and sends it. */
  @UpdateMethod
  InvoiceStanding approve(Approval approval);

  @UpdateValidatorMethod(updateName = "approve")
  void validateApprove(Approval approval);

  /** Adds adjustment lines to a draft. */
  @UpdateMethod
  InvoiceStanding adjust(Approval adjustments);

  @UpdateValidatorMethod(updateName = "adjust")
  void validateAdjust(Approval adjustments);

  @UpdateMethod
  InvoiceStanding recordCheck(CheckPayment payment);

  @UpdateValidatorMethod(updateName = "recordCheck")
  void validateRecordCheck(CheckPayment payment);

  /** Issues a credit note on an open check invoice: it reduces the balance, perhaps to paid. */
  @UpdateMethod
  InvoiceStanding creditNote(CreditNoteRequest request);

  @UpdateValidatorMethod(updateName = "creditNote")
  void validateCreditNote(CreditNoteRequest request);

  @UpdateMethod
  InvoiceStanding voidInvoice(Closure closure);

  @UpdateValidatorMethod(updateName = "voidInvoice")
  void validateVoid(Closure closure);

  @UpdateMethod
  InvoiceStanding markUncollectible(Closure closure);

  @UpdateValidatorMethod(updateName = "markUncollectible")
  void validateMarkUncollectible(Closure closure);

  /** A verified Stripe webhook for this card invoice; each event id acts once. */
  @SignalMethod
  void stripeEvent(StripeInvoiceEvent event);

  @QueryMethod
  InvoiceStanding status();
}
