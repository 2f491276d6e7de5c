package dev.vigil.billing.rating;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one rounding rule of invoices: each line's exact amount is rounded once, half up (away from
 * zero at exactly half a minor unit), to whole minor units. Unit prices and proration fractions are
 * never rounded on their own, and the total is the plain sum of the rounded lines, so the total
 * always equals what the lines say.
 */
public final class LineRounding {

  public static final RoundingMode MODE = RoundingMode.HALF_UP;

  private LineRounding() {}

  public static long toMinorUnits(BigDecimal exactMinorUnits) {
    return exactMinorUnits.setScale(0, MODE).longValueExact();
  }
}
