package dev.vigil.billing.invoice;

/**
 * Where an invoice stands, as its workflow knows it.
 *
 * @param balanceMinor total less payments (negative never: overpayment became credit)
 */
public record InvoiceStanding(
    long invoiceId,
    InvoiceStatus status,
    long totalMinor,
    long amountPaidMinor,
    long balanceMinor) {

  public boolean closed() {
    return status.closed();
  }
}
