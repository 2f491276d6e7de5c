package dev.vigil.console;

import dev.vigil.auth.ApiCaller;
import dev.vigil.billing.document.Dunning;
import dev.vigil.billing.document.InvoiceReader;
import dev.vigil.billing.ledger.BillingProfiles;
import dev.vigil.billing.ledger.Refunds;
import dev.vigil.billing.problem.BillingProblems;
import dev.vigil.invoicing.SubscriptionDesk;
import dev.vigil.oncall.account.ManagedAccounts;
import dev.vigil.operator.AccountDesk;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operator's accounts: the list with each one's status and billing state, a new account with
 * its first admin, suspending and reactivating, and each account's billing profile, open billing
 * problems, invoices, dunning and refunds (recorded by {@link CollectionPages}). Changes go through
 * {@link AccountDesk}, the REST API's own methods, whose method security lets only operator admins
 * make them. Plan and seat changes go through {@link SubscriptionDesk}, the REST API's {@code POST
 * .../billing/subscription}, which both operator roles may send (as through the API).
 */
@Controller
@Hidden
@RequestMapping("/console/operator/accounts")
class AccountPages {

  /** The accounts listed, newest first; the REST API pages through all of them. */
  private static final int LIST_LENGTH = 200;

  private static final int INVOICES_SHOWN = 50;

  private final ManagedAccounts accounts;
  private final BillingProblems problems;
  private final BillingProfiles profiles;
  private final InvoiceReader invoices;
  private final Dunning dunning;
  private final Refunds refunds;
  private final AccountDesk desk;
  private final SubscriptionDesk plans;
  private final ConsoleForms forms;

  AccountPages(
      ManagedAccounts accounts,
      BillingProblems problems,
      BillingProfiles profiles,
      InvoiceReader invoices,
      Dunning dunning,
      Refunds refunds,
      AccountDesk desk,
      SubscriptionDesk plans,
      ConsoleForms forms) {
    this.accounts = accounts;
    this.problems = problems;
    this.profiles = profiles;
    this.invoices = invoices;
    this.dunning = dunning;
    this.refunds = refunds;
    this.desk = desk;
    this.plans = plans;
    this.forms = forms;
  }

  /** An account as listed: whether it is suspended, and whether its billing is held up. */
  record AccountLine(ManagedAccounts.AccountRow account, boolean suspended, boolean billingOk) {}

  /** The new account's form, as typed. */
  record AccountForm(
      String name,
      String homeCountry,
      String billingCurrency,
      String timeZone,
      String adminName,
      String adminEmail) {

    static AccountForm blank() {
      return new AccountForm("", "", "USD", "UTC", "", "");
    }

    AccountDesk.NewAccount request() {
      return new AccountDesk.NewAccount(
          strip(name),
          upper(homeCountry),
          upper(billingCurrency),
          strip(timeZone),
          strip(adminName),
          strip(adminEmail));
    }

    private static String strip(String text) {
      return text == null ? null : text.strip();
    }

    private static String upper(String text) {
      return text == null ? null : text.strip().toUpperCase(java.util.Locale.ROOT);
    }
  }

  /**
   * The plan change as typed: {@code effective} is {@code now} or {@code next} (the first instant
   * of the next billing month in the billing time zone).
   */
  record PlanForm(String plan, String seats, String effective, String reason) {}

  @GetMapping
  String list(Model model) {
    return list(model, AccountForm.blank(), null);
  }

  @PostMapping
  String create(@ModelAttribute AccountForm form, Model model, RedirectAttributes redirect) {
    try {
      AccountDesk.Created created = desk.create(form.request(), forms::valid);
      redirect.addFlashAttribute(
          "notice", "Account " + created.name() + " created. Send its first admin this link.");
      redirect.addFlashAttribute("invitation", created.invitationUrl());
      return "redirect:/console/operator/accounts";
    } catch (ApiException refused) {
      return list(model, form, ConsoleModel.sentence(refused));
    }
  }

