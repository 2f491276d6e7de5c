package dev.vigil.console;

import dev.vigil.billing.document.InvoicePdf;
import dev.vigil.billing.document.InvoiceReader;
import dev.vigil.billing.mail.KeptBillingMail;
import dev.vigil.oncall.account.ManagedAccounts;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * In embedded mode, the operator's staff read any account's billing mail kept for the dev inbox, as
 * that account's admins and accountants do in their inbox ({@link InboxPage}), and download its
 * attachments. The access rules keep {@code /console/operator/**} to the operator's staff.
 */
@Controller
@Hidden
class OperatorInboxPage {

  private final ManagedAccounts accounts;
  private final KeptBillingMail billingMail;
  private final InvoiceReader invoices;
  private final InvoicePdf pdf;
  private final boolean enabled;

  OperatorInboxPage(
      ManagedAccounts accounts,
      KeptBillingMail billingMail,
      InvoiceReader invoices,
      InvoicePdf pdf,
      @Value("${vigil.dev-inbox.enabled:false}") boolean enabled) {
    this.accounts = accounts;
    this.billingMail = billingMail;
    this.invoices = invoices;
    this.pdf = pdf;
    this.enabled = enabled;
  }

  @GetMapping("/console/operator/accounts/{accountId}/billing_mail")
  String billingMail(@PathVariable long accountId, Model model) {
    if (!enabled) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    ManagedAccounts.AccountRow account =
        accounts
            .find(accountId)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    String prefix = "/console/operator/accounts/" + accountId + "/billing_mail/";
    model.addAttribute("account", account);
    model.addAttribute(
        "billingMail",
        billingMail.latest(accountId, 50).stream().map(m -> InboxPage.shown(m, prefix)).toList());
    return "console/operator-billing-mail";
  }

  @GetMapping("/console/operator/accounts/{accountId}/billing_mail/{id}/attachment")
  ResponseEntity<byte[]> attachment(@PathVariable long accountId, @PathVariable long id) {
    if (!enabled) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    return InboxPage.download(billingMail, invoices, pdf, accountId, id);
  }
}
