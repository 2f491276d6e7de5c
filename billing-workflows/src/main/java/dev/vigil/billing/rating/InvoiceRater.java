package dev.vigil.billing.rating;

import dev.vigil.billing.catalog.PlanVersion;
import dev.vigil.billing.catalog.UsagePrice;
import dev.vigil.billing.catalog.UsageType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rates one billing period into invoice lines, by the rules of decision 0008: prorated fees per
 * subscription term, the period's usage with the plan in force when it was sent (each plan stretch
 * of the period with its share of that plan's quotas), late usage of earlier periods on top of what
 * they billed, then account credit. Pure: the ledger gathers the inputs and writes the result.
 */
public class InvoiceRater {

  /**
   * Digits kept when a proration fraction is not a terminating decimal. Truncating this far below a
   * minor unit never moves an amount across the half that {@link LineRounding} rounds at, so the
   * rounded line is that of the exact fraction.
   */
  private static final int PRORATION_SCALE = 9;

  /** The column scale of {@code invoice_lines.quantity}: a prorated quantity is only shown. */
  private static final int QUANTITY_SCALE = 6;

  /**
   * A period under one plan version throughout (seat changes allowed).
   *
   * @param terms the subscription terms covering the period, in order; the last one ends at the
   *     period's end
   * @param periodUnits units of each type sent in the period; a missing type had none
   * @param late usage of earlier periods not billed yet, at most one per period and type
   * @param creditBalanceMinor the account's credit in the invoice's currency
   */
  public RatedInvoice rate(
      BillingPeriod period,
      List<SubscriptionTerm> terms,
      Map<UsageType, Long> periodUnits,
      List<LateUsage> late,
      long creditBalanceMinor) {
    planAtEnd(period, terms);
    List<PlanStretch> stretches = PlanStretch.of(period, terms);
    if (stretches.size() > 1) {
      throw new IllegalArgumentException(
          "the period has " + stretches.size() + " plan stretches: give usage per stretch");
    }
    return rateByStretch(
        period, terms, Map.of(period.start(), periodUnits), late, creditBalanceMinor);
  }

  /**
   * @param unitsByStretch units of each type sent in each plan stretch of the period ({@link
   *     PlanStretch#of}), by the stretch's start; a missing stretch or type had none
   */
  public RatedInvoice rateByStretch(
      BillingPeriod period,
      List<SubscriptionTerm> terms,
      Map<Instant, Map<UsageType, Long>> unitsByStretch,
      List<LateUsage> late,
      long creditBalanceMinor) {
    return rateByStretch(
        period, terms, unitsByStretch, late, creditBalanceMinor, TaxTreatment.NONE);
  }

