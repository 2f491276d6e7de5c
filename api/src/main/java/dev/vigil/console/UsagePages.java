package dev.vigil.console;

import dev.vigil.auth.ApiCaller;
import dev.vigil.billing.account.BillingAccounts;
import dev.vigil.billing.document.InvoiceReader;
import dev.vigil.billing.ledger.BillingProfiles;
import dev.vigil.billing.ledger.InvoiceDrafter;
import dev.vigil.billing.ledger.UsageAlerts;
import dev.vigil.billing.rating.RatedInvoice;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Instant;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;

/**
 * What a tenant's accountant checks between invoices: the month so far, rated as its invoice would
 * be (the same dry run as {@code GET /api/v1/billing/preview}), what is owed, account credit, and
 * every payment received. Read only.
 */
@Controller
@Hidden
class UsagePages {

  private final BillingProfiles profiles;
  private final InvoiceDrafter drafter;
  private final InvoiceReader invoices;
  private final BillingAccounts accounts;
  private final UsageAlerts usageAlerts;

  UsagePages(
      BillingProfiles profiles,
      InvoiceDrafter drafter,
      InvoiceReader invoices,
      BillingAccounts accounts,
      UsageAlerts usageAlerts) {
    this.usageAlerts = usageAlerts;
    this.profiles = profiles;
    this.drafter = drafter;
    this.invoices = invoices;
    this.accounts = accounts;
  }

  @GetMapping("/console/invoices/usage")
  String usage(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, Model model) {
    long account = caller.accountId();
    boolean billed = profiles.find(account).isPresent();
    model.addAttribute("billed", billed);
    if (billed) {
      RatedInvoice preview = drafter.preview(account, Instant.now());
      model.addAttribute("preview", preview);
      model.addAttribute("alerts", usageAlerts.crossed(account, preview));
      model.addAttribute("outstanding", accounts.outstanding(account));
      model.addAttribute("credit", invoices.creditBalances(account));
      model.addAttribute("payments", invoices.payments(account));
    }
    return "console/usage";
  }
}
