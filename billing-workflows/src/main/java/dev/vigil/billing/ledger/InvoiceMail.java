package dev.vigil.billing.ledger;

import dev.vigil.billing.document.InvoiceDetail;
import dev.vigil.billing.document.InvoicePdf;
import dev.vigil.billing.document.InvoiceReader;
import dev.vigil.billing.document.MoneyFormat;
import dev.vigil.billing.document.RemittanceSettings;
import dev.vigil.billing.mail.BillingEmail;
import dev.vigil.billing.mail.BillingMailer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the billing contact is told about an invoice: that it was issued (PDF attached), reminders
 * around its due date, and failed card charges. Each mail's key is the invoice and the step, so a
 * retried activity sends it once.
 */
@Component
public class InvoiceMail {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d MMM yyyy", Locale.US);

  private final JdbcClient jdbc;
  private final InvoiceReader invoices;
  private final InvoicePdf pdf;
  private final BillingMailer mailer;
  private final RemittanceSettings remittance;

  public InvoiceMail(
      JdbcClient jdbc,
      InvoiceReader invoices,
      InvoicePdf pdf,
      BillingMailer mailer,
      RemittanceSettings remittance) {
    this.jdbc = jdbc;
    this.invoices = invoices;
    this.pdf = pdf;
    this.mailer = mailer;
    this.remittance = remittance;
  }

  void invoiceIssued(long invoiceId) {
    InvoiceDetail invoice = detail(invoiceId);
    boolean card = invoice.collectionMethod() == CollectionMethod.CARD;
    String subject =
        "Invoice "
            + invoice.displayNumber()
            + ": "
            + money(invoice, invoice.totalMinor())
            + (card ? "" : ", due " + date(invoice, invoice.dueAt()));
    StringBuilder body =
        new StringBuilder()
            .append("Invoice ")
            .append(invoice.displayNumber())
            .append(" for ")
            .append(invoice.accountName())
            .append(" is attached.\n\n")
            .append("Total: ")
            .append(money(invoice, invoice.totalMinor()))
            .append('\n');
    if (card) {
      body.append("It will be charged to the card on file.\n");
    } else {
      body.append("Due: ").append(date(invoice, invoice.dueAt())).append("\n\n");
      if (remittance.printsChecks()) {
        body.append("Please make checks payable to ")
            .append(remittance.payee())
            .append(" and write ")
            .append(invoice.displayNumber())
            .append(" on the check.\n");
        for (String line : remittance.address()) {
          body.append(line).append('\n');
        }
      }
      for (String line : remittance.transferInstructions(invoice.displayNumber())) {
        body.append(line).append('\n');
      }
    }
    send(invoice, "invoice", "issued", subject, body.toString(), true);
  }

  void reminder(long invoiceId, int offsetDays) {
    InvoiceDetail invoice = detail(invoiceId);
    String when =
        offsetDays < 0
            ? "is due in " + -offsetDays + (offsetDays == -1 ? " day" : " days")
            : offsetDays == 0
                ? "is due today"
                : "is " + offsetDays + (offsetDays == 1 ? " day" : " days") + " overdue";
    String subject = "Reminder: invoice " + invoice.displayNumber() + " " + when;
    String body =
        "Invoice "
            + invoice.displayNumber()
            + " "
            + when
            + " (due "
            + date(invoice, invoice.dueAt())
            + ").\n\nBalance due: "
            + money(invoice, invoice.balanceMinor())
            + "\n\nIf you have sent the payment already, thank you: please disregard this"
            + " reminder. The invoice is attached again for your records.\n";
    send(invoice, "reminder", "reminder-" + offsetDays, subject, body, true);
  }

  void paymentFailed(long invoiceId, int attempt, String reason, Instant nextAttempt) {
    InvoiceDetail invoice = detail(invoiceId);
    String subject =
        "Payment failed for invoice "
            + invoice.displayNumber()
            + " ("
            + money(invoice, invoice.balanceMinor())
            + ")";
    String body =
        "We could not charge "
            + money(invoice, invoice.balanceMinor())
            + " for invoice "
            + invoice.displayNumber()
            + " to the card on file"
            + (reason == null || reason.isBlank() ? "" : ": " + reason)
            + ".\n\n"
            + (nextAttempt == null
                ? "We will not retry automatically. Please update the card and pay the invoice,"
                    + " or contact us.\n"
                : "We will try again on "
                    + date(invoice, nextAttempt)
                    + ". Please update the card before then.\n");
    send(invoice, "payment_failed", "payment-failed-" + attempt, subject, body, false);
  }

  void paymentActionRequired(long invoiceId, int attempt, String actionUrl) {
    InvoiceDetail invoice = detail(invoiceId);
    String subject =
        "Please confirm the payment of invoice "
            + invoice.displayNumber()
            + " ("
            + money(invoice, invoice.balanceMinor())
            + ")";
    String body =
        "Your bank asks you to confirm the payment of "
            + money(invoice, invoice.balanceMinor())
            + " for invoice "
            + invoice.displayNumber()
            + " with the card on file. This is not a decline: the payment goes through once"
            + " you confirm it here:\n\n"
            + actionUrl
            + "\n\nWe will not charge the card again meanwhile.\n";
    send(
        invoice,
        "payment_action_required",
        "payment-action-required-" + attempt,
        subject,
        body,
        false);
  }

  private void send(
      InvoiceDetail invoice,
      String kind,
      String step,
      String subject,
      String body,
      boolean attachPdf) {
    mailer.send(
        new BillingEmail(
            invoice.accountId(),
            invoice.id(),
            "invoice-" + invoice.id() + "-" + step,
            kind,
            invoice.billingEmail(),
            subject,
            body,
            attachPdf ? invoice.displayNumber() + ".pdf" : null,
            attachPdf ? pdf.render(invoice) : null));
  }

  private InvoiceDetail detail(long invoiceId) {
    long accountId =
        jdbc.sql("select account_id from invoices where id = :id")
            .param("id", invoiceId)
            .query(Long.class)
            .single();
    return invoices
        .find(accountId, invoiceId)
        .orElseThrow(() -> new IllegalStateException("no invoice " + invoiceId));
  }

  private static String money(InvoiceDetail invoice, long minor) {
    return MoneyFormat.format(minor, invoice.currency());
  }

  private static String date(InvoiceDetail invoice, Instant instant) {
    ZoneId zone = invoice.billingTimeZone();
    return DATE.format(instant.atZone(zone));
  }
}