  /**
   * @param tax how the invoice is taxed: its tax lines come after the charges, on their sum, and
   *     before account credit, which then covers the total with its tax
   */
  public RatedInvoice rateByStretch(
      BillingPeriod period,
      List<SubscriptionTerm> terms,
      Map<Instant, Map<UsageType, Long>> unitsByStretch,
      List<LateUsage> late,
      long creditBalanceMinor,
      TaxTreatment tax) {
    PlanVersion plan = planAtEnd(period, terms);
    LineDescriptions describe = new LineDescriptions(period);
    List<RatedLine> lines = new ArrayList<>();
    List<RatedUsage> usage = new ArrayList<>();

    for (SubscriptionTerm term : terms) {
      requireCurrency(plan, term.plan());
      lines.addAll(fees(period, term, describe));
    }

    List<PlanStretch> stretches = PlanStretch.of(period, terms);
    Set<Instant> known = new HashSet<>();
    stretches.forEach(stretch -> known.add(stretch.from()));
    if (!known.containsAll(unitsByStretch.keySet())) {
      throw new IllegalArgumentException(
          "usage of a stretch the terms do not have: " + unitsByStretch.keySet());
    }
    long periodSeconds = Duration.between(period.start(), period.end()).getSeconds();
    for (PlanStretch stretch : stretches) {
      Map<UsageType, Long> units = unitsByStretch.getOrDefault(stretch.from(), Map.of());
      long stretchSeconds = Duration.between(stretch.from(), stretch.to()).getSeconds();
      for (UsageType type : UsageType.values()) {
        rateUsage(
            stretch,
            type,
            units.getOrDefault(type, 0L),
            stretches.size() == 1 ? null : fraction(stretchSeconds, periodSeconds),
            describe,
            lines,
            usage);
      }
    }

    for (LateUsage earlier : inOrder(period, late)) {
      requireCurrency(plan, earlier.plan());
      UsagePrice price = earlier.plan().price(earlier.type());
      long included = price.includedUnits();
      // overage(billed + late) - overage(billed): late units first fill what the quota had left.
      long newlyBillable =
          Math.max(0, earlier.billedUnits() + earlier.lateUnits() - included)
              - Math.max(0, earlier.billedUnits() - included);
      usage.add(
          new RatedUsage(
              earlier.type(), earlier.periodStart(), earlier.lateUnits(), included, newlyBillable));
      long amount =
          LineRounding.toMinorUnits(
              price.overagePriceMinor().multiply(BigDecimal.valueOf(newlyBillable)),
              earlier.plan().currency());
      if (amount != 0) {
        lines.add(
            new RatedLine(
                RatedLine.LATE_USAGE,
                describe.late(
                    earlier.periodStart(), earlier.type(), earlier.lateUnits(), newlyBillable),
                earlier.type(),
                BigDecimal.valueOf(newlyBillable),
                price.overagePriceMinor(),
                amount));
      }
    }

    List<RatedLine> taxLines = tax.lines(sum(lines), plan.currency());
    lines.addAll(taxLines);
    long beforeCredit = sum(lines);
    // Credit below the chargeable unit waits for a later invoice: the total stays chargeable.
    long credit =
        LineRounding.chargeableDown(
            Math.min(Math.max(0, creditBalanceMinor), beforeCredit), plan.currency());
    if (credit > 0) {
      lines.add(
          new RatedLine(
              RatedLine.ACCOUNT_CREDIT,
              "Account credit applied",
              null,
              BigDecimal.ONE,
              BigDecimal.valueOf(-credit),
              -credit));
    }
    return new RatedInvoice(period, plan, lines, usage, sum(lines), sum(taxLines), tax.note());
  }

  /**
   * One usage type in one plan stretch: a breakdown row, and a line for the units over the quota.
   * In a period of several stretches each gets its share of its plan's quota, by time, rounded half
   * up to whole units; a period of one plan keeps the whole quota.
   *
   * @param share the stretch's share of the period, null when it is the whole period
   */
  private static void rateUsage(
      PlanStretch stretch,
      UsageType type,
      long units,
      BigDecimal share,
      LineDescriptions describe,
      List<RatedLine> lines,
      List<RatedUsage> usage) {
    if (units < 0) {
      throw new IllegalArgumentException(type.code() + " units cannot be negative: " + units);
    }
    UsagePrice price = stretch.plan().price(type);
    long included =
        share == null
            ? price.includedUnits()
            : BigDecimal.valueOf(price.includedUnits())
                .multiply(share)
                .setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
    long billable = Math.max(0, units - included);
    usage.add(new RatedUsage(type, stretch.from(), units, included, billable));
    if (billable > 0) {
      lines.add(
          new RatedLine(
              RatedLine.USAGE,
              share == null
                  ? describe.usage(type, units, included, billable)
                  : describe.usage(stretch, type, units, included, billable),
              type,
              BigDecimal.valueOf(billable),
              price.overagePriceMinor(),
              LineRounding.toMinorUnits(
                  price.overagePriceMinor().multiply(BigDecimal.valueOf(billable)),
                  stretch.plan().currency())));
    }
  }

