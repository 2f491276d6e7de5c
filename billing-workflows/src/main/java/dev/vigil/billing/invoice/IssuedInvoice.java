package dev.vigil.billing.invoice;

/**
 * An invoice after it was issued: open with a due date (or already paid, when nothing is due).
 *
 * @param number the number it was issued with (docs/decisions/0053); null in runs recorded before
 *     numbers were assigned at issue
 */
public record IssuedInvoice(InvoiceStanding status, long dueAtMillis, String number) {}
