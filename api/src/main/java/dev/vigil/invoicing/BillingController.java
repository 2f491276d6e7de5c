package dev.vigil.invoicing;

import static dev.vigil.invoicing.InvoiceController.OPERATOR_ACCOUNT;
import static dev.vigil.invoicing.InvoiceController.account;

import dev.vigil.auth.ApiCaller;
import dev.vigil.billing.account.BillingAccounts;
import dev.vigil.billing.account.InvalidBillingTerms;
import dev.vigil.billing.catalog.PlanCatalog;
import dev.vigil.billing.cycle.BillingCycleWorkflow;
import dev.vigil.billing.cycle.SubscriptionChange;
import dev.vigil.billing.document.InvoiceCsvExport;
import dev.vigil.billing.document.InvoiceReader;
import dev.vigil.billing.ledger.BillingProfile;
import dev.vigil.billing.ledger.BillingProfiles;
import dev.vigil.billing.ledger.InvoiceDrafter;
import dev.vigil.billing.ledger.Subscriptions;
import dev.vigil.billing.ledger.UsageAlerts;
import dev.vigil.billing.problem.BillingProblems;
import dev.vigil.billing.rating.RatedInvoice;
import dev.vigil.notification.delivery.InternationalSmsCaps;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * An account's billing: how it is billed, its subscription, the current month so far, its credit
 * and payments, and the export for the accounting system. Tenants (admins and accountants) read
 * their own and ask for plan changes from now on; the operator reads every account's and alone
 * switches the payment method, sets terms and backdates (docs/decisions/0030).
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Billing", description = "Billing profile, subscription, preview, balance, export")
class BillingController {

  private final BillingProfiles profiles;
  private final PlanCatalog catalog;
  private final InvoiceDrafter drafter;
  private final InvoiceReader invoices;
  private final InvoiceCsvExport export;
  private final BillingWorkflows workflows;
  private final WorkflowClient temporal;
  private final BillingAccounts accounts;
  private final Subscriptions subscriptions;
  private final BillingProblems problems;
  private final UsageAlerts usageAlerts;
  private final InternationalSmsCaps smsCaps;

  BillingController(
      BillingProfiles profiles,
      PlanCatalog catalog,
      InvoiceDrafter drafter,
      InvoiceReader invoices,
      InvoiceCsvExport export,
      BillingWorkflows workflows,
      WorkflowClient temporal,
      BillingAccounts accounts,
      Subscriptions subscriptions,
      BillingProblems problems,
      UsageAlerts usageAlerts,
      InternationalSmsCaps smsCaps) {
    this.smsCaps = smsCaps;
    this.problems = problems;
    this.usageAlerts = usageAlerts;
    this.profiles = profiles;
    this.catalog = catalog;
    this.drafter = drafter;
    this.invoices = invoices;
    this.export = export;
    this.workflows = workflows;
    this.temporal = temporal;
    this.accounts = accounts;
    this.subscriptions = subscriptions;
  }

  /**
   * @param starts the first month billed ({@code 2026-12}); unset: the current month
   */
  record ProfileRequest(
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

    BillingAccounts.ProfileTerms terms() {
      return new BillingAccounts.ProfileTerms(
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
          taxId,
          billToRegion);
    }
  }

  /**
   * @param percents shares of each quota to be told at (1 to 1000; empty for none)
   * @param overageMinor overage charges this month, in minor units of the plan's currency, to be
   *     told at (0: the first overage charge); null for none
   */
  record UsageAlertsRequest(List<Integer> percents, Long overageMinor) {}

  record SubscriptionRequest(String plan, Integer seats, Instant effectiveAt, String reason) {}

  @GetMapping("/billing/plans")
  @Operation(
      summary = "The plans on offer, at their current versions",
      description =
          "Fees in minor units of the plan's currency; overage prices per unit, in minor units"
              + " and finer than one (0.75 is three quarters of a cent).")
  Map<String, Object> plans(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller) {
    return Map.of("plans", catalog.currentVersions());
  }

