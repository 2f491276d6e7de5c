package dev.vigil.billing.account;

import dev.vigil.billing.catalog.PlanCatalog;
import dev.vigil.billing.ledger.BillingEnrollment;
import dev.vigil.billing.ledger.BillingProfile;
import dev.vigil.billing.ledger.CollectionMethod;
import dev.vigil.billing.ledger.Subscriptions;
import dev.vigil.billing.ledger.TaxIds;
import dev.vigil.oncall.TimeZones;
import dev.vigil.oncall.address.EmailAddresses;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How an account is billed, as its admins and accountants set it: the rules and defaults of the
 * billing profile (net terms, reminder days, who may change what once billing started) and what the
 * account owes. The monthly cycle itself is the billing cycle workflow's.
 */
@Component
public class BillingAccounts {

  /** Days to pay an invoice when the profile does not say. */
  public static final int DEFAULT_NET_TERMS_DAYS = 30;

  private final JdbcClient jdbc;
  private final PlanCatalog catalog;
  private final BillingEnrollment enrollment;
  private final Subscriptions subscriptions;

  /** How far back the operator may start an account's billing (each month is drafted at once). */
  public static final int EARLIEST_START_MONTHS_BACK = 12;

  BillingAccounts(
      JdbcClient jdbc,
      PlanCatalog catalog,
      BillingEnrollment enrollment,
      Subscriptions subscriptions) {
    this.subscriptions = subscriptions;
    this.jdbc = jdbc;
    this.catalog = catalog;
    this.enrollment = enrollment;
  }

  /**
   * Billing terms as given; null where the caller gave none.
   *
   * @param starts the first month billed ({@code 2026-12}); null: the current month
   * @param confirmEarlierStart the operator's confirmation of a start before this month, whose
   *     months are all drafted at once
   */
  public record ProfileTerms(
      String collectionMethod,
      String billingTimeZone,
      String billingEmail,
      Integer netTermsDays,
      List<Integer> reminderOffsets,
      String plan,
      Integer seats,
      String starts,
      Boolean confirmEarlierStart,
      String poNumber,
      List<String> billToAddress,
      String taxId,
      String billToRegion) {

    /** Terms that leave the tax id and the bill-to region as they are. */
    public ProfileTerms(
        String collectionMethod,
        String billingTimeZone,
        String billingEmail,
        Integer netTermsDays,
        List<Integer> reminderOffsets,
        String plan,
        Integer seats,
        String starts,
        Boolean confirmEarlierStart,
        String poNumber,
        List<String> billToAddress) {
      this(
          collectionMethod,
          billingTimeZone,
          billingEmail,
          netTermsDays,
          reminderOffsets,
          plan,
          seats,
          starts,
          confirmEarlierStart,
          poNumber,
          billToAddress,
          null,
          null);
    }

    /** Whether the terms change what decides the tax: the tax id or the bill-to region. */
    public boolean changesTaxBasis(String currentTaxId, String currentRegion) {
      return (taxId != null && !normalizedOrBlank(taxId).equals(nullToEmpty(currentTaxId)))
          || (billToRegion != null
              && !billToRegion.strip().toUpperCase(Locale.ROOT).equals(nullToEmpty(currentRegion)));
    }

    private static String normalizedOrBlank(String value) {
      return value.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s.\\-]", "");
    }

