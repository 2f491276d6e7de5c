package dev.vigil.console;

import dev.vigil.auth.ApiCaller;
import dev.vigil.billing.document.InvoiceReader;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.server.ResponseStatusException;

/**
 * A tenant's invoices, for its admins and accountants: the list and one invoice with its lines,
 * payments and PDF. Nothing here changes an invoice: approving and recording checks are the
 * operator's ({@link OperatorPages}).
 */
@Controller
@Hidden
class InvoicePages {

  private final InvoiceReader invoices;

  InvoicePages(InvoiceReader invoices) {
    this.invoices = invoices;
  }

  @GetMapping("/console/invoices")
  String list(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, Model model) {
    model.addAttribute("invoices", invoices.list(caller.accountId(), Optional.empty(), 50, null));
    return "console/invoices";
  }

  @GetMapping("/console/invoices/{id}")
  String invoice(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long id, Model model) {
    model.addAttribute(
        "invoice",
        invoices
            .find(caller.accountId(), id)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
    model.addAttribute("pdfUrl", "/api/v1/invoices/" + id + "/pdf");
    return "console/invoice";
  }
}
