package dev.vigil.billing.rating;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * How an invoice is taxed (docs/decisions/0065): the rates in force for its jurisdiction and
 * period, or the EU reverse charge, which takes none and prints {@link #REVERSE_CHARGE_WORDING}.
 *
 * <p>The rule: tax is charged on the taxable subtotal, the sum of every line but account credit
 * (fees, usage, late usage and adjustments; account credit is money the customer already paid, not
 * a lower price), never below zero; one line per rate, each rounded once by {@link LineRounding}
 * like any other line; the invoice's total is the subtotal plus its tax, less the credit applied.
 *
 * @param rates one per rate in force, in the order they are printed
 * @param reverseCharge true when the customer accounts for the VAT: no tax lines
 */
public record TaxTreatment(List<TaxRate> rates, boolean reverseCharge) {

  public static final String REVERSE_CHARGE_WORDING =
      "Reverse charge: VAT to be accounted for by the recipient (Article 196, Council Directive"
          + " 2006/112/EC)";

  /** No tax: no rate in force for the customer, or nothing configured. */
  public static final TaxTreatment NONE = new TaxTreatment(List.of(), false);

  public TaxTreatment {
    rates = reverseCharge ? List.of() : List.copyOf(rates);
  }

  /** The EU reverse charge: no tax, the wording printed. */
  public static TaxTreatment reverseChargeOnly() {
    return new TaxTreatment(List.of(), true);
  }

  /** What the invoice says about its tax besides its lines; null when nothing. */
  public String note() {
    return reverseCharge ? REVERSE_CHARGE_WORDING : null;
  }

  /** The tax lines of a taxable subtotal: one per rate, a zero amount included. */
  public List<RatedLine> lines(long subtotalMinor, String currency) {
    long taxable = Math.max(0, subtotalMinor);
    List<RatedLine> lines = new ArrayList<>(rates.size());
    for (TaxRate rate : rates) {
      long amount = amount(taxable, rate.ratePercent(), currency);
      lines.add(
          new RatedLine(
              RatedLine.TAX,
              description(rate.name(), rate.ratePercent(), taxable, currency),
              null,
              BigDecimal.ONE,
              BigDecimal.valueOf(amount),
              amount,
              new RatedLine.TaxBasis(rate.id(), rate.name(), rate.ratePercent(), taxable)));
    }
    return lines;
  }

  /** {@code taxable × percent / 100}, rounded once by the invoice's rounding rule. */
  public static long amount(long taxableMinor, BigDecimal ratePercent, String currency) {
    return LineRounding.toMinorUnits(
        BigDecimal.valueOf(taxableMinor).multiply(ratePercent).movePointLeft(2), currency);
  }

  /** "VAT 20% on 123.45": the rate and the amount it applies to, in the invoice's currency. */
  public static String description(
      String name, BigDecimal ratePercent, long taxableMinor, String currency) {
    int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    return name
        + " "
        + ratePercent.stripTrailingZeros().toPlainString()
        + "% on "
        + BigDecimal.valueOf(taxableMinor).movePointLeft(digits).toPlainString()
        + " "
        + currency;
  }
}