  @GetMapping("/{accountId}")
  String account(@PathVariable long accountId, Model model) {
    ManagedAccounts.AccountRow account =
        accounts
            .find(accountId)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    model.addAttribute("account", line(account));
    var profile = profiles.find(accountId).orElse(null);
    model.addAttribute("profile", profile);
    model.addAttribute("problems", problems.open(accountId));
    model.addAttribute(
        "invoices", invoices.list(accountId, Optional.empty(), INVOICES_SHOWN, null));
    Instant now = Instant.now();
    model.addAttribute("now", now);
    if (profile != null) {
      var current = plans.inForceAt(accountId, now).orElse(null);
      Instant next = SubscriptionDesk.nextPeriodStart(profile, now);
      var upcoming = plans.inForceAt(accountId, next).orElse(null);
      model.addAttribute("subscription", current);
      model.addAttribute("nextPeriod", next);
      model.addAttribute(
          "nextSubscription",
          upcoming != null
                  && current != null
                  && (upcoming.plan().id() != current.plan().id()
                      || upcoming.seats() != current.seats())
              ? upcoming
              : null);
      model.addAttribute("plans", plans.plans());
      if (!model.containsAttribute("planForm")) {
        model.addAttribute(
            "planForm",
            new PlanForm(
                current == null ? "" : current.plan().planCode(),
                current == null ? "" : Integer.toString(current.seats()),
                "now",
                ""));
      }
    }
    model.addAttribute("dunning", dunning.open(accountId, now, INVOICES_SHOWN));
    model.addAttribute("refunds", refunds.list(accountId));
    model.addAttribute("credit", invoices.creditBalances(accountId));
    model.addAttribute(
        "cardPayments",
        invoices.payments(accountId).stream().filter(p -> p.method().equals("card")).toList());
    return "console/operator-account";
  }

  /** Changes the plan and seats now or from the next billing month, as the REST API does. */
  @PostMapping("/{accountId}/subscription")
  String changePlan(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long accountId,
      @ModelAttribute PlanForm form,
      RedirectAttributes redirect) {
    try {
      var profile =
          profiles.find(accountId).orElseThrow(() -> ApiException.notFound("Billing profile"));
      Instant effectiveAt;
      if ("next".equals(form.effective())) {
        effectiveAt = SubscriptionDesk.nextPeriodStart(profile, Instant.now());
      } else if (form.effective() == null || "now".equals(form.effective())) {
        effectiveAt = null;
      } else {
        throw ApiException.badRequest("effective_at", "must be now or the next billing month");
      }
      Integer seats = ConsoleForms.number("seats", form.seats());
      plans.change(
          caller,
          accountId,
          ConsoleForms.blankToNull(form.plan()),
          seats,
          effectiveAt,
          ConsoleForms.blankToNull(form.reason()));
      redirect.addFlashAttribute(
          "notice",
          "Plan changed to "
              + form.plan().strip()
              + " with "
              + seats
              + " seat(s)"
              + (effectiveAt == null ? ", from now." : ", from the next billing month."));
    } catch (ApiException refused) {
      redirect.addFlashAttribute("planProblem", ConsoleModel.sentence(refused));
      redirect.addFlashAttribute("planForm", form);
    }
    return "redirect:/console/operator/accounts/" + accountId + "#subscription";
  }

  @PostMapping("/{accountId}/suspend")
  String suspend(@PathVariable long accountId, RedirectAttributes redirect) {
    try {
      desk.suspend(accountId);
      redirect.addFlashAttribute(
          "notice", "Suspended: its logins and API tokens are refused; its alerts still page.");
    } catch (ApiException refused) {
      redirect.addFlashAttribute("problem", ConsoleModel.sentence(refused));
    }
    return "redirect:/console/operator/accounts/" + accountId;
  }

  @PostMapping("/{accountId}/reactivate")
  String reactivate(@PathVariable long accountId, RedirectAttributes redirect) {
    try {
      desk.reactivate(accountId);
      redirect.addFlashAttribute("notice", "Reactivated.");
    } catch (ApiException refused) {
      redirect.addFlashAttribute("problem", ConsoleModel.sentence(refused));
    }
    return "redirect:/console/operator/accounts/" + accountId;
  }

  private String list(Model model, AccountForm form, String problem) {
    List<AccountLine> lines = accounts.newest(LIST_LENGTH).stream().map(this::line).toList();
    model.addAttribute("accounts", lines);
    model.addAttribute("form", form);
    model.addAttribute("formProblem", problem);
    return "console/operator-accounts";
  }

  private AccountLine line(ManagedAccounts.AccountRow account) {
    return new AccountLine(
        account, account.suspendedAt() != null, problems.open(account.id()).isEmpty());
  }
}