  @GetMapping({"/billing/profile", OPERATOR_ACCOUNT + "/billing/profile"})
  @Operation(
      summary = "How the account is billed, and its billing cycle",
      description =
          "`billing_state`: `ok`, or `problem` while billing is held up (see"
              + " `/billing/problems`).")
  Map<String, Object> profile(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable(required = false) Long accountId) {
    return answer(profileOf(account(caller, accountId)));
  }

  @PostMapping({"/billing/profile", OPERATOR_ACCOUNT + "/billing/profile"})
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Set up billing",
      description =
          "Admins only. Starts the monthly billing cycle from the first day of `starts` in the"
              + " billing time zone, on `plan` with `seats`.")
  Map<String, Object> create(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable(required = false) Long accountId,
      @RequestBody ProfileRequest request) {
    long account = account(caller, accountId);
    if (!caller.operator()
        && request.terms().changesTaxBasis(null, null)
        && !(blank(request.taxId()) && blank(request.billToRegion()))) {
      throw OperatorOnly.refusal("sets the tax id and the bill-to region, which decide the tax");
    }
    boolean created;
    try {
      created = accounts.setUp(account, request.terms(), caller.operator());
    } catch (InvalidBillingTerms e) {
      throw ApiException.badRequest(e.problems());
    }
    if (!created) {
      throw ApiException.conflict("Billing is set up already; change it with PUT");
    }
    workflows.startCycle(account);
    return answer(profiles.get(account));
  }

  @PutMapping({"/billing/profile", OPERATOR_ACCOUNT + "/billing/profile"})
  @Operation(
      summary = "Change how the account is billed",
      description =
          "Collection method, billing email, net terms and reminder days; they apply to invoices"
              + " drafted from now on. The billing time zone cannot change once billing started:"
              + " it fixes where every period begins. Tenants change the billing email and"
              + " reminder days; the collection method and net terms are the operator's.")
  Map<String, Object> update(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable(required = false) Long accountId,
      @RequestBody ProfileRequest request) {
    long account = account(caller, accountId);
    BillingProfile profile = profileOf(account);
    if (!caller.operator()
        && ((request.collectionMethod() != null
                && !request.collectionMethod().equals(profile.collectionMethod().code()))
            || (request.netTermsDays() != null
                && request.netTermsDays() != profile.netTermsDays()))) {
      throw OperatorOnly.refusal("switches the payment method and sets net terms");
    }
    if (!caller.operator()
        && request.terms().changesTaxBasis(profile.taxId(), profile.billToRegion())) {
      throw OperatorOnly.refusal("sets the tax id and the bill-to region, which decide the tax");
    }
    try {
      accounts.change(profile, request.terms());
    } catch (InvalidBillingTerms e) {
      throw ApiException.badRequest(e.problems());
    }
    return answer(profiles.get(account));
  }

  @PostMapping({"/billing/subscription", OPERATOR_ACCOUNT + "/billing/subscription"})
  @Operation(
      summary = "Change the plan or seat count",
      description =
          "From `effective_at` (default: now), not before the month being billed. Fees are"
              + " prorated by the second; usage is rated with the plan in force when it was"
              + " sent (docs/decisions/0008). Only the operator backdates a change.")
  Map<String, Object> changeSubscription(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable(required = false) Long accountId,
      @RequestBody SubscriptionRequest request) {
    long account = account(caller, accountId);
    profileOf(account);
    try {
      accounts.checkSubscription(account, request.plan(), request.seats());
    } catch (InvalidBillingTerms e) {
      throw ApiException.badRequest(e.problems());
    }
    Instant now = Instant.now();
    Instant effectiveAt = request.effectiveAt() == null ? now : request.effectiveAt();
    if (!caller.operator() && effectiveAt.isBefore(now.minus(OperatorOnly.CLOCK_SKEW))) {
      throw OperatorOnly.refusal("backdates a plan change");
    }
    BillingCycleWorkflow cycle =
        temporal.newWorkflowStub(
            BillingCycleWorkflow.class, BillingCycleWorkflow.workflowId(account));
    long changeId;
    try {
      changeId =
          cycle.changeSubscription(
              new SubscriptionChange(
                  InvoiceController.actor(caller),
                  request.plan(),
                  request.seats(),
                  effectiveAt.toEpochMilli(),
                  request.reason()));
    } catch (WorkflowUpdateException e) {
      throw WorkflowRefusals.of(e);
    } catch (WorkflowNotFoundException e) {
      workflows.startCycle(account);
      throw ApiException.conflict("The billing cycle was restarting; try again");
    }
    Map<String, Object> change = new LinkedHashMap<>();
    change.put("id", changeId);
    change.put("plan", request.plan());
    change.put("seats", request.seats());
    change.put("effective_at", effectiveAt);
    return Map.of("subscription_change", change);
  }

  @GetMapping({"/billing/usage_alerts", OPERATOR_ACCOUNT + "/billing/usage_alerts"})
  @Operation(
      summary = "When the billing contact hears of this month's usage",
      description =
          "Shares of each quota (`percents`) and an amount of overage charges (`overage_minor`,"
              + " minor units of the plan's currency; null: none) at which the billing contact"
              + " is e-mailed, once a month per alert (docs/decisions/0037).")
  Map<String, UsageAlerts.Thresholds> usageAlerts(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable(required = false) Long accountId) {
    long account = account(caller, accountId);
    profileOf(account);
    return Map.of("usage_alerts", usageAlerts.thresholds(account));
  }

  @PutMapping({"/billing/usage_alerts", OPERATOR_ACCOUNT + "/billing/usage_alerts"})
  @Operation(
      summary = "Set when the billing contact hears of this month's usage",
      description =
          "Replaces both settings: `percents` from 1 to 1000, at most 10, each once (empty:"
              + " none); `overage_minor` 0 or more (0: at the first overage charge; null: none)."
              + " Tenant admins and accountants set their own account's; a bad field is a 400"
              + " naming it, and nothing changes.")
  Map<String, UsageAlerts.Thresholds> setUsageAlerts(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable(required = false) Long accountId,
      @RequestBody UsageAlertsRequest request) {
    long account = account(caller, accountId);
    profileOf(account);
    try {
      return Map.of(
          "usage_alerts",
          usageAlerts.setThresholds(
              account, new UsageAlerts.Thresholds(request.percents(), request.overageMinor())));
    } catch (RuntimeException e) {
      throw LedgerRefusals.of(e);
    }
  }

  /**
   * @param monthlyLimit international SMS a month before pages abroad go by e-mail instead (0 to
   *     1,000,000); null removes the cap
   */
  record InternationalSmsCapRequest(Integer monthlyLimit) {}

  /**
   * @param monthlyLimit null: no cap
   * @param sentThisMonth international SMS sent so far this month (the account's time zone)
   */
  record InternationalSmsCapView(Integer monthlyLimit, long sentThisMonth) {}

  @GetMapping({
    "/billing/international_sms_cap",
    OPERATOR_ACCOUNT + "/billing/international_sms_cap"
  })
  @Operation(
      summary = "The account's cap on international SMS",
      description =
          "How many SMS pages to numbers outside the account's home country may go out a month,"
              + " and how many have this month.")
  Map<String, InternationalSmsCapView> internationalSmsCap(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable(required = false) Long accountId) {
    long account = account(caller, accountId);
    profileOf(account);
    return Map.of("international_sms_cap", smsCapView(account));
  }

  @PutMapping({
    "/billing/international_sms_cap",
    OPERATOR_ACCOUNT + "/billing/international_sms_cap"
  })
  @Operation(
      summary = "Cap the account's international SMS",
      description =
          "Tenant admins (and the operator). Once `monthly_limit` international SMS went out this"
              + " month, an SMS page to a number abroad is not sent: the person is paged on their"
              + " verified e-mail addresses instead, and the incident's timeline says why. Null"
              + " removes the cap.")
  Map<String, InternationalSmsCapView> setInternationalSmsCap(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable(required = false) Long accountId,
      @RequestBody InternationalSmsCapRequest request) {
    long account = account(caller, accountId);
    profileOf(account);
    if (request.monthlyLimit() != null
        && (request.monthlyLimit() < 0 || request.monthlyLimit() > 1_000_000)) {
      throw ApiException.badRequest("monthly_limit", "must be between 0 and 1000000, or null");
    }
    smsCaps.set(account, request.monthlyLimit(), caller.userId());
    return Map.of("international_sms_cap", smsCapView(account));
  }

  private InternationalSmsCapView smsCapView(long account) {
    return new InternationalSmsCapView(
        smsCaps.limit(account).orElse(null), smsCaps.sentThisMonth(account, Instant.now()));
  }

  @GetMapping({"/billing/preview", OPERATOR_ACCOUNT + "/billing/preview"})
  @Operation(
      summary = "The current month so far, rated as its invoice would be",
      description =
          "A dry run: the same rating as the real invoice, over usage sent until now, with the"
              + " usage alerts it has crossed.")
  Map<String, Object> preview(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable(required = false) Long accountId) {
    long account = account(caller, accountId);
    profileOf(account);
    RatedInvoice preview = drafter.preview(account, Instant.now());
    return Map.of(
        "preview",
        preview,
        "usage_alerts",
        usageAlerts.crossed(account, preview).stream()
            .map(alert -> new CrossedAlert(alert.subject(), alert.body().strip()))
            .toList());
  }

  /** A usage alert the month so far has crossed (the e-mail it sent, or will send). */
  record CrossedAlert(String subject, String detail) {}

  @GetMapping({"/billing/balance", OPERATOR_ACCOUNT + "/billing/balance"})
  @Operation(summary = "Account credit, what is owed, and the payment history")
  Map<String, Object> balance(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable(required = false) Long accountId) {
    long account = account(caller, accountId);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("credit_minor", invoices.creditBalances(account));
    body.put("outstanding_minor", accounts.outstanding(account));
    body.put("payments", invoices.payments(account));
    return body;
  }

  @GetMapping(
      value = {"/billing/export.csv", OPERATOR_ACCOUNT + "/billing/export.csv"},
      produces = "text/csv")
  @Operation(
      summary = "Invoices, payments and credit of a date range, as CSV",
      description =
          "`from` inclusive, `to` exclusive, as dates in the billing time zone (2026-11-01).")
  void exportCsv(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable(required = false) Long accountId,
      @RequestParam LocalDate from,
      @RequestParam LocalDate to,
      HttpServletResponse response)
      throws IOException {
    if (!to.isAfter(from)) {
      throw ApiException.badRequest("to", "must be after 'from'");
    }
    long account = account(caller, accountId);
    ZoneId zone =
        profiles.find(account).map(BillingProfile::billingTimeZone).orElse(ZoneId.of("UTC"));
    response.setContentType("text/csv; charset=UTF-8");
    response.setHeader(
        "Content-Disposition", "attachment; filename=\"vigil-" + from + "-" + to + ".csv\"");
    export.write(
        account,
        from.atStartOfDay(zone).toInstant(),
        to.atStartOfDay(zone).toInstant(),
        response.getWriter());
  }

  private BillingProfile profileOf(long account) {
    return profiles.find(account).orElseThrow(() -> ApiException.notFound("Billing profile"));
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  /** The profile, and whether billing is held up (docs/decisions/0044). */
  private Map<String, Object> answer(BillingProfile profile) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("billing_profile", view(profile));
    body.put("billing_state", problems.open(profile.accountId()).isEmpty() ? "ok" : "problem");
    return body;
  }

  private Map<String, Object> view(BillingProfile profile) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("collection_method", profile.collectionMethod().code());
    view.put("billing_time_zone", profile.billingTimeZone().getId());
    view.put("billing_email", profile.billingEmail());
    view.put("net_terms_days", profile.netTermsDays());
    view.put("reminder_offsets", profile.reminderOffsets());
    view.put("billing_starts_at", profile.billingStartsAt());
    view.put("home_country", profile.homeCountry());
    view.put("po_number", profile.poNumber());
    view.put("bill_to_address", profile.billToAddress());
    view.put("tax_id", profile.taxId());
    view.put("bill_to_region", profile.billToRegion());
    subscriptions
        .inForceAt(profile.accountId(), Instant.now())
        .ifPresent(
            current -> {
              Map<String, Object> subscription = new LinkedHashMap<>();
              subscription.put("plan", current.plan().planCode());
              subscription.put("plan_version", current.plan().version());
              subscription.put("seats", current.seats());
              subscription.put("since", current.since());
              view.put("subscription", subscription);
            });
    return view;
  }
}