    private static String nullToEmpty(String value) {
      return value == null ? "" : value.replaceAll("[\\s.\\-]", "");
    }
  }

  /** At most this many printed lines of a bill-to address, each at most this long. */
  static final int ADDRESS_LINES = 6;

  static final int ADDRESS_LINE_LENGTH = 100;

  /**
   * Sets up billing from the first day of {@code starts} in the billing time zone: this month or
   * the next; an earlier month only by the operator, confirmed, and at most {@value
   * #EARLIEST_START_MONTHS_BACK} months back, since every month from then is drafted at once.
   *
   * @param byOperator whether the operator sets it up (else the account's own admin)
   * @return false when the account's billing is set up already
   * @throws InvalidBillingTerms naming every problem of the terms
   */
  public boolean setUp(long accountId, ProfileTerms terms, boolean byOperator) {
    List<String> errors = new ArrayList<>();
    checkMutable(terms, true, errors);
    ZoneId zone = null;
    if (terms.billingTimeZone() == null || !TimeZones.isValid(terms.billingTimeZone())) {
      errors.add("'billing_time_zone' is required: an IANA time zone (e.g. America/New_York)");
    } else {
      zone = ZoneId.of(terms.billingTimeZone());
    }
    if (terms.collectionMethod() == null) {
      errors.add("'collection_method' is required: card or check");
    }
    checkPlan(terms.plan(), terms.seats(), errors);
    YearMonth starts = null;
    if (zone != null) {
      try {
        starts = terms.starts() == null ? YearMonth.now(zone) : YearMonth.parse(terms.starts());
      } catch (DateTimeParseException e) {
        errors.add("'starts' is not a month (2026-12)");
      }
    }
    if (starts != null) {
      checkStart(starts, YearMonth.now(zone), byOperator, terms.confirmEarlierStart(), errors);
    }
    String country = homeCountry(accountId);
    checkTaxBasis(terms, country, errors);
    refuseIfAny(errors);
    boolean enrolled =
        enrollment.enroll(
            accountId,
            new BillingEnrollment.Terms(
                CollectionMethod.fromCode(terms.collectionMethod()),
                zone,
                terms.billingEmail().strip(),
                netTermsDays(terms),
                reminderOffsets(terms),
                terms.plan(),
                terms.seats(),
                starts));
    if (enrolled) {
      setPurchaseOrder(accountId, terms, null, List.of());
      setTaxBasis(accountId, terms, country, null, null);
    }
    return enrolled;
  }

  /** The PO number and bill-to address the terms give; what they leave out stays as it is. */
  private void setPurchaseOrder(
      long accountId, ProfileTerms terms, String currentPo, List<String> currentAddress) {
    String po =
        terms.poNumber() == null
            ? currentPo
            : terms.poNumber().isBlank() ? null : terms.poNumber().strip();
    List<String> address =
        terms.billToAddress() == null
            ? currentAddress
            : terms.billToAddress().stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
    jdbc.sql(
            """
            update billing_profiles set po_number = :po, bill_to_address = :address
            where account_id = :account
            """)
        .param("po", po)
        .param("address", address.toArray(String[]::new))
        .param("account", accountId)
        .update();
  }

  /**
   * Changes the collection method, billing email, net terms and reminder days of invoices drafted
   * from now on; what the terms leave out stays as it is. The time zone is fixed once billing
   * started (it fixes where every period begins); the plan changes through the billing cycle.
   *
   * @throws InvalidBillingTerms naming every problem of the terms
   */
  public void change(BillingProfile current, ProfileTerms terms) {
    List<String> errors = new ArrayList<>();
    checkMutable(terms, false, errors);
    if (terms.billingTimeZone() != null
        && !terms.billingTimeZone().equals(current.billingTimeZone().getId())) {
      errors.add("'billing_time_zone' cannot change once billing has started");
    }
    if (terms.plan() != null || terms.seats() != null || terms.starts() != null) {
      errors.add("'plan', 'seats' and 'starts' change through POST /api/v1/billing/subscription");
    }
    checkTaxBasis(terms, current.homeCountry(), errors);
    refuseIfAny(errors);
    jdbc.sql(
            """
            update billing_profiles
            set collection_method = coalesce(:method, collection_method),
                billing_email = :email,
                net_terms_days = :terms,
                reminder_offsets = cast(:offsets as int[])
            where account_id = :account
            """)
        .param("method", terms.collectionMethod())
        .param(
            "email",
            terms.billingEmail() == null ? current.billingEmail() : terms.billingEmail().strip())
        .param(
            "terms", terms.netTermsDays() == null ? current.netTermsDays() : terms.netTermsDays())
        .param(
            "offsets",
            BillingEnrollment.arrayLiteral(
                terms.reminderOffsets() == null
                    ? current.reminderOffsets()
                    : terms.reminderOffsets()))
        .param("account", current.accountId())
        .update();
    setPurchaseOrder(current.accountId(), terms, current.poNumber(), current.billToAddress());
    setTaxBasis(
        current.accountId(), terms, current.homeCountry(), current.taxId(), current.billToRegion());
  }

  private String homeCountry(long accountId) {
    return jdbc.sql("select home_country from accounts where id = :account")
        .param("account", accountId)
        .query(String.class)
        .single()
        .trim();
  }

  /**
   * The customer's tax id, of its country's shape ({@link TaxIds}), and the region of its bill-to
   * address (docs/decisions/0065); {@code ""} removes either.
   */
  private static void checkTaxBasis(ProfileTerms terms, String country, List<String> errors) {
    if (terms.taxId() != null
        && !terms.taxId().isBlank()
        && TaxIds.normalize(country, terms.taxId()).isEmpty()) {
      errors.add(
          "'tax_id' is not a tax id of "
              + country
              + " (the account's home country): "
              + TaxIds.example(country));
    }
    if (terms.billToRegion() != null
        && !terms.billToRegion().isBlank()
        && !terms.billToRegion().strip().toUpperCase(Locale.ROOT).matches("[A-Z0-9]{1,3}")) {
      errors.add("'bill_to_region' must be the region's code within the country (a US state: CA)");
    }
  }

  private void setTaxBasis(
      long accountId, ProfileTerms terms, String country, String currentTaxId, String region) {
    String taxId =
        terms.taxId() == null
            ? currentTaxId
            : terms.taxId().isBlank()
                ? null
                : TaxIds.normalize(country, terms.taxId()).orElseThrow();
    String newRegion =
        terms.billToRegion() == null
            ? region
            : terms.billToRegion().isBlank()
                ? null
                : terms.billToRegion().strip().toUpperCase(Locale.ROOT);
    jdbc.sql(
            """
            update billing_profiles set tax_id = :taxId, bill_to_region = :region
            where account_id = :account
            """)
        .param("taxId", taxId)
        .param("region", newRegion)
        .param("account", accountId)
        .update();
  }

  /**
   * Checks a plan change before the billing cycle is asked to make it: a plan on offer, in the
   * currency the account is billed in (every invoice of an account is in one currency).
   *
   * @throws InvalidBillingTerms naming every problem
   */
  public void checkSubscription(long accountId, String plan, Integer seats) {
    List<String> errors = new ArrayList<>();
    checkPlan(plan, seats, errors);
    if (errors.isEmpty()) {
      String offered = catalog.current(plan).orElseThrow().currency();
      subscriptions
          .currencyOf(accountId)
          .filter(billed -> !billed.equals(offered))
          .ifPresent(
              billed ->
                  errors.add(
                      "'plan' "
                          + plan
                          + " is billed in "
                          + offered
                          + "; this account is billed in "
                          + billed
                          + " and cannot change currency"));
    }
    refuseIfAny(errors);
  }

  private static void checkStart(
      YearMonth starts, YearMonth now, boolean byOperator, Boolean confirmed, List<String> errors) {
    if (starts.isAfter(now.plusMonths(1))) {
      errors.add("'starts' must be " + now + " or " + now.plusMonths(1));
    } else if (starts.isBefore(now) && !byOperator) {
      errors.add(
          "'starts' must be "
              + now
              + " or "
              + now.plusMonths(1)
              + ": an earlier start is set up by the operator");
    } else if (starts.isBefore(now.minusMonths(EARLIEST_START_MONTHS_BACK))) {
      errors.add(
          "'starts' must be at most " + EARLIEST_START_MONTHS_BACK + " months back (" + now + ")");
    } else if (starts.isBefore(now) && !Boolean.TRUE.equals(confirmed)) {
      long months = starts.until(now, java.time.temporal.ChronoUnit.MONTHS);
      errors.add(
          "'starts' is "
              + months
              + (months == 1 ? " month" : " months")
              + " back: each of those months is drafted at once; confirm with"
              + " 'confirm_earlier_start': true");
    }
  }

  /** What open invoices still ask for, in minor units, by currency. */
  public Map<String, Long> outstanding(long accountId) {
    return jdbc.sql(
            """
            select currency, sum(total_minor - amount_paid_minor - credited_minor) from invoices
            where account_id = :account and status = 'open' group by currency
            """)
        .param("account", accountId)
        .query(
            rs -> {
              Map<String, Long> owed = new LinkedHashMap<>();
              while (rs.next()) {
                owed.put(rs.getString(1).trim(), rs.getLong(2));
              }
              return owed;
            });
  }

  private void checkPlan(String plan, Integer seats, List<String> errors) {
    if (plan == null || catalog.current(plan).isEmpty()) {
      errors.add("'plan' is not a plan: one of " + String.join(", ", catalog.codes()));
    }
    if (seats == null || seats < 0) {
      errors.add("'seats' is required and must not be negative");
    }
  }

  private static void checkMutable(ProfileTerms terms, boolean settingUp, List<String> errors) {
    if (terms.collectionMethod() != null
        && !List.of("card", "check").contains(terms.collectionMethod())) {
      errors.add("'collection_method' must be card or check");
    }
    if ((settingUp || terms.billingEmail() != null)
        && !EmailAddresses.isValid(terms.billingEmail())) {
      errors.add("'billing_email' is required: an email address");
    }
    if (terms.netTermsDays() != null && (terms.netTermsDays() < 0 || terms.netTermsDays() > 120)) {
      errors.add("'net_terms_days' must be between 0 and 120");
    }
    if (terms.reminderOffsets() != null
        && terms.reminderOffsets().stream().anyMatch(d -> d == null || Math.abs(d) > 365)) {
      errors.add("'reminder_offsets' must be days between -365 and 365");
    }
    if (terms.poNumber() != null && terms.poNumber().strip().length() > 100) {
      errors.add("'po_number' must be at most 100 characters (empty removes it)");
    }
    if (terms.billToAddress() != null
        && (terms.billToAddress().size() > ADDRESS_LINES
            || terms.billToAddress().stream()
                .anyMatch(l -> l == null || l.strip().length() > ADDRESS_LINE_LENGTH))) {
      errors.add(
          "'bill_to_address' must be at most "
              + ADDRESS_LINES
              + " lines of at most "
              + ADDRESS_LINE_LENGTH
              + " characters");
    }
  }

  private static int netTermsDays(ProfileTerms terms) {
    return terms.netTermsDays() == null ? DEFAULT_NET_TERMS_DAYS : terms.netTermsDays();
  }

  private static List<Integer> reminderOffsets(ProfileTerms terms) {
    return terms.reminderOffsets() == null
        ? BillingEnrollment.DEFAULT_REMINDER_OFFSETS
        : terms.reminderOffsets();
  }

  private static void refuseIfAny(List<String> errors) {
    if (!errors.isEmpty()) {
      throw new InvalidBillingTerms(errors);
    }
  }
}
