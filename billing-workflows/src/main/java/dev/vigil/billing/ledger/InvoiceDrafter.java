package dev.vigil.billing.ledger;

import dev.vigil.billing.catalog.PlanCatalog;
import dev.vigil.billing.catalog.PlanVersion;
import dev.vigil.billing.catalog.UsageType;
import dev.vigil.billing.rating.BillingPeriod;
import dev.vigil.billing.rating.InvoiceRater;
import dev.vigil.billing.rating.LateUsage;
import dev.vigil.billing.rating.PlanStretch;
import dev.vigil.billing.rating.RatedInvoice;
import dev.vigil.billing.rating.RatedLine;
import dev.vigil.billing.rating.RatedUsage;
import dev.vigil.billing.rating.SubscriptionTerm;
import dev.vigil.billing.rating.TaxTreatment;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drafts an account's invoice for a period: rates the fees of its subscription, the period's usage,
 * late usage of earlier periods and account credit ({@link InvoiceRater}), and writes the invoice,
 * its lines, its usage breakdown, the units it billed per notification and the credit it applied,
 * in one transaction. A preview runs the same rating over the usage so far and writes nothing.
 */
@Component
public class InvoiceDrafter {

  private final JdbcClient jdbc;
  private final BillingProfiles profiles;
  private final Subscriptions subscriptions;
  private final UsageMeter meter;
  private final PlanCatalog catalog;
  private final AccountCredits credits;
  private final InvoiceTaxes taxes;
  private final TransactionTemplate writing;
  private final TransactionTemplate reading;
  private final InvoiceRater rater = new InvoiceRater();

  public InvoiceDrafter(
      JdbcClient jdbc,
      BillingProfiles profiles,
      Subscriptions subscriptions,
      UsageMeter meter,
      PlanCatalog catalog,
      AccountCredits credits,
      InvoiceTaxes taxes,
      PlatformTransactionManager transactions) {
    this.taxes = taxes;
    this.jdbc = jdbc;
    this.profiles = profiles;
    this.subscriptions = subscriptions;
    this.meter = meter;
    this.catalog = catalog;
    this.credits = credits;
    this.writing = new TransactionTemplate(transactions);
    this.reading = new TransactionTemplate(transactions);
    // One snapshot for all the reads of a preview, as a draft's lock gives it one consistent view.
    reading.setReadOnly(true);
    reading.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
  }

  /**
   * Drafts the invoice of the account for a month of its billing time zone, or returns the one
   * already drafted for it, writing nothing. Drafts of one account run one at a time.
   *
   * @return the invoice's id
   * @throws IllegalStateException when the account is not billed or has no subscription at the end
   *     of the month
   * @throws IllegalArgumentException for a month before the account's billing starts
   */
  public long draft(long accountId, YearMonth month) {
    return writing.execute(status -> draftLocked(accountId, month));
  }

  /**
   * The invoice the period holding {@code asOf} would get if drafted now, over the usage sent
   * before {@code asOf}. Before billing starts, the first billed period's: its fees, no usage yet.
   */
  public RatedInvoice preview(long accountId, Instant asOf) {
    return reading.execute(
        status -> {
          BillingProfile profile = profiles.get(accountId);
          Instant billed =
              asOf.isBefore(profile.billingStartsAt()) ? profile.billingStartsAt() : asOf;
          BillingPeriod period = BillingPeriod.containing(billed, profile.billingTimeZone());
          List<SubscriptionTerm> terms = subscriptions.terms(accountId, period);
          return rate(
              profile,
              period,
              terms,
              taxes.treatment(profile, period),
              asOf,
              (from, to, cuts) ->
                  meter.unbilled(accountId, profile.billingTimeZone(), from, to, cuts));
        });
  }

  private long draftLocked(long accountId, YearMonth month) {
    lockProfile(accountId);
    BillingProfile profile = profiles.get(accountId);
    ZoneId zone = profile.billingTimeZone();
    BillingPeriod period = new BillingPeriod(month, zone);
    Long existing =
        jdbc.sql("select id from invoices where account_id = :account and period_start = :start")
            .param("account", accountId)
            .param("start", UsageMeter.utc(period.start()))
            .query(Long.class)
            .optional()
            .orElse(null);
    if (existing != null) {
      return existing;
    }
    List<SubscriptionTerm> terms = subscriptions.terms(accountId, period);
    PlanVersion plan = terms.get(terms.size() - 1).plan();
    long invoiceId = insertInvoice(profile, period, plan);
    TaxTreatment tax = taxes.treatment(profile, period);
    taxes.recordParties(invoiceId, profile, tax);
    RatedInvoice rated =
        rate(
            profile,
            period,
            terms,
            tax,
            period.end(),
            (from, to, cuts) -> meter.bill(accountId, zone, from, to, cuts, invoiceId));
    writeRated(accountId, invoiceId, period, rated);
    return invoiceId;
  }

