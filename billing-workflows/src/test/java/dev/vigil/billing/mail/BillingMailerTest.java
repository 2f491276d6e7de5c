package dev.vigil.billing.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.vigil.testsupport.ActivitiesTestApplication;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Billing mail through two real SMTP servers (GreenMail) configured as the notification relays, the
 * way an installation configures {@code vigil.notifications.smtp[0..n]}.
 */
@SpringBootTest(classes = ActivitiesTestApplication.class)
class BillingMailerTest {

  static final int primaryPort = freePort();
  static final int backupPort = freePort();
  static GreenMail primary = relay(primaryPort);
  static GreenMail backup = relay(backupPort);

  static final byte[] PDF = "%PDF-1.7 an invoice\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

  @DynamicPropertySource
  static void relays(DynamicPropertyRegistry registry) {
    smtp(registry, 0, "billing-primary", primaryPort);
    smtp(registry, 1, "billing-backup", backupPort);
  }

  private static void smtp(DynamicPropertyRegistry registry, int index, String name, int port) {
    String prefix = "vigil.notifications.smtp[" + index + "].";
    registry.add(prefix + "name", () -> name);
    registry.add(prefix + "host", () -> "127.0.0.1");
    registry.add(prefix + "port", () -> port);
    registry.add(prefix + "from", () -> "Vigil Billing <billing@vigil.example.com>");
    registry.add(prefix + "connect-timeout", () -> "1s");
    registry.add(prefix + "read-timeout", () -> "1s");
  }

  @Autowired JdbcClient jdbc;
  @Autowired BillingMailer mailer;

  private long account;
  private long invoice;

  @BeforeEach
  void setUp() {
    primary = running(primary, primaryPort);
    backup = running(backup, backupPort);
    account = account(jdbc, "Mailed Co");
    invoice = invoice(jdbc, account);
  }

  @AfterAll
  static void stopRelays() {
    primary.stop();
    backup.stop();
  }

  @Test
  void theInvoiceArrivesWithItsPdf() throws Exception {
    BillingEmail email = invoiceEmail("invoice-" + invoice + "-issued");

    mailer.send(email);

    assertThat(backup.getReceivedMessages()).isEmpty();
    MimeMessage received = single(primary);
    assertThat(received.getSubject())
        .isEqualTo("Invoice VIG-T" + invoice + " from Vigil – 99.00 USD");
    assertThat(received.getAllRecipients())
        .extracting(Object::toString)
        .containsExactly("ap@mailed.example.com");
    assertThat(received.getFrom())
        .extracting(Object::toString)
        .containsExactly("Vigil Billing <billing@vigil.example.com>");
    assertThat(received.getHeader("X-Vigil-Billing")).containsExactly("invoice");
    MimeMultipart parts = (MimeMultipart) received.getContent();
    assertThat(parts.getContentType()).startsWith("multipart/mixed");
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(0).getContent())
        .isEqualTo("Your invoice is attached. Balance due: 99.00 USD.");
    BodyPart attachment = parts.getBodyPart(1);
    assertThat(attachment.getFileName()).isEqualTo("VIG-T" + invoice + ".pdf");
    assertThat(attachment.getContentType()).startsWith("application/pdf");
    assertThat(attachment.getDisposition()).isEqualTo(BodyPart.ATTACHMENT);
    assertThat(attachment.getInputStream().readAllBytes()).isEqualTo(PDF);

