package dev.vigil.billing.mail;

import java.util.Objects;

/**
 * One billing mail to send: an invoice, a reminder, a failed payment notice.
 *
 * @param invoiceId the invoice it is about; null for mail about the account
 * @param idempotencyKey names the step that sends it, e.g. {@code invoice-42-issued}: the mail goes
 *     out once per key, however often the step is retried
 * @param kind what it is (invoice, reminder, payment_failed, ...), for the outbox and the dev inbox
 * @param attachmentName the attachment's file name, e.g. {@code VIG-000042.pdf}; null for none
 * @param attachment its bytes; null exactly when there is no attachment
 */
public record BillingEmail(
    long accountId,
    Long invoiceId,
    String idempotencyKey,
    String kind,
    String recipient,
    String subject,
    String body,
    String attachmentName,
    byte[] attachment) {

  public BillingEmail {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(body, "body");
    if ((attachmentName == null) != (attachment == null)) {
      throw new IllegalArgumentException("an attachment needs both a name and its bytes");
    }
  }

  /** Without the attachment's bytes. */
  @Override
  public String toString() {
    return "BillingEmail[accountId=%d, invoiceId=%s, idempotencyKey=%s, kind=%s, subject=%s, attachment=%s]"
        .formatted(
            accountId,
            invoiceId,
            idempotencyKey,
            kind,
            subject,
            attachmentName == null
                ? "none"
                : attachmentName + " (" + attachment.length + " bytes)");
  }
}
