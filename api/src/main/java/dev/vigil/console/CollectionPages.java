package dev.vigil.console;

import dev.vigil.auth.ApiCaller;
import dev.vigil.billing.document.Dunning;
import dev.vigil.billing.ledger.UsageAlerts;
import dev.vigil.invoicing.InvoiceDesk;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Instant;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operator's collections across accounts: invoices being dunned (overdue, reminders sent and
 * next, card charges retried), the usage alerts accounts crossed this month, and refunds of an
 * account's credit through {@link InvoiceDesk}, the REST API's own route.
 */
@Controller
@Hidden
@RequestMapping("/console/operator")
class CollectionPages {

  private static final int LIST_LENGTH = 200;

  private final Dunning dunning;
  private final UsageAlerts usageAlerts;
  private final InvoiceDesk desk;

  CollectionPages(Dunning dunning, UsageAlerts usageAlerts, InvoiceDesk desk) {
    this.dunning = dunning;
    this.usageAlerts = usageAlerts;
    this.desk = desk;
  }

  @GetMapping("/dunning")
  String dunning(Model model) {
    Instant now = Instant.now();
    model.addAttribute("now", now);
    model.addAttribute("dunning", dunning.open(null, now, LIST_LENGTH));
    return "console/operator-dunning";
  }

  @GetMapping("/usage_alerts")
  String usageAlerts(Model model) {
    model.addAttribute("alerts", usageAlerts.crossedThisMonth(Instant.now(), LIST_LENGTH));
    return "console/operator-usage-alerts";
  }

  /** Pays account credit back by check, transfer or card; never more than the credit. */
  @PostMapping("/accounts/{accountId}/refunds")
  String refund(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long accountId,
      @RequestParam(defaultValue = "") String method,
      @RequestParam(defaultValue = "") String amount,
      @RequestParam(defaultValue = "") String currency,
      @RequestParam(defaultValue = "") String paymentId,
      @RequestParam(defaultValue = "") String reference,
      @RequestParam(defaultValue = "") String reason,
      RedirectAttributes redirect) {
    try {
      var refund =
          desk.refund(
              caller,
              accountId,
              ConsoleForms.blankToNull(method),
              OperatorPages.decimal("amount", amount),
              ConsoleForms.id("payment_id", paymentId),
              ConsoleForms.blankToNull(currency),
              ConsoleForms.blankToNull(reference),
              ConsoleForms.blankToNull(reason));
      redirect.addFlashAttribute(
          "notice",
          "Refund of "
              + new ConsoleFormat().money(refund.amountMinor(), refund.currency())
              + " by "
              + refund.method()
              + " recorded.");
    } catch (ApiException refused) {
      redirect.addFlashAttribute("refundProblem", ConsoleModel.sentence(refused));
    }
    return "redirect:/console/operator/accounts/" + accountId;
  }
}
