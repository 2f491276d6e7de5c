package dev.vigil.invoicing;

import static dev.vigil.invoicing.InvoiceController.OPERATOR_ACCOUNT;
import static dev.vigil.invoicing.InvoiceController.OPERATOR_ROLES;
import static dev.vigil.invoicing.InvoiceController.account;
import static dev.vigil.invoicing.InvoiceController.actor;

import dev.vigil.auth.ApiCaller;
import dev.vigil.billing.document.InvoiceDetail;
import dev.vigil.billing.document.InvoicePdf;
import dev.vigil.billing.document.InvoiceReader;
import dev.vigil.billing.invoice.CheckPayment;
import dev.vigil.billing.invoice.CreditNoteRequest;
import dev.vigil.billing.invoice.InvoiceStatus;
import dev.vigil.billing.ledger.AccountCredits;
import dev.vigil.billing.ledger.CreditNotes;
import dev.vigil.billing.ledger.CreditNotes.CreditNote;
import dev.vigil.billing.ledger.Payments;
import dev.vigil.billing.ledger.Refunds;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Money received and given back (docs/decisions/0043): payments on account, credit notes, refunds.
 * The operator records and issues them; tenants (admins and accountants) read their own credit
 * notes, their PDFs and their refunds.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(
    name = "Account credit",
    description =
        "Credit notes and refunds (read: tenant admins and accountants); payments on account,"
            + " credit notes, refunds (operator)")
class AccountCreditController {

  private final InvoiceController invoices;
  private final InvoiceReader reader;
  private final InvoicePdf pdf;
  private final CreditNotes creditNotes;
  private final Payments payments;
  private final Refunds refunds;
  private final AccountCredits accounts;

  AccountCreditController(
      InvoiceController invoices,
      InvoiceReader reader,
      InvoicePdf pdf,
      CreditNotes creditNotes,
      Payments payments,
      Refunds refunds,
      AccountCredits accounts) {
    this.invoices = invoices;
    this.reader = reader;
    this.pdf = pdf;
    this.creditNotes = creditNotes;
    this.payments = payments;
    this.refunds = refunds;
    this.accounts = accounts;
  }

  record CreditNoteIssuedResponse(CreditNote creditNote, InvoiceDetail invoice) {}

  record CreditNotesResponse(List<CreditNote> creditNotes) {}

  /** The account's credit per currency after the payment (ISO 4217 code to minor units). */
  record AccountCreditResponse(Map<String, Long> creditMinor) {}

  record RefundResponse(Refunds.Refund refund) {}

  record RefundsResponse(List<Refunds.Refund> refunds) {}

  /** {@code amount} omitted: everything on the invoice not yet credited (a full credit note). */
  record CreditNoteBody(BigDecimal amount, String reason) {}

  record PaymentOnAccountBody(
      BigDecimal amount,
      String currency,
      String method,
      String checkNumber,
      String reference,
      LocalDate receivedOn) {}

  record RefundBody(
      String method,
      BigDecimal amount,
      Long paymentId,
      String currency,
      String reference,
      String reason) {}

