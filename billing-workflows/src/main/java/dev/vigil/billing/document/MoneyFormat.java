package dev.vigil.billing.document;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Currency;
import java.util.Locale;

/**
 * How amounts are written on invoices, in mail and in exports: {@code 1,234.56 USD}, {@code 1,235
 * JPY}, {@code -12.000 BHD}. The ISO code after the number, never a symbol: it cannot be mistaken
 * for another dollar, reads the same in every locale and every JDK's locale data, and every
 * standard PDF font can draw it. The number of decimals is the currency's own (ISO 4217), grouping
 * and the decimal point are en-US. Nothing is rounded: an amount in minor units has exactly that
 * many decimals.
 */
public final class MoneyFormat {

  private MoneyFormat() {}

  /** {@code 1,234.56 USD}; negative amounts (credits) as {@code -1,234.56 USD}. */
  public static String format(long minorUnits, String currency) {
    return String.format(Locale.US, "%,." + digits(currency) + "f", major(minorUnits, currency))
        + " "
        + currency;
  }

  /** {@code 1234.56}: a plain decimal of major units, for CSV and other machine-read files. */
  public static String decimal(long minorUnits, String currency) {
    return major(minorUnits, currency).toPlainString();
  }

  /**
   * A per-unit price, which may be finer than a minor unit: 1.25 cents is {@code 0.0125 USD}, 3900
   * cents is {@code 39.00 USD}. At least the currency's decimals, more only where the price has
   * them.
   */
  public static String unitPrice(BigDecimal minorUnits, String currency) {
    int digits = digits(currency);
    BigDecimal major = minorUnits.movePointLeft(digits).stripTrailingZeros();
    if (major.scale() < digits) {
      major = major.setScale(digits);
    }
    return String.format(Locale.US, "%,." + major.scale() + "f", major) + " " + currency;
  }

  /** A quantity without trailing zeros, grouped: {@code 1,250}, {@code 0.5}. */
  public static String quantity(BigDecimal quantity) {
    DecimalFormat format =
        new DecimalFormat("#,##0.##########", DecimalFormatSymbols.getInstance(Locale.US));
    return format.format(quantity);
  }

  /** The currency's minor unit digits: 2 for USD and EUR, 0 for JPY, 3 for BHD. */
  public static int digits(String currency) {
    // Pseudo-currencies (XAU, XXX) have no minor unit: whole units.
    return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
  }

  private static BigDecimal major(long minorUnits, String currency) {
    return BigDecimal.valueOf(minorUnits, digits(currency));
  }
}