  /**
   * The one rating path of drafts and previews: {@code metering} reads the unbilled usage from the
   * first billed period up to {@code usageBefore} (and, for a draft, records it as billed).
   */
  private RatedInvoice rate(
      BillingProfile profile,
      BillingPeriod period,
      List<SubscriptionTerm> terms,
      TaxTreatment tax,
      Instant usageBefore,
      Metering metering) {
    long accountId = profile.accountId();
    BillingPeriod first =
        BillingPeriod.containing(profile.billingStartsAt(), profile.billingTimeZone());
    if (period.month().isBefore(first.month())) {
      throw new IllegalArgumentException(
          "account " + accountId + " is billed from " + first + ", not " + period);
    }
    // The period's usage is cut where its plan changed, each part rated with its own plan.
    List<Instant> cuts = PlanStretch.cuts(PlanStretch.of(period, terms));
    Map<Instant, Map<UsageType, Long>> periodUnits = new HashMap<>();
    Map<YearMonth, Map<UsageType, Long>> lateUnits = new TreeMap<>();
    for (MeteredUsage usage : metering.meter(first.start(), usageBefore, cuts)) {
      if (usage.month().equals(period.month())) {
        periodUnits
            .computeIfAbsent(usage.from(), f -> new EnumMap<>(UsageType.class))
            .put(usage.type(), usage.units());
      } else if (usage.month().isBefore(period.month())) {
        lateUnits
            .computeIfAbsent(usage.month(), m -> new EnumMap<>(UsageType.class))
            .put(usage.type(), usage.units());
      } else {
        throw new IllegalStateException("usage of " + usage.month() + " metered for " + period);
      }
    }
    PlanVersion plan = terms.get(terms.size() - 1).plan();
    return rater.rateByStretch(
        period,
        terms,
        periodUnits,
        lateUsage(accountId, period, first, lateUnits),
        credits.balance(accountId, plan.currency()),
        tax);
  }

  /**
   * Late units rated on top of what their period's invoices billed, with the plan version of that
   * period's invoice (or, when it was never invoiced, the plan in force at its end).
   */
  private List<LateUsage> lateUsage(
      long accountId,
      BillingPeriod period,
      BillingPeriod first,
      Map<YearMonth, Map<UsageType, Long>> lateUnits) {
    if (lateUnits.isEmpty()) {
      return List.of();
    }
    Map<Instant, Map<UsageType, Long>> billed = new HashMap<>();
    jdbc.sql(
            """
            select period_start, usage_type, sum(units) as units from invoice_usage
            where account_id = :account and period_start >= :first and period_start < :start
            group by period_start, usage_type
            """)
        .param("account", accountId)
        .param("first", UsageMeter.utc(first.start()))
        .param("start", UsageMeter.utc(period.start()))
        .query(
            rs -> {
              // A month rated in plan stretches has a row per stretch: they add up to the month.
              Instant month =
                  BillingPeriod.containing(
                          instant(rs.getObject("period_start", OffsetDateTime.class)),
                          period.zone())
                      .start();
              billed
                  .computeIfAbsent(month, p -> new EnumMap<>(UsageType.class))
                  .merge(
                      UsageType.fromCode(rs.getString("usage_type")),
                      rs.getLong("units"),
                      Long::sum);
            });
    Map<Instant, Long> invoicedPlans = new HashMap<>();
    jdbc.sql(
            """
            select period_start, plan_version_id from invoices
            where account_id = :account and period_start >= :first and period_start < :start
            """)
        .param("account", accountId)
        .param("first", UsageMeter.utc(first.start()))
        .param("start", UsageMeter.utc(period.start()))
        .query(
            rs -> {
              invoicedPlans.put(
                  instant(rs.getObject("period_start", OffsetDateTime.class)),
                  rs.getLong("plan_version_id"));
            });
    List<LateUsage> late = new ArrayList<>();
    lateUnits.forEach(
        (month, units) -> {
          BillingPeriod earlier = new BillingPeriod(month, period.zone());
          Long planVersionId = invoicedPlans.get(earlier.start());
          PlanVersion plan =
              planVersionId != null
                  ? catalog.version(planVersionId)
                  : subscriptions.planAtEndOf(accountId, earlier);
          Map<UsageType, Long> billedThen = billed.getOrDefault(earlier.start(), Map.of());
          units.forEach(
              (type, n) ->
                  late.add(
                      new LateUsage(
                          earlier.start(), type, billedThen.getOrDefault(type, 0L), n, plan)));
        });
    return late;
  }