    Outbox row = outbox(email.idempotencyKey());
    assertThat(row.provider()).isEqualTo("billing-primary");
    assertThat(row.sentAt()).isNotNull();
    assertThat(row.attachmentName()).isEqualTo("VIG-T" + invoice + ".pdf");
    assertThat(received.getMessageID()).startsWith("<billing-" + row.id() + ".");
    assertThat(received.getMessageID()).endsWith("@vigil.example.com>");
  }

  @Test
  void aMailWithoutAttachmentIsPlainText() throws Exception {
    mailer.send(
        new BillingEmail(
            account,
            invoice,
            "invoice-" + invoice + "-reminder-7",
            "reminder",
            "ap@mailed.example.com",
            "Reminder: invoice due in 7 days",
            "Invoice VIG-T" + invoice + " is due on 31 Dec 2026.",
            null,
            null));

    MimeMessage received = single(primary);
    assertThat(received.getContentType()).startsWith("text/plain");
    assertThat(received.getContent())
        .isEqualTo("Invoice VIG-T" + invoice + " is due on 31 Dec 2026.");
  }

  @Test
  void theSameKeyIsDeliveredOnce() throws Exception {
    BillingEmail email = invoiceEmail("invoice-" + invoice + "-issued");

    mailer.send(email);
    mailer.send(email);

    assertThat(primary.getReceivedMessages()).hasSize(1);
    assertThat(backup.getReceivedMessages()).isEmpty();
    assertThat(
            jdbc.sql("select count(*) from billing_emails where account_id = ?")
                .param(account)
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void aStoppedFirstRelayFallsOverToTheSecond() throws Exception {
    primary.stop();
    BillingEmail email = invoiceEmail("invoice-" + invoice + "-issued");

    mailer.send(email);

    MimeMessage received = single(backup);
    assertThat(received.getAllRecipients())
        .extracting(Object::toString)
        .containsExactly("ap@mailed.example.com");
    assertThat(outbox(email.idempotencyKey()).provider()).isEqualTo("billing-backup");
  }

  @Test
  void withEveryRelayDownItThrowsAndTheRetrySendsIt() throws Exception {
    primary.stop();
    backup.stop();
    BillingEmail email = invoiceEmail("invoice-" + invoice + "-issued");

    assertThatThrownBy(() -> mailer.send(email))
        .isInstanceOf(BillingMailFailure.class)
        .hasMessageContaining(email.idempotencyKey());
    Outbox unsent = outbox(email.idempotencyKey());
    assertThat(unsent.provider()).isNull();
    assertThat(unsent.sentAt()).isNull();

    backup = running(backup, backupPort);
    mailer.send(email);

    assertThat(single(backup).getMessageID()).startsWith("<billing-" + unsent.id() + ".");
    assertThat(outbox(email.idempotencyKey()).provider()).isEqualTo("billing-backup");
  }

  @Test
  void aMalformedRecipientIsRefusedBeforeAnythingIsWritten() {
    BillingEmail email =
        new BillingEmail(
            account,
            invoice,
            "invoice-" + invoice + "-issued",
            "invoice",
            "ap@@mailed",
            "s",
            "b",
            null,
            null);

    assertThatThrownBy(() -> mailer.send(email)).isInstanceOf(IllegalArgumentException.class);
    assertThat(primary.getReceivedMessages()).isEmpty();
    assertThat(
            jdbc.sql("select count(*) from billing_emails where account_id = ?")
                .param(account)
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void anotherAccountsInvoiceOrKeyIsRefused() {
    long other = account(jdbc, "Other Co");
    mailer.send(invoiceEmail("invoice-" + invoice + "-issued"));

    BillingEmail sameKeyOtherAccount =
        new BillingEmail(
            other,
            null,
            "invoice-" + invoice + "-issued",
            "invoice",
            "ap@other.example.com",
            "s",
            "b",
            null,
            null);
    BillingEmail othersInvoice =
        new BillingEmail(
            other,
            invoice,
            "other-" + invoice,
            "invoice",
            "ap@other.example.com",
            "s",
            "b",
            null,
            null);

    assertThatThrownBy(() -> mailer.send(sameKeyOtherAccount))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> mailer.send(othersInvoice))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(primary.getReceivedMessages()).hasSize(1);
  }

  private BillingEmail invoiceEmail(String key) {
    return new BillingEmail(
        account,
        invoice,
        key,
        "invoice",
        "ap@mailed.example.com",
        "Invoice VIG-T" + invoice + " from Vigil – 99.00 USD",
        "Your invoice is attached. Balance due: 99.00 USD.",
        "VIG-T" + invoice + ".pdf",
        PDF);
  }

  private Outbox outbox(String key) {
    return jdbc.sql(
            """
            select id, provider, sent_at, attachment_name from billing_emails
            where idempotency_key = ?""")
        .param(key)
        .query(
            (rs, n) ->
                new Outbox(
                    rs.getLong("id"),
                    rs.getString("provider"),
                    rs.getObject("sent_at", OffsetDateTime.class) == null
                        ? null
                        : rs.getObject("sent_at", OffsetDateTime.class).toInstant(),
                    rs.getString("attachment_name")))
        .single();
  }

  private static MimeMessage single(GreenMail relay) {
    MimeMessage[] messages = relay.getReceivedMessages();
    assertThat(messages).hasSize(1);
    return messages[0];
  }

  static long account(JdbcClient jdbc, String name) {
    return jdbc.sql("insert into accounts (name) values (?) returning id")
        .param(name)
        .query(Long.class)
        .single();
  }

  /** An invoice row to hang the mail on; its content does not matter to the mailer. */
  static long invoice(JdbcClient jdbc, long account) {
    return jdbc.sql(
            """
            insert into invoices (account_id, number, period_start, period_end, billing_time_zone,
                                  currency, plan_version_id, collection_method)
            values (?, ?, '2026-11-01T04:00:00Z', '2026-12-01T05:00:00Z', 'America/New_York',
                    'USD', (select id from plan_versions where plan_code = 'team' and version = 1),
                    'check')
            returning id""")
        .params(account, "VIG-T" + UUID.randomUUID())
        .query(Long.class)
        .single();
  }

  private static GreenMail relay(int port) {
    GreenMail relay = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    relay.start();
    return relay;
  }

  /** The relay, started again if a test stopped it; its mailbox emptied. */
  private static GreenMail running(GreenMail relay, int port) {
    if (relay.isRunning()) {
      relay.reset();
      return relay;
    }
    return relay(port);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Outbox(long id, String provider, Instant sentAt, String attachmentName) {}
}
