package dev.vigil.billing.invoice;

/**
 * Where an invoice stands, as its workflow knows it.
 *
 * @param status draft, open, paid, void or uncollectible
 * @param balanceMinor total less payments (negative never: overpayment became credit)
 */
public record InvoiceStatus(
    long invoiceId, String status, long totalMinor, long amountPaidMinor, long balanceMinor) {

  public boolean closed() {
    return !status.equals("draft") && !status.equals("open");
  }
}
