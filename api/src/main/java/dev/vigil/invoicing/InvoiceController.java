package dev.vigil.invoicing;

import dev.vigil.auth.ApiCaller;
import dev.vigil.billing.document.InvoiceDetail;
import dev.vigil.billing.document.InvoicePdf;
import dev.vigil.billing.document.InvoiceReader;
import dev.vigil.billing.document.InvoiceSummary;
import dev.vigil.billing.document.RemittanceSettings;
import dev.vigil.billing.invoice.Actor;
import dev.vigil.billing.invoice.Adjustment;
import dev.vigil.billing.invoice.Approval;
import dev.vigil.billing.invoice.CheckPayment;
import dev.vigil.billing.invoice.Closure;
import dev.vigil.billing.invoice.InvoiceStatus;
import dev.vigil.billing.invoice.InvoiceWorkflow;
import dev.vigil.billing.ledger.CollectionMethod;
import dev.vigil.billing.ledger.Payments;
import dev.vigil.refusal.Refusal;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Invoices: tenants (admins and accountants) read their own; the operator reads every account's and
 * alone approves and adjusts drafts, records checks, voids or writes off (docs/decisions/0030).
 * Changes go through the invoice's workflow, which serializes them and checks the role again.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(
    name = "Invoices",
    description =
        "Invoices (read: tenant admins and accountants); approval, check payments (operator)")
class InvoiceController {

  /** Operator routes take the account in their path. */
  static final String OPERATOR_ACCOUNT = "/operator/accounts/{accountId}";

  static final String OPERATOR_ROLES = "hasAnyRole('OPERATOR_ADMIN', 'OPERATOR_ACCOUNTANT')";

  private static final List<String> STATUSES =
      Arrays.stream(InvoiceStatus.values()).map(InvoiceStatus::code).toList();

  private final InvoiceReader invoices;
  private final InvoicePdf pdf;
  private final WorkflowClient temporal;
  private final Payments payments;
  private final RemittanceSettings remittance;

  InvoiceController(
      InvoiceReader invoices,
      InvoicePdf pdf,
      WorkflowClient temporal,
      Payments payments,
      RemittanceSettings remittance) {
    this.invoices = invoices;
    this.pdf = pdf;
    this.temporal = temporal;
    this.payments = payments;
    this.remittance = remittance;
  }

  record AdjustmentRequest(String description, BigDecimal amount, String reason) {}

  record AdjustmentsRequest(List<AdjustmentRequest> adjustments) {}

  record ClosureRequest(String reason) {}

  /**
   * A check or transfer received. {@code reference} is a transfer's bank reference (or a check's
   * number); {@code method} is {@code check} (default) or {@code transfer}.
   */
  record CheckRequest(
      BigDecimal amount,
      String checkNumber,
      LocalDate receivedOn,
      String method,
      String reference) {}