  @PostMapping(OPERATOR_ACCOUNT + "/invoices/{id}/credit_notes")
  @PreAuthorize(OPERATOR_ROLES)
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Issue a credit note on an open or paid invoice",
      description =
          "Full (no `amount`) or partial, with a `reason` printed on it. It reduces what the"
              + " invoice still owes (an invoice owing nothing more is paid); the part its"
              + " payments had covered becomes account credit. Numbered CN-000001, ... Drafts"
              + " take adjustments instead; void and written-off invoices owe nothing. On an open"
              + " card invoice the credit note also goes to Stripe, which then collects that much"
              + " less; on a paid one the amount becomes account credit, refundable to the card.")
  CreditNoteIssuedResponse issueCreditNote(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long accountId,
      @PathVariable long id,
      @RequestBody CreditNoteBody body) {
    InvoiceDetail invoice = invoices.find(accountId, id);
    if (body.reason() == null || body.reason().isBlank()) {
      throw ApiException.badRequest("reason", "is required");
    }
    long amount =
        body.amount() == null
            ? 0
            : MoneyInput.toMinorUnits("amount", body.amount(), invoice.currency());
    if (body.amount() != null && amount <= 0) {
      throw ApiException.badRequest("amount", "must be more than zero");
    }
    CreditNoteRequest request =
        new CreditNoteRequest(
            actor(caller), amount, body.reason().strip(), "api-" + UUID.randomUUID());
    CreditNote note = null;
    // An open invoice's workflow knows its balance (and, for a card invoice, tells Stripe).
    if (InvoiceStatus.OPEN.code().equals(invoice.status())) {
      try {
        invoices.change(accountId, id, w -> w.creditNote(request), true);
        note = creditNotes.byRequestKey(request.requestKey()).orElseThrow();
      } catch (InvoiceController.InvoiceNoLongerOpen paidMeanwhile) {
        // Paid since it was read: its workflow has ended, and the ledger credits it directly.
      }
    }
    if (note == null) {
      try {
        note = creditNotes.issue(id, request);
      } catch (RuntimeException e) {
        throw LedgerRefusals.of(e);
      }
    }
    return new CreditNoteIssuedResponse(note, invoices.find(accountId, id));
  }

  @GetMapping({"/billing/credit_notes", OPERATOR_ACCOUNT + "/billing/credit_notes"})
  @Operation(summary = "The account's credit notes, newest first")
  CreditNotesResponse listCreditNotes(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable(required = false) Long accountId) {
    return new CreditNotesResponse(creditNotes.list(account(caller, accountId), null));
  }

  @GetMapping(
      value = {
        "/billing/credit_notes/{id}/pdf",
        OPERATOR_ACCOUNT + "/billing/credit_notes/{id}/pdf"
      },
      produces = MediaType.APPLICATION_PDF_VALUE)
  @Operation(summary = "A credit note as a PDF")
  ResponseEntity<byte[]> creditNotePdf(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable(required = false) Long accountId,
      @PathVariable long id) {
    long account = account(caller, accountId);
    CreditNote note =
        creditNotes.find(account, id).orElseThrow(() -> ApiException.notFound("Credit note " + id));
    InvoiceDetail invoice = reader.find(account, note.invoiceId()).orElseThrow();
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.inline().filename(note.number() + ".pdf").build().toString())
        .body(pdf.renderCreditNote(note, invoice));
  }

  @PostMapping(OPERATOR_ACCOUNT + "/payments")
  @PreAuthorize(OPERATOR_ROLES)
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Record a check or transfer that names no invoice",
      description =
          "Held as account credit in its `currency` (default: the account's billing currency),"
              + " applied to the next invoice drafted.")
  AccountCreditResponse recordPaymentOnAccount(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long accountId,
      @RequestBody PaymentOnAccountBody body) {
    String currency = currency(accountId, body.currency());
    CheckPayment payment =
        InvoiceController.checkPayment(
            caller,
            new InvoiceController.CheckRequest(
                body.amount(),
                body.checkNumber(),
                body.receivedOn(),
                body.method(),
                body.reference()),
            currency);
    try {
      payments.receiveOnAccount(accountId, currency, payment);
    } catch (RuntimeException e) {
      throw LedgerRefusals.of(e);
    }
    return new AccountCreditResponse(reader.creditBalances(accountId));
  }

  @PostMapping(OPERATOR_ACCOUNT + "/refunds")
  @PreAuthorize(OPERATOR_ROLES)
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Pay account credit back",
      description =
          "`method` `card` (with `payment_id`, a card payment of the account: refunded through"
              + " Stripe), or `check` or `transfer` (with the `reference` sent; `currency` default"
              + " the account's billing currency). Never more than the account's credit: to"
              + " refund part of a paid invoice, issue a credit note first.")
  RefundResponse refund(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long accountId,
      @RequestBody RefundBody body) {
    String method = body.method() == null ? null : body.method().strip();
    if (method == null || !List.of("card", "check", "transfer").contains(method)) {
      throw ApiException.badRequest("method", "must be card, check or transfer");
    }
    String currency =
        method.equals("card")
            ? reader.payments(accountId).stream()
                .filter(p -> body.paymentId() != null && p.id() == body.paymentId())
                .map(InvoiceDetail.Payment::currency)
                .findFirst()
                .orElseThrow(
                    () ->
                        ApiException.badRequest(
                            "payment_id", "is required: a card payment of this account"))
            : currency(accountId, body.currency());
    long amount = MoneyInput.toMinorUnits("amount", body.amount(), currency);
    try {
      return new RefundResponse(
          refunds.refund(
              accountId,
              new Refunds.Request(
                  actor(caller),
                  method,
                  amount,
                  body.paymentId(),
                  currency,
                  body.reference(),
                  body.reason())));
    } catch (RuntimeException e) {
      throw LedgerRefusals.of(e);
    }
  }

  @GetMapping({"/billing/refunds", OPERATOR_ACCOUNT + "/billing/refunds"})
  @Operation(summary = "The account's refunds, newest first")
  RefundsResponse listRefunds(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable(required = false) Long accountId) {
    return new RefundsResponse(refunds.list(account(caller, accountId)));
  }

  private String currency(long accountId, String given) {
    if (given != null && !given.isBlank()) {
      String code = given.strip().toUpperCase(java.util.Locale.ROOT);
      try {
        java.util.Currency.getInstance(code);
      } catch (IllegalArgumentException unknown) {
        throw ApiException.badRequest("currency", "is not an ISO 4217 currency");
      }
      return code;
    }
    return accounts
        .accountCurrency(accountId)
        .orElseThrow(() -> ApiException.notFound("Account " + accountId));
  }
}
