package dev.vigil.billing.document;

import dev.vigil.billing.ledger.CollectionMethod;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * One invoice as its customer and accountant read it: what it bills, for which period, what was
 * paid and what is still due. Read by {@link InvoiceReader}; rendered by {@link InvoicePdf}.
 *
 * @param number {@code VIG-000042}, assigned when the invoice is issued; null for a draft (and a
 *     draft voided before it was issued)
 * @param billingEmail where billing mail goes (the account's billing profile); null for an account
 *     without one
 * @param periodStart local midnight on the 1st in {@code billingTimeZone}, inclusive
 * @param periodEnd local midnight on the 1st of the next month, exclusive
 * @param planLabel the plan version whose quotas rated the usage, e.g. {@code Business v1}
 * @param status draft, open, paid, void or uncollectible
 * @param balanceMinor what is still due: total less payments, never below zero (an overpayment is
 *     account credit)
 * @param lines in the order they are shown
 * @param payments oldest first
 * @param creditedMinor what credit notes took off the balance
 * @param creditNotes credit notes on this invoice, oldest first
 * @param creditCreated account credit this invoice gave rise to (an overpayment, a payment after it
 *     closed, a credit note's part its payments had covered, credit returned by a void), oldest
 *     first
 * @param poNumber the customer's purchase order number: as issued, or for a draft as the profile
 *     says now; null for none
 * @param billToAddress the customer's postal address lines, likewise; empty for none
 * @param tax how the invoice was taxed: the parties, their tax ids and the tax lines
 */
public record InvoiceDetail(
    long id,
    long accountId,
    String accountName,
    String billingEmail,
    String number,
    Instant periodStart,
    Instant periodEnd,
    ZoneId billingTimeZone,
    String currency,
    String planLabel,
    CollectionMethod collectionMethod,
    String status,
    long totalMinor,
    long amountPaidMinor,
    long balanceMinor,
    Instant draftedAt,
    Instant issuedAt,
    Instant dueAt,
    Instant paidAt,
    Instant closedAt,
    String closeReason,
    String stripeInvoiceId,
    int paymentAttempts,
    String lastPaymentError,
    List<Line> lines,
    List<Usage> usage,
    List<Payment> payments,
    long creditedMinor,
    List<CreditNoteLine> creditNotes,
    List<CreditCreated> creditCreated,
    String poNumber,
    List<String> billToAddress,
    Tax tax) {

  public InvoiceDetail {
    tax = tax == null ? Tax.NONE : tax;
    billToAddress = billToAddress == null ? List.of() : List.copyOf(billToAddress);
    lines = List.copyOf(lines);
    usage = List.copyOf(usage);
    payments = List.copyOf(payments);
    creditNotes = List.copyOf(creditNotes);
    creditCreated = List.copyOf(creditCreated);
  }

  /** What is printed where the number goes: the number, or "Draft" before it is issued. */
  public String displayNumber() {
    return displayNumber(number);
  }

  /** A number as printed: "Draft" for an invoice not issued yet, which has none. */
  public static String displayNumber(String number) {
    return number == null ? "Draft" : number;
  }

  /** The same invoice with its lines, usage, payments and credits, read after its own row. */
  InvoiceDetail withParts(
      List<Line> lines,
      List<Usage> usage,
      List<Payment> payments,
      List<CreditNoteLine> creditNotes,
      List<CreditCreated> creditCreated) {
    return new InvoiceDetail(
        id,
        accountId,
        accountName,
        billingEmail,
        number,
        periodStart,
        periodEnd,
        billingTimeZone,
        currency,
        planLabel,
        collectionMethod,
        status,
        totalMinor,
        amountPaidMinor,
        balanceMinor,
        draftedAt,
        issuedAt,
        dueAt,
        paidAt,
        closedAt,
        closeReason,
        stripeInvoiceId,
        paymentAttempts,
        lastPaymentError,
        lines,
        usage,
        payments,
        creditedMinor,
        creditNotes,
        creditCreated,
        poNumber,
        billToAddress,
        tax);
  }

  /** The first day billed, in the billing time zone. */
  public LocalDate firstDay() {
    return periodStart.atZone(billingTimeZone).toLocalDate();
  }

  /** The last day billed, inclusive: the day before the next period's 1st. */
  public LocalDate lastDay() {
    return periodEnd.atZone(billingTimeZone).toLocalDate().minusDays(1);
  }

  /** The issue date in the billing time zone; empty for a draft. */
  public Optional<LocalDate> issueDate() {
    return Optional.ofNullable(issuedAt).map(this::localDate);
  }

  /** The due date in the billing time zone; empty until issued, and for card invoices. */
  public Optional<LocalDate> dueDate() {
    return Optional.ofNullable(dueAt).map(this::localDate);
  }

  /** Days from issue to due date ("net 30"), as this invoice was issued. */
  public Optional<Long> netTermsDays() {
    if (issuedAt == null || dueAt == null) {
      return Optional.empty();
    }
    return Optional.of(ChronoUnit.DAYS.between(localDate(issuedAt), localDate(dueAt)));
  }

  /** An instant's calendar date where the customer is. */
  public LocalDate localDate(Instant instant) {
    return instant.atZone(billingTimeZone).toLocalDate();
  }

  /**
   * One line of the invoice.
   *
   * @param kind base_fee, seats, usage, late_usage, adjustment or account_credit
   * @param usageType the usage type of a usage or late usage line, else null
   * @param unitPriceMinor may be finer than a minor unit (0.75 cents)
   * @param amountMinor the line's amount, rounded once; negative for credits
   * @param reason why an accountant added an adjustment, else null
   */
  public record Line(
      int position,
      String kind,
      String description,
      String usageType,
      BigDecimal quantity,
      BigDecimal unitPriceMinor,
      long amountMinor,
      String reason) {}

  /**
   * The usage of one type the invoice rated, from one period (an earlier one for late usage).
   *
   * @param periodStart the start of the period the usage was sent in
   */
  public record Usage(
      String usageType, Instant periodStart, long units, long includedUnits, long billableUnits) {}

  /**
   * How the invoice was taxed, decided when it was drafted (docs/decisions/0065).
   *
   * @param sellerName who bills, as configured when it was drafted; null: the remittance payee
   * @param sellerAddress the seller's address lines; empty for none
   * @param sellerTaxId the seller's tax id; null for none
   * @param customerTaxId the customer's tax id; null for none
   * @param reverseCharge true when the customer accounts for the VAT (no tax lines)
   * @param note what the invoice says of its tax besides its lines: the reverse charge's wording
   * @param subtotalMinor the sum of the lines before tax and account credit
   * @param taxMinor the sum of the tax lines
   * @param lines one per rate
   */
  public record Tax(
      String sellerName,
      List<String> sellerAddress,
      String sellerTaxId,
      String customerTaxId,
      boolean reverseCharge,
      String note,
      long subtotalMinor,
      long taxMinor,
      List<TaxLine> lines) {

    static final Tax NONE = new Tax(null, List.of(), null, null, false, null, 0, 0, List.of());

    public Tax {
      sellerAddress = sellerAddress == null ? List.of() : List.copyOf(sellerAddress);
      lines = List.copyOf(lines);
    }
  }

  /**
   * One tax line: the rate's name and percent, the amount it applied to, and the tax.
   *
   * @param ratePercent the rate in percent, as a decimal string ("20", "7.25")
   */
  public record TaxLine(String name, String ratePercent, long taxableMinor, long amountMinor) {}

  /** A credit note on the invoice: its number, what it credits and why. */
  public record CreditNoteLine(long id, String number, long amountMinor, String reason) {}

  /** Account credit the invoice gave rise to, as the account's credit ledger describes it. */
  public record CreditCreated(String description, long amountMinor) {}

  /**
   * A payment received.
   *
   * @param invoiceId the invoice it was sent for; 0 for a payment on account
   * @param invoiceNumber null for a payment on account
   * @param method check, transfer or card
   * @param checkNumber the check's number or the transfer's reference; null for card payments
   * @param receivedOn when the check arrived; null for card payments
   * @param recordedAt when it was recorded here
   */
  public record Payment(
      long id,
      long invoiceId,
      String invoiceNumber,
      String method,
      long amountMinor,
      String currency,
      String checkNumber,
      LocalDate receivedOn,
      Instant recordedAt) {}
}