  /** Holds drafts of the account back until this one commits. */
  private void lockProfile(long accountId) {
    jdbc.sql("select account_id from billing_profiles where account_id = :account for update")
        .param("account", accountId)
        .query(Long.class)
        .optional()
        .orElseThrow(() -> new IllegalStateException("account " + accountId + " is not billed"));
  }

  /**
   * The invoice's row, written first because the units it bills are recorded against its id. A
   * draft has no number: it takes one when it is issued (docs/decisions/0053).
   */
  private long insertInvoice(BillingProfile profile, BillingPeriod period, PlanVersion plan) {
    return jdbc.sql(
            """
            insert into invoices (account_id, number, period_start, period_end, billing_time_zone,
                                  currency, plan_version_id, collection_method, status, total_minor,
                                  drafted_at)
            values (:account, null, :start, :end, :zone, :currency,
                    :plan, :method, 'draft', 0, now())
            returning id
            """)
        .param("account", profile.accountId())
        .param("start", UsageMeter.utc(period.start()))
        .param("end", UsageMeter.utc(period.end()))
        .param("zone", period.zone().getId())
        .param("currency", plan.currency())
        .param("plan", plan.id())
        .param("method", profile.collectionMethod().code())
        .query(Long.class)
        .single();
  }

  private void writeRated(
      long accountId, long invoiceId, BillingPeriod period, RatedInvoice rated) {
    int position = 1;
    for (RatedLine line : rated.lines()) {
      jdbc.sql(
              """
              insert into invoice_lines (account_id, invoice_id, position, kind, description,
                                         usage_type, quantity, unit_price_minor, amount_minor,
                                         tax_rate_id, tax_rate_percent, taxable_minor)
              values (:account, :invoice, :position, :kind, :description, :usageType, :quantity,
                      :unitPrice, :amount, :taxRate, :taxPercent, :taxable)
              """)
          .param("account", accountId)
          .param("invoice", invoiceId)
          .param("position", position++)
          .param("kind", line.kind())
          .param("description", line.description())
          .param("usageType", line.usageType() == null ? null : line.usageType().code())
          .param("quantity", line.quantity())
          .param("unitPrice", line.unitPriceMinor())
          .param("amount", line.amountMinor())
          .param("taxRate", line.tax() == null ? null : line.tax().rateId())
          .param("taxPercent", line.tax() == null ? null : line.tax().ratePercent())
          .param("taxable", line.tax() == null ? null : line.tax().taxableMinor())
          .update();
      if (line.kind().equals(RatedLine.ACCOUNT_CREDIT)) {
        jdbc.sql(
                """
                insert into account_credits (account_id, currency, amount_minor, invoice_id,
                                             description)
                values (:account, :currency, :amount, :invoice, :description)
                """)
            .param("account", accountId)
            .param("currency", rated.currency())
            .param("amount", line.amountMinor())
            .param("invoice", invoiceId)
            .param("description", "Applied to the invoice of " + period.month())
            .update();
      }
    }
    for (RatedUsage usage : rated.usage()) {
      jdbc.sql(
              """
              insert into invoice_usage (invoice_id, account_id, usage_type, period_start, units,
                                         included_units, billable_units)
              values (:invoice, :account, :type, :periodStart, :units, :included, :billable)
              """)
          .param("invoice", invoiceId)
          .param("account", accountId)
          .param("type", usage.type().code())
          .param("periodStart", UsageMeter.utc(usage.periodStart()))
          .param("units", usage.units())
          .param("included", usage.includedUnits())
          .param("billable", usage.billableUnits())
          .update();
    }
    jdbc.sql(
            "update invoices set total_minor = :total where id = :invoice and account_id = :account")
        .param("total", rated.totalMinor())
        .param("invoice", invoiceId)
        .param("account", accountId)
        .update();
  }

  private static Instant instant(OffsetDateTime value) {
    return value.toInstant();
  }

  /** Reads (and, for a draft, records as billed) the unbilled usage sent in [from, to). */
  @FunctionalInterface
  private interface Metering {
    List<MeteredUsage> meter(Instant from, Instant to, List<Instant> cuts);
  }
}
