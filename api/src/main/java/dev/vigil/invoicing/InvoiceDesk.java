package dev.vigil.invoicing;

import dev.vigil.auth.ApiCaller;
import dev.vigil.billing.document.InvoiceDetail;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The operator's invoice changes as the console makes them: through the REST API's own routes
 * (their input checks, their method security, the invoice's workflow), so a form and an API call
 * cannot differ (docs/decisions/0046). Refusals are the API's {@code ApiException}s.
 */
@Component
public class InvoiceDesk {

  private final InvoiceController invoices;

  InvoiceDesk(InvoiceController invoices) {
    this.invoices = invoices;
  }

  /** One adjustment line, in the invoice's currency (negative for a credit). */
  public record AdjustmentLine(String description, BigDecimal amount, String reason) {}

  /** Approves a draft and sends it, with the adjustment lines added first. */
  public InvoiceDetail approve(
      ApiCaller caller, long accountId, long invoiceId, List<AdjustmentLine> adjustments) {
    var request =
        new InvoiceController.AdjustmentsRequest(
            adjustments.stream()
                .map(
                    a ->
                        new InvoiceController.AdjustmentRequest(
                            a.description(), a.amount(), a.reason()))
                .toList());
    return invoices.approve(caller, accountId, invoiceId, request).get("invoice");
  }

  /** Records a check; less than the balance leaves the rest due. */
  public InvoiceDetail recordCheck(
      ApiCaller caller,
      long accountId,
      long invoiceId,
      BigDecimal amount,
      String checkNumber,
      LocalDate receivedOn) {
    return invoices
        .recordCheck(
            caller,
            accountId,
            invoiceId,
            new InvoiceController.CheckRequest(amount, checkNumber, receivedOn, "check", null))
        .get("invoice");
  }
}
