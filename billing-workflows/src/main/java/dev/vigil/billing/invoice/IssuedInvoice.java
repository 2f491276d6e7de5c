package dev.vigil.billing.invoice;

/** An invoice after it was issued: open with a due date (or already paid, when nothing is due). */
public record IssuedInvoice(InvoiceStanding status, long dueAtMillis) {}
