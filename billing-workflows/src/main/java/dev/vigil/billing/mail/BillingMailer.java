package dev.vigil.billing.mail;

import dev.vigil.notification.delivery.NotificationSettings;
import dev.vigil.notification.smtp.SmtpSessions;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sends billing mail once per idempotency key. Each mail is first written to {@code billing_emails}
 * (the outbox), then handed to the configured SMTP relays ({@code vigil.notifications.smtp[0..n]})
 * in order: the first that accepts it wins, a relay that fails passes it to the next, and when all
 * fail {@link BillingMailFailure} is thrown so the calling activity retries. With no relay
 * configured the outbox row is the mail: the dev inbox shows it.
 *
 * <p>Once means at least once, not exactly once: when a relay has accepted the message and the
 * process dies before {@code sent_at} is written, the retry sends it again. The message keeps the
 * same Message-ID on every attempt, so mail systems that collapse duplicates show it once.
 */
@Component
public class BillingMailer {

  /** The provider recorded for mail kept in the outbox because no relay is configured. */
  public static final String DEV_INBOX = "dev-inbox";

  private static final Logger log = LoggerFactory.getLogger(BillingMailer.class);

  private final JdbcClient jdbc;
  private final List<Relay> relays;

  public BillingMailer(JdbcClient jdbc, NotificationSettings settings) {
    this.jdbc = jdbc;
    this.relays =
        settings.smtp().stream().map(smtp -> new Relay(smtp, SmtpSessions.forRelay(smtp))).toList();
  }

  public void send(BillingEmail email) {
    InternetAddress recipient = recipient(email);
    requireInvoiceOfAccount(email);
    jdbc.sql(
            """
            insert into billing_emails (account_id, invoice_id, idempotency_key, kind, recipient,
                                        subject, body, attachment_name)
            values (:account, :invoice, :key, :kind, :recipient, :subject, :body, :attachment)
            on conflict (idempotency_key) do nothing
            """)
        .param("account", email.accountId())
        .param("invoice", email.invoiceId(), java.sql.Types.BIGINT)
        .param("key", email.idempotencyKey())
        .param("kind", email.kind())
        .param("recipient", email.recipient())
        .param("subject", email.subject())
        .param("body", email.body())
        .param("attachment", email.attachmentName(), java.sql.Types.VARCHAR)
        .update();
    Outbox row =
        jdbc.sql(
                """
                select id, created_at, sent_at from billing_emails
                where idempotency_key = :key and account_id = :account
                """)
            .param("key", email.idempotencyKey())
            .param("account", email.accountId())
            .query(
                (rs, n) ->
                    new Outbox(
                        rs.getLong("id"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("sent_at", OffsetDateTime.class) != null))
            .optional()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "billing mail key " + email.idempotencyKey() + " is another account's"));
    if (row.sent()) {
      return;
    }
    if (relays.isEmpty()) {
      log.info("No SMTP relay configured: billing mail {} is kept in the dev inbox", row.id());
      markSent(row.id(), DEV_INBOX);
      return;
    }
    BillingMailFailure failure = null;
    for (Relay relay : relays) {
      try {
        SmtpSessions.send(relay.session(), relay.settings(), message(relay, row, email, recipient));
      } catch (MessagingException e) {
        log.warn(
            "SMTP relay {} did not take billing mail {}: {}", relay.settings().name(), row.id(), e);
        if (failure == null) {
          failure =
              new BillingMailFailure(
                  "no SMTP relay took billing mail " + email.idempotencyKey(), e);
        } else {
          failure.addSuppressed(e);
        }
        continue;
      }
      // The relay has the message. Should the process die before this update, the retry finds
      // sent_at unset and sends it again: at least once, never silently lost.
      markSent(row.id(), relay.settings().name());
      return;
    }
    throw failure;
  }

  private static InternetAddress recipient(BillingEmail email) {
    try {
      return new InternetAddress(email.recipient(), true);
    } catch (AddressException e) {
      // No relay would take it, now or later: the billing profile's address needs fixing.
      throw new IllegalArgumentException(
          "billing mail " + email.idempotencyKey() + ": the recipient is not an email address", e);
    }
  }

  private void requireInvoiceOfAccount(BillingEmail email) {
    if (email.invoiceId() == null) {
      return;
    }
    boolean ours =
        jdbc.sql("select exists (select 1 from invoices where id = :id and account_id = :account)")
            .param("id", email.invoiceId())
            .param("account", email.accountId())
            .query(Boolean.class)
            .single();
    if (!ours) {
      throw new IllegalArgumentException(
          "invoice " + email.invoiceId() + " is not account " + email.accountId() + "'s");
    }
  }

  private void markSent(long id, String provider) {
    jdbc.sql("update billing_emails set provider = :provider, sent_at = now() where id = :id")
        .param("provider", provider)
        .param("id", id)
        .update();
  }

  private static MimeMessage message(
      Relay relay, Outbox row, BillingEmail email, InternetAddress recipient)
      throws MessagingException {
    InternetAddress from = new InternetAddress(relay.settings().from(), true);
    String messageId =
        "<billing-%d.%d@%s>"
            .formatted(row.id(), row.createdAt().toEpochMilli(), domain(from.getAddress()));
    MimeMessage mime =
        new MimeMessage(relay.session()) {
          @Override
          protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
          }
        };
    mime.setFrom(from);
    mime.setRecipient(Message.RecipientType.TO, recipient);
    mime.setSubject(email.subject(), "UTF-8");
    mime.setSentDate(new Date());
    mime.setHeader("X-Vigil-Billing", email.kind());
    if (email.attachment() == null) {
      mime.setText(email.body(), "UTF-8");
    } else {
      MimeMultipart mixed = new MimeMultipart("mixed");
      MimeBodyPart text = new MimeBodyPart();
      text.setText(email.body(), "UTF-8");
      mixed.addBodyPart(text);
      MimeBodyPart attachment = new MimeBodyPart();
      attachment.setDataHandler(
          new DataHandler(
              new ByteArrayDataSource(email.attachment(), contentType(email.attachmentName()))));
      attachment.setFileName(email.attachmentName());
      attachment.setDisposition(MimeBodyPart.ATTACHMENT);
      // Binary, whatever it looks like: left to guess, Jakarta Mail sends an ASCII-looking file as
      // 7bit, and the line ends of the file change on the way.
      attachment.setHeader("Content-Transfer-Encoding", "base64");
      mixed.addBodyPart(attachment);
      mime.setContent(mixed);
    }
    mime.saveChanges();
    return mime;
  }

  private static String contentType(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".pdf")) {
      return "application/pdf";
    }
    if (name.endsWith(".csv")) {
      return "text/csv";
    }
    return "application/octet-stream";
  }

  private static String domain(String address) {
    int at = address.lastIndexOf('@');
    return at < 0 ? "localhost" : address.substring(at + 1);
  }

  private record Relay(NotificationSettings.Smtp settings, Session session) {}

  private record Outbox(long id, Instant createdAt, boolean sent) {}
}
