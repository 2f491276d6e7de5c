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
    String billingTimeZone) {

  public InvoiceFacts {
    reminderOffsetDays = List.copyOf(reminderOffsetDays);
  }
}
