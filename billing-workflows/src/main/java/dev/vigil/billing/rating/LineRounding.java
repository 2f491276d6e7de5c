package dev.vigil.billing.rating;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Set;

/**
 * The one rounding rule of invoices: each line's exact amount is rounded once, half up (away from
 * zero at exactly half a unit), to the currency's chargeable unit. Unit prices and proration
 * fractions are never rounded on their own, and the total is the plain sum of the rounded lines, so
 * the total always equals what the lines say.
 *
 * <p>The chargeable unit is one minor unit, except for the three-decimal currencies, which card
 * networks (and Stripe) charge in tens of the minor unit: an amount in BHD, JOD, KWD, OMR or TND
 * must end in 0. Rounding every line to it keeps an invoice's total chargeable as it stands.
 */
public final class LineRounding {

  public static final RoundingMode MODE = RoundingMode.HALF_UP;

  private static final Set<String> CHARGED_IN_TENS = Set.of("BHD", "JOD", "KWD", "OMR", "TND");

  private LineRounding() {}

  /** The smallest amount the currency is charged in, in its minor units: 1 or 10. */
  public static long chargeableUnit(String currency) {
    return currency != null && CHARGED_IN_TENS.contains(currency) ? 10 : 1;
  }

  public static long toMinorUnits(BigDecimal exactMinorUnits, String currency) {
    BigDecimal unit = BigDecimal.valueOf(chargeableUnit(currency));
    return exactMinorUnits.divide(unit).setScale(0, MODE).multiply(unit).longValueExact();
  }

  /** The largest chargeable amount not above {@code minor} (for credit applied to an invoice). */
  public static long chargeableDown(long minor, String currency) {
    return minor - Math.floorMod(minor, chargeableUnit(currency));
  }
}
