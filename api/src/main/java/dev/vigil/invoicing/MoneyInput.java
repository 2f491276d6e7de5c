package dev.vigil.invoicing;

import dev.vigil.web.ApiException;
import java.math.BigDecimal;
import java.util.Currency;

/**
 * Amounts as people write them ({@code 1234.56} US dollars) to minor units, exactly: more decimals
 * than the currency has is an error, never a rounding.
 */
final class MoneyInput {

  private MoneyInput() {}

  static long toMinorUnits(String field, BigDecimal amount, String currency) {
    if (amount == null) {
      throw ApiException.badRequest(field, "is required");
    }
    int digits = Currency.getInstance(currency).getDefaultFractionDigits();
    if (amount.stripTrailingZeros().scale() > digits) {
      throw ApiException.badRequest(field, "has more than " + digits + " decimals for " + currency);
    }
    try {
      return amount.movePointRight(digits).longValueExact();
    } catch (ArithmeticException tooLarge) {
      throw ApiException.badRequest(field, "is too large");
    }
  }
}
