package dev.vigil.billing.invoice;

import java.time.LocalDate;

/**
 * A check or bank transfer received for an invoice.
 *
 * @param checkNumber the check's number, or the transfer's bank reference: recorded once per
 *     account
 * @param method {@code check} or {@code transfer}; null in runs recorded before transfers, which
 *     were all checks
 */
public record CheckPayment(
    Actor actor, long amountMinor, String checkNumber, LocalDate receivedOn, String method) {

  public static final String CHECK = "check";
  public static final String TRANSFER = "transfer";

  public CheckPayment(Actor actor, long amountMinor, String checkNumber, LocalDate receivedOn) {
    this(actor, amountMinor, checkNumber, receivedOn, CHECK);
  }

  /** {@code check} or {@code transfer}, as stored. */
  public String methodCode() {
    return TRANSFER.equals(method) ? TRANSFER : CHECK;
  }
}