  @GetMapping({"/invoices", OPERATOR_ACCOUNT + "/invoices"})
  @Operation(
      summary = "List invoices",
      description = "Newest period first; filter by status. Page with `after` (the last id seen).")
  Map<String, Object> list(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable(required = false) Long accountId,
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "25") int limit,
      @RequestParam(required = false) Long after) {
    if (status != null && !STATUSES.contains(status)) {
      throw ApiException.badRequest("status", "must be one of " + String.join(", ", STATUSES));
    }
    if (limit < 1 || limit > 100) {
      throw ApiException.badRequest("limit", "must be between 1 and 100");
    }
    List<InvoiceSummary> page =
        invoices.list(account(caller, accountId), Optional.ofNullable(status), limit + 1, after);
    boolean more = page.size() > limit;
    List<InvoiceSummary> shown = more ? page.subList(0, limit) : page;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("invoices", shown);
    body.put("more", more);
    body.put("next_after", more ? shown.get(shown.size() - 1).id() : null);
    return body;
  }

  @GetMapping({"/invoices/{id}", OPERATOR_ACCOUNT + "/invoices/{id}"})
  @Operation(summary = "Get an invoice with its lines, usage breakdown and payments")
  Map<String, InvoiceDetail> get(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable(required = false) Long accountId,
      @PathVariable long id) {
    return Map.of("invoice", find(account(caller, accountId), id));
  }

  @GetMapping(
      value = {"/invoices/{id}/pdf", OPERATOR_ACCOUNT + "/invoices/{id}/pdf"},
      produces = MediaType.APPLICATION_PDF_VALUE)
  @Operation(summary = "The invoice as a PDF, with remittance instructions for checks")
  ResponseEntity<byte[]> pdf(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable(required = false) Long accountId,
      @PathVariable long id) {
    InvoiceDetail invoice = find(account(caller, accountId), id);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.inline()
                .filename(
                    (invoice.number() == null ? "draft-" + invoice.id() : invoice.number())
                        + ".pdf")
                .build()
                .toString())
        .body(pdf.render(invoice));
  }

  @PostMapping(OPERATOR_ACCOUNT + "/invoices/{id}/approve")
  @PreAuthorize(OPERATOR_ROLES)
  @Operation(
      summary = "Approve a draft and send it",
      description =
          "Check invoices only. Optional adjustments (amount in the invoice's currency, negative"
              + " for a credit, each with a reason) are added first. The invoice is sent with the"
              + " account's net terms and takes the next invoice number (drafts have none)."
              + " Refused (409) while the installation has no remittance details (a check mailing"
              + " address or bank transfer details), which the invoice must print.")
  Map<String, InvoiceDetail> approve(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long accountId,
      @PathVariable long id,
      @RequestBody(required = false) AdjustmentsRequest request) {
    InvoiceDetail invoice = find(accountId, id);
    List<Adjustment> adjustments =
        request == null ? List.of() : adjustments(request, invoice.currency());
    if (invoice.collectionMethod() == CollectionMethod.CHECK
        && InvoiceStatus.DRAFT.code().equals(invoice.status())) {
      // An invoice paid by check or transfer must say how to pay it (docs/decisions/0054).
      try {
        remittance.requireForCheckInvoices();
      } catch (RuntimeException e) {
        throw LedgerRefusals.of(e);
      }
    }
    return change(accountId, id, w -> w.approve(new Approval(actor(caller), adjustments)));
  }

  @PostMapping(OPERATOR_ACCOUNT + "/invoices/{id}/adjustments")
  @PreAuthorize(OPERATOR_ROLES)
  @Operation(summary = "Add adjustment or credit lines to a draft, each with a reason")
  Map<String, InvoiceDetail> adjust(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long accountId,
      @PathVariable long id,
      @RequestBody AdjustmentsRequest request) {
    InvoiceDetail invoice = find(accountId, id);
    List<Adjustment> adjustments = adjustments(request, invoice.currency());
    return change(accountId, id, w -> w.adjust(new Approval(actor(caller), adjustments)));
  }

  @PostMapping(OPERATOR_ACCOUNT + "/invoices/{id}/payments")
  @PreAuthorize(OPERATOR_ROLES)
  @Operation(
      summary = "Record a check or transfer",
      description =
          "Amount in the invoice's currency (`1234.56`); `method` `check` (default, with"
              + " `check_number`) or `transfer` (an ACH or wire transfer, with its bank"
              + " `reference`). Never refused for the"
              + " invoice's state: a partial payment leaves a balance; more than the balance, or"
              + " any payment on an invoice that is a draft, paid, void or written off, is held"
              + " as account credit, applied to the next invoice drafted. A check number or"
              + " reference is recorded once per account.")
  Map<String, InvoiceDetail> recordCheck(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long accountId,
      @PathVariable long id,
      @RequestBody CheckRequest request) {
    InvoiceDetail invoice = find(accountId, id);
    CheckPayment payment = checkPayment(caller, request, invoice.currency());
    if (InvoiceStatus.OPEN.code().equals(invoice.status())
        && invoice.collectionMethod() == CollectionMethod.CHECK) {
      try {
        return change(accountId, id, w -> w.recordCheck(payment), true);
      } catch (InvoiceNoLongerOpen closedMeanwhile) {
        // Paid, voided or written off since it was read: held as credit like any other.
      }
    }
    try {
      payments.receiveOnClosedInvoice(id, payment);
    } catch (RuntimeException e) {
      throw LedgerRefusals.of(e);
    }
    return Map.of("invoice", find(accountId, id));
  }

  /** A check or transfer from a request, its fields checked; amounts in {@code currency}. */
  static CheckPayment checkPayment(ApiCaller caller, CheckRequest request, String currency) {
    List<String> errors = new ArrayList<>();
    String method = request.method() == null ? CheckPayment.CHECK : request.method().strip();
    if (!method.equals(CheckPayment.CHECK) && !method.equals(CheckPayment.TRANSFER)) {
      errors.add("'method' must be check or transfer");
    }
    String number = request.reference() != null ? request.reference() : request.checkNumber();
    if (number == null || number.isBlank()) {
      errors.add(
          method.equals(CheckPayment.TRANSFER)
              ? "'reference' is required (the transfer's bank reference)"
              : "'check_number' is required");
    }
    if (request.receivedOn() == null) {
      errors.add("'received_on' is required (a date, 2026-12-01)");
    }
    if (!errors.isEmpty()) {
      throw ApiException.badRequest(errors);
    }
    long amount = MoneyInput.toMinorUnits("amount", request.amount(), currency);
    if (amount <= 0) {
      throw ApiException.badRequest("amount", "must be more than zero");
    }
    return new CheckPayment(actor(caller), amount, number.strip(), request.receivedOn(), method);
  }

  @PostMapping(OPERATOR_ACCOUNT + "/invoices/{id}/void")
  @PreAuthorize(OPERATOR_ROLES)
  @Operation(summary = "Void an invoice that has no payments, with a reason")
  Map<String, InvoiceDetail> voidInvoice(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long accountId,
      @PathVariable long id,
      @RequestBody(required = false) ClosureRequest request) {
    Closure closure = new Closure(actor(caller), reason(request));
    return change(accountId, id, w -> w.voidInvoice(closure));
  }

  @PostMapping(OPERATOR_ACCOUNT + "/invoices/{id}/uncollectible")
  @PreAuthorize(OPERATOR_ROLES)
  @Operation(summary = "Mark an open invoice uncollectible, with a reason")
  Map<String, InvoiceDetail> markUncollectible(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long accountId,
      @PathVariable long id,
      @RequestBody(required = false) ClosureRequest request) {
    Closure closure = new Closure(actor(caller), reason(request));
    return change(accountId, id, w -> w.markUncollectible(closure));
  }

  private Map<String, InvoiceDetail> change(
      long accountId, long id, Consumer<InvoiceWorkflow> update) {
    return change(accountId, id, update, false);
  }

  /**
   * Sends an update to the invoice's workflow. With {@code closedIsFine}, an invoice found no
   * longer open (its workflow ended, or its state refused the update) throws {@link
   * InvoiceNoLongerOpen} for the caller to take another way.
   */
  Map<String, InvoiceDetail> change(
      long accountId, long id, Consumer<InvoiceWorkflow> update, boolean closedIsFine) {
    find(accountId, id); // another account's invoice is not found, and nothing is sent to it
    InvoiceWorkflow workflow =
        temporal.newWorkflowStub(InvoiceWorkflow.class, InvoiceWorkflow.workflowId(id));
    try {
      sendToDraftOrLater(accountId, id, workflow, update);
    } catch (WorkflowUpdateException e) {
      if (closedIsFine && Refusal.of(e).orElse(Refusal.WRONG_STATE) == Refusal.WRONG_STATE) {
        String status = find(accountId, id).status();
        if (!InvoiceStatus.OPEN.code().equals(status)) {
          throw new InvoiceNoLongerOpen();
        }
      }
      throw WorkflowRefusals.of(e);
    } catch (io.temporal.client.WorkflowNotFoundException e) {
      if (closedIsFine) {
        throw new InvoiceNoLongerOpen();
      }
      throw ApiException.conflict("Invoice " + id + " is closed; it cannot change any more");
    }
    return Map.of("invoice", find(accountId, id));
  }

  /**
   * A draft is recorded by its month's cycle just before its own workflow starts and loads it: an
   * update sent in that moment finds no workflow yet, or one still loading, and is sent again for a
   * few seconds at most, instead of being refused as if the invoice were closed or busy.
   */
  private void sendToDraftOrLater(
      long accountId, long id, InvoiceWorkflow workflow, Consumer<InvoiceWorkflow> update) {
    for (int attempt = 1; ; attempt++) {
      try {
        update.accept(workflow);
        return;
      } catch (io.temporal.client.WorkflowNotFoundException e) {
        if (attempt >= DRAFT_START_ATTEMPTS
            || !InvoiceStatus.DRAFT.code().equals(find(accountId, id).status())) {
          throw e;
        }
      } catch (WorkflowUpdateException e) {
        if (attempt >= DRAFT_START_ATTEMPTS
            || Refusal.of(e).orElse(Refusal.WRONG_STATE) != Refusal.NOT_READY) {
          throw e;
        }
      }
      try {
        Thread.sleep(DRAFT_START_PAUSE.toMillis());
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw ApiException.unavailable("Invoice " + id + " is still being prepared");
      }
    }
  }

  private static final int DRAFT_START_ATTEMPTS = 20;
  private static final java.time.Duration DRAFT_START_PAUSE = java.time.Duration.ofMillis(250);

  /** The invoice closed between being read and being sent an update. */
  static final class InvoiceNoLongerOpen extends RuntimeException {
    InvoiceNoLongerOpen() {
      super(null, null, false, false);
    }
  }

  private static List<Adjustment> adjustments(AdjustmentsRequest request, String currency) {
    if (request == null || request.adjustments() == null) {
      return List.of();
    }
    List<Adjustment> result = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < request.adjustments().size(); i++) {
      AdjustmentRequest a = request.adjustments().get(i);
      String field = "adjustments[" + i + "]";
      if (a == null) {
        errors.add("'" + field + "' is required");
        continue;
      }
      if (a.description() == null || a.description().isBlank()) {
        errors.add("'" + field + ".description' is required");
      }
      if (a.reason() == null || a.reason().isBlank()) {
        errors.add("'" + field + ".reason' is required");
      }
      long amount = MoneyInput.toMinorUnits(field + ".amount", a.amount(), currency);
      if (amount == 0) {
        errors.add("'" + field + ".amount' must not be zero");
      }
      result.add(new Adjustment(a.description(), amount, a.reason()));
    }
    if (!errors.isEmpty()) {
      throw ApiException.badRequest(errors);
    }
    return result;
  }

  private static String reason(ClosureRequest request) {
    if (request == null || request.reason() == null || request.reason().isBlank()) {
      throw ApiException.badRequest("reason", "is required");
    }
    return request.reason().strip();
  }

  static Actor actor(ApiCaller caller) {
    return new Actor(caller.userId(), caller.role());
  }

  /**
   * The account a route acts on: the caller's own, or on an operator route the one in its path (the
   * access rules let only the operator's staff reach those).
   */
  static long account(ApiCaller caller, Long accountInPath) {
    return accountInPath == null ? caller.accountId() : accountInPath;
  }

  InvoiceDetail find(long accountId, long id) {
    return invoices.find(accountId, id).orElseThrow(() -> ApiException.notFound("Invoice " + id));
  }
}
