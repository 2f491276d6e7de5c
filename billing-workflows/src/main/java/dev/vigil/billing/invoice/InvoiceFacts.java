package dev.vigil.billing.invoice;

import java.util.List;

/**
 * What an invoice workflow needs to know of its invoice when it starts.
 *
 * @param card true for a card customer's invoice, false for invoice-and-check
 * @param reminderOffsetDays days relative to the due date on which reminders go out, ascending
 * @param dueAtMillis when it is (or was) due; 0 while a draft
 */
public record InvoiceFacts(
    long invoiceId,
    long accountId,
    boolean card,
    InvoiceStatus status,
    long dueAtMillis,
    List<Integer> reminderOffsetDays) {

  public InvoiceFacts {
    reminderOffsetDays = List.copyOf(reminderOffsetDays);
  }
}
