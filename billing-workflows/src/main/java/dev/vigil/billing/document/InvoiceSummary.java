package dev.vigil.billing.document;

import java.time.Instant;

/**
 * An invoice in a list: enough to find it and see what it asks for.
 *
 * @param number assigned when the invoice is issued; null for a draft
 * @param balanceMinor total less payments, never below zero
 * @param issuedAt null for a draft
 * @param dueAt null until a check invoice is issued, and for card invoices
 */
public record InvoiceSummary(
    long id,
    String number,
    Instant periodStart,
    Instant periodEnd,
    String status,
    String currency,
    long totalMinor,
    long amountPaidMinor,
    long balanceMinor,
    Instant issuedAt,
    Instant dueAt) {

  /** The number, or "Draft" before the invoice is issued. */
  public String displayNumber() {
    return InvoiceDetail.displayNumber(number);
  }
}
