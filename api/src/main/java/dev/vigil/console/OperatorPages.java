package dev.vigil.console;

import dev.vigil.auth.ApiCaller;
import dev.vigil.billing.document.InvoiceReader;
import dev.vigil.invoicing.InvoiceDesk;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Hidden;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The operator's billing desk: the queue of draft invoices of every account, approving one with an
 * adjustment, recording checks, voiding, writing off and crediting. Changes go through {@link
 * InvoiceDesk}, the REST API's own routes.
 */
@Controller
@Hidden
@RequestMapping("/console/operator")
class OperatorPages {

  private static final int QUEUE_LENGTH = 100;

  private final InvoiceReader invoices;
  private final InvoiceDesk desk;

  OperatorPages(InvoiceReader invoices, InvoiceDesk desk) {
    this.invoices = invoices;
    this.desk = desk;
  }

  @GetMapping("/invoices")
  String queue(Model model) {
    model.addAttribute("drafts", invoices.awaitingApproval(QUEUE_LENGTH));
    return "console/approvals";
  }

  @GetMapping("/accounts/{accountId}/invoices/{id}")
  String invoice(@PathVariable long accountId, @PathVariable long id, Model model) {
    model.addAttribute(
        "invoice",
        invoices
            .find(accountId, id)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
    model.addAttribute(
        "pdfUrl", "/api/v1/operator/accounts/" + accountId + "/invoices/" + id + "/pdf");
    model.addAttribute("today", LocalDate.now(ZoneOffset.UTC));
    return "console/operator-invoice";
  }

  /** Approves the draft; an adjustment line goes with it when any of its fields is filled. */
  @PostMapping("/accounts/{accountId}/invoices/{id}/approve")
  String approve(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long accountId,
      @PathVariable long id,
      @RequestParam(defaultValue = "") String description,
      @RequestParam(defaultValue = "") String amount,
      @RequestParam(defaultValue = "") String reason,
      RedirectAttributes redirect) {
    try {
      List<InvoiceDesk.AdjustmentLine> lines =
          description.isBlank() && amount.isBlank() && reason.isBlank()
              ? List.of()
              : List.of(
                  new InvoiceDesk.AdjustmentLine(
                      description.strip(), decimal("amount", amount), reason.strip()));
      var approved = desk.approve(caller, accountId, id, lines);
      redirect.addFlashAttribute(
          "notice", "Invoice " + approved.displayNumber() + " approved and sent.");
    } catch (ApiException refused) {
      redirect.addFlashAttribute("problem", ConsoleModel.sentence(refused));
    }
    return "redirect:/console/operator/accounts/" + accountId + "/invoices/" + id;
  }

  @PostMapping("/accounts/{accountId}/invoices/{id}/payments")
  String recordCheck(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long accountId,
      @PathVariable long id,
      @RequestParam(defaultValue = "") String amount,
      @RequestParam(defaultValue = "") String checkNumber,
      @RequestParam(defaultValue = "") String receivedOn,
      RedirectAttributes redirect) {
    try {
      var paid =
          desk.recordCheck(
              caller, accountId, id, decimal("amount", amount), checkNumber, date(receivedOn));
      redirect.addFlashAttribute(
          "notice", "Check " + checkNumber.strip() + " recorded on " + paid.number() + ".");
    } catch (ApiException refused) {
      redirect.addFlashAttribute("problem", ConsoleModel.sentence(refused));
    }
    return "redirect:/console/operator/accounts/" + accountId + "/invoices/" + id;
  }

  @PostMapping("/accounts/{accountId}/invoices/{id}/void")
  String voidInvoice(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long accountId,
      @PathVariable long id,
      @RequestParam(defaultValue = "") String reason,
      RedirectAttributes redirect) {
    try {
      var voided = desk.voidInvoice(caller, accountId, id, reason);
      redirect.addFlashAttribute("notice", "Invoice " + voided.number() + " voided.");
    } catch (ApiException refused) {
      refusedForm(redirect, "void", refused, reason, "");
    }
    return "redirect:/console/operator/accounts/" + accountId + "/invoices/" + id;
  }

  @PostMapping("/accounts/{accountId}/invoices/{id}/uncollectible")
  String markUncollectible(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long accountId,
      @PathVariable long id,
      @RequestParam(defaultValue = "") String reason,
      RedirectAttributes redirect) {
    try {
      var written = desk.markUncollectible(caller, accountId, id, reason);
      redirect.addFlashAttribute(
          "notice", "Invoice " + written.number() + " written off as uncollectible.");
    } catch (ApiException refused) {
      refusedForm(redirect, "uncollectible", refused, reason, "");
    }
    return "redirect:/console/operator/accounts/" + accountId + "/invoices/" + id;
  }

  @PostMapping("/accounts/{accountId}/invoices/{id}/credit_notes")
  String issueCreditNote(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long accountId,
      @PathVariable long id,
      @RequestParam(defaultValue = "") String amount,
      @RequestParam(defaultValue = "") String reason,
      RedirectAttributes redirect) {
    try {
      var issued = desk.issueCreditNote(caller, accountId, id, decimal("amount", amount), reason);
      redirect.addFlashAttribute(
          "notice",
          "Credit note " + issued.number() + " issued on " + issued.invoice().number() + ".");
    } catch (ApiException refused) {
      refusedForm(redirect, "credit", refused, reason, amount);
    }
    return "redirect:/console/operator/accounts/" + accountId + "/invoices/" + id;
  }

  /** The refusal, shown next to the form it answers, with what was typed in it. */
  private static void refusedForm(
      RedirectAttributes redirect,
      String form,
      ApiException refused,
      String reason,
      String amount) {
    redirect.addFlashAttribute("refusedForm", form);
    redirect.addFlashAttribute("refusal", ConsoleModel.sentence(refused));
    redirect.addFlashAttribute("typedReason", reason);
    redirect.addFlashAttribute("typedAmount", amount);
  }

  static BigDecimal decimal(String field, String text) {
    if (text.isBlank()) {
      return null;
    }
    try {
      return new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(field, "must be an amount such as 120.50");
    }
  }

  private static LocalDate date(String text) {
    if (text.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest("received_on", "must be a date such as 2026-12-01");
    }
  }
}