  /** A term's base fee line (unless the plan has none) and its seats line (when it has seats). */
  private static List<RatedLine> fees(
      BillingPeriod period, SubscriptionTerm term, LineDescriptions describe) {
    long periodSeconds = Duration.between(period.start(), period.end()).getSeconds();
    long termSeconds = Duration.between(term.from(), term.to()).getSeconds();
    boolean whole = termSeconds == periodSeconds;
    PlanVersion plan = term.plan();
    List<RatedLine> lines = new ArrayList<>(2);
    if (plan.baseFeeMinor() > 0) {
      lines.add(
          new RatedLine(
              RatedLine.BASE_FEE,
              describe.baseFee(term, whole),
              null,
              whole ? BigDecimal.ONE : fraction(termSeconds, periodSeconds),
              BigDecimal.valueOf(plan.baseFeeMinor()),
              LineRounding.toMinorUnits(
                  prorated(plan.baseFeeMinor(), termSeconds, periodSeconds), plan.currency())));
    }
    if (term.seats() > 0) {
      long monthly = Math.multiplyExact(plan.seatPriceMinor(), (long) term.seats());
      lines.add(
          new RatedLine(
              RatedLine.SEATS,
              describe.seats(term, whole),
              null,
              whole
                  ? BigDecimal.valueOf(term.seats())
                  : fraction(termSeconds * term.seats(), periodSeconds),
              BigDecimal.valueOf(plan.seatPriceMinor()),
              LineRounding.toMinorUnits(
                  prorated(monthly, termSeconds, periodSeconds), plan.currency())));
    }
    return lines;
  }

  /** monthly * termSeconds / periodSeconds, exact where it terminates, else truncated far down. */
  private static BigDecimal prorated(long monthlyMinor, long termSeconds, long periodSeconds) {
    return BigDecimal.valueOf(monthlyMinor)
        .multiply(BigDecimal.valueOf(termSeconds))
        .divide(BigDecimal.valueOf(periodSeconds), PRORATION_SCALE, RoundingMode.DOWN);
  }

  private static BigDecimal fraction(long numerator, long denominator) {
    return BigDecimal.valueOf(numerator)
        .divide(BigDecimal.valueOf(denominator), QUANTITY_SCALE, RoundingMode.HALF_UP);
  }

  private static PlanVersion planAtEnd(BillingPeriod period, List<SubscriptionTerm> terms) {
    if (terms.isEmpty()) {
      throw new IllegalArgumentException("no subscription in force in " + period);
    }
    Instant previousEnd = period.start();
    for (SubscriptionTerm term : terms) {
      if (term.from().isBefore(previousEnd) || term.to().isAfter(period.end())) {
        throw new IllegalArgumentException(
            "terms must be in order, apart, and inside " + period + ": " + terms);
      }
      previousEnd = term.to();
    }
    if (!previousEnd.equals(period.end())) {
      throw new IllegalArgumentException(
          "the last term must end with the period " + period + ": " + terms);
    }
    return terms.get(terms.size() - 1).plan();
  }

  private static List<LateUsage> inOrder(BillingPeriod period, List<LateUsage> late) {
    Set<String> seen = new HashSet<>();
    for (LateUsage usage : late) {
      if (!usage.periodStart().isBefore(period.start())) {
        throw new IllegalArgumentException(
            "late usage must be of an earlier period than " + period + ": " + usage);
      }
      if (!seen.add(usage.periodStart() + "/" + usage.type())) {
        throw new IllegalArgumentException("late usage given twice: " + usage);
      }
    }
    return late.stream()
        .filter(usage -> usage.lateUnits() > 0)
        .sorted(Comparator.comparing(LateUsage::periodStart).thenComparing(LateUsage::type))
        .toList();
  }

  private static void requireCurrency(PlanVersion invoicePlan, PlanVersion other) {
    if (!invoicePlan.currency().equals(other.currency())) {
      throw new IllegalArgumentException(
          "one invoice cannot mix currencies: "
              + other.label()
              + " is in "
              + other.currency()
              + ", the invoice in "
              + invoicePlan.currency());
    }
  }

  private static long sum(List<RatedLine> lines) {
    return lines.stream().mapToLong(RatedLine::amountMinor).sum();
  }
}
