package dev.vigil.billing.invoice;

import java.util.List;

/**
 * What an invoice workflow needs to know of its invoice when it starts.
 *
 * @param card true for a card customer's invoice, false for invoice-and-check
 * @param reminderOffsetDays days relative to the due date on which reminders go out, ascending
 * @param dueAtMillis when it is (or was) due; 0 while a draft
 * @param number what customers see (VIG-000042); with {@code customer}, {@code currency} and {@code
 *     billingTimeZone} only for the Temporal UI's details, and null in runs recorded before they
 *     were loaded
 * @param issuedAtMillis when it was sent or issued; 0 while a draft (and in runs recorded before it
 *     was loaded)
 * @param paymentAttempts card charges tried so far, all declined
 * @param nextPaymentAttemptAtMillis when the next card charge is due; 0 when none is scheduled
 */
public record InvoiceFacts(
    long invoiceId,
    long accountId,
    boolean card,
    InvoiceStanding status,
    long dueAtMillis,
    List<Integer> reminderOffsetDays,
    String number,
    String customer,
    String currency,
    String billingTimeZone,
    long issuedAtMillis,
    int paymentAttempts,
    long nextPaymentAttemptAtMillis) {

  public InvoiceFacts {
    reminderOffsetDays = List.copyOf(reminderOffsetDays);
  }
}
