package dev.vigil.invoicing;

import static dev.vigil.invoicing.InvoiceController.BILLING_ROLES;

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
import dev.vigil.billing.rating.RatedInvoice;
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
 * and payments, and the export for the accounting system. Admins and accountants only.
 */
@RestController
@RequestMapping("/api/v1/billing")
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

  BillingController(
      BillingProfiles profiles,
      PlanCatalog catalog,
      InvoiceDrafter drafter,
      InvoiceReader invoices,
      InvoiceCsvExport export,
      BillingWorkflows workflows,
      WorkflowClient temporal,
      BillingAccounts accounts,
      Subscriptions subscriptions) {
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
      String starts) {

    BillingAccounts.ProfileTerms terms() {
      return new BillingAccounts.ProfileTerms(
          collectionMethod,
          billingTimeZone,
          billingEmail,
          netTermsDays,
          reminderOffsets,
          plan,
          seats,
          starts);
    }
  }

  record SubscriptionRequest(String plan, Integer seats, Instant effectiveAt, String reason) {}

  @GetMapping("/plans")
  @Operation(
      summary = "The plans on offer, at their current versions",
      description =
          "Fees in minor units of the plan's currency; overage prices per unit, in minor units"
              + " and finer than one (0.75 is three quarters of a cent).")
  Map<String, Object> plans(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller) {
    caller.requireRole(BILLING_ROLES);
    return Map.of("plans", catalog.currentVersions());
  }

  @GetMapping("/profile")
  @Operation(summary = "How the account is billed, and its billing cycle")
  Map<String, Object> profile(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller) {
    caller.requireRole(BILLING_ROLES);
    BillingProfile profile = profileOf(caller);
    return Map.of("billing_profile", view(profile));
  }

  @PostMapping("/profile")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Set up billing",
      description =
          "Admins only. Starts the monthly billing cycle from the first day of `starts` in the"
              + " billing time zone, on `plan` with `seats`.")
  Map<String, Object> create(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @RequestBody ProfileRequest request) {
    caller.requireRole("admin");
    boolean created;
    try {
      created = accounts.setUp(caller.accountId(), request.terms());
    } catch (InvalidBillingTerms e) {
      throw ApiException.badRequest(e.problems());
    }
    if (!created) {
      throw ApiException.conflict("Billing is set up already; change it with PUT");
    }
    workflows.startCycle(caller.accountId());
    return Map.of("billing_profile", view(profiles.get(caller.accountId())));
  }

  @PutMapping("/profile")
  @Operation(
      summary = "Change how the account is billed",
      description =
          "Collection method, billing email, net terms and reminder days; they apply to invoices"
              + " drafted from now on. The billing time zone cannot change once billing started:"
              + " it fixes where every period begins.")
  Map<String, Object> update(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @RequestBody ProfileRequest request) {
    caller.requireRole(BILLING_ROLES);
    BillingProfile profile = profileOf(caller);
    try {
      accounts.change(profile, request.terms());
    } catch (InvalidBillingTerms e) {
      throw ApiException.badRequest(e.problems());
    }
    return Map.of("billing_profile", view(profiles.get(caller.accountId())));
  }

  @PostMapping("/subscription")
  @Operation(
      summary = "Change the plan or seat count",
      description =
          "From `effective_at` (default: now), not before the month being billed. Fees are"
              + " prorated by the second; the month's usage is rated with the plan in force at"
              + " its end (docs/decisions/0008).")
  Map<String, Object> changeSubscription(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @RequestBody SubscriptionRequest request) {
    caller.requireRole(BILLING_ROLES);
    profileOf(caller);
    try {
      accounts.checkSubscription(request.plan(), request.seats());
    } catch (InvalidBillingTerms e) {
      throw ApiException.badRequest(e.problems());
    }
    Instant effectiveAt = request.effectiveAt() == null ? Instant.now() : request.effectiveAt();
    BillingCycleWorkflow cycle =
        temporal.newWorkflowStub(
            BillingCycleWorkflow.class, BillingCycleWorkflow.workflowId(caller.accountId()));
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
      workflows.startCycle(caller.accountId());
      throw ApiException.conflict("The billing cycle was restarting; try again");
    }
    Map<String, Object> change = new LinkedHashMap<>();
    change.put("id", changeId);
    change.put("plan", request.plan());
    change.put("seats", request.seats());
    change.put("effective_at", effectiveAt);
    return Map.of("subscription_change", change);
  }

  @GetMapping("/preview")
  @Operation(
      summary = "The current month so far, rated as its invoice would be",
      description = "A dry run: the same rating as the real invoice, over usage sent until now.")
  Map<String, RatedInvoice> preview(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller) {
    caller.requireRole(BILLING_ROLES);
    profileOf(caller);
    return Map.of("preview", drafter.preview(caller.accountId(), Instant.now()));
  }

  @GetMapping("/balance")
  @Operation(summary = "Account credit, what is owed, and the payment history")
  Map<String, Object> balance(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller) {
    caller.requireRole(BILLING_ROLES);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("credit_minor", invoices.creditBalances(caller.accountId()));
    body.put("outstanding_minor", accounts.outstanding(caller.accountId()));
    body.put("payments", invoices.payments(caller.accountId()));
    return body;
  }

  @GetMapping(value = "/export.csv", produces = "text/csv")
  @Operation(
      summary = "Invoices, payments and credit of a date range, as CSV",
      description =
          "`from` inclusive, `to` exclusive, as dates in the billing time zone (2026-11-01).")
  void exportCsv(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @RequestParam LocalDate from,
      @RequestParam LocalDate to,
      HttpServletResponse response)
      throws IOException {
    caller.requireRole(BILLING_ROLES);
    if (!to.isAfter(from)) {
      throw ApiException.badRequest("to", "must be after 'from'");
    }
    ZoneId zone =
        profiles
            .find(caller.accountId())
            .map(BillingProfile::billingTimeZone)
            .orElse(ZoneId.of("UTC"));
    response.setContentType("text/csv; charset=UTF-8");
    response.setHeader(
        "Content-Disposition", "attachment; filename=\"vigil-" + from + "-" + to + ".csv\"");
    export.write(
        caller.accountId(),
        from.atStartOfDay(zone).toInstant(),
        to.atStartOfDay(zone).toInstant(),
        response.getWriter());
  }

  private BillingProfile profileOf(ApiCaller caller) {
    return profiles
        .find(caller.accountId())
        .orElseThrow(() -> ApiException.notFound("Billing profile"));
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
