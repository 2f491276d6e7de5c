package dev.vigil.billing.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.ActivitiesTestApplication;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An installation without SMTP relays keeps billing mail for the dev inbox. */
@SpringBootTest(classes = ActivitiesTestApplication.class)
class BillingMailerDevInboxTest {

  @Autowired JdbcClient jdbc;
  @Autowired BillingMailer mailer;

  @Test
  void withoutARelayTheMailIsKeptAsTheDevInboxsBillingMail() {
    long account = BillingMailerTest.account(jdbc, "Local Co");
    long invoice = BillingMailerTest.invoice(jdbc, account);
    BillingEmail email =
        new BillingEmail(
            account,
            invoice,
            "invoice-" + invoice + "-issued",
            "invoice",
            "ap@local.example.com",
            "Your invoice",
            "Attached.",
            "invoice.pdf",
            new byte[] {'%', 'P', 'D', 'F'});

    mailer.send(email);
    mailer.send(email);

    assertThat(
            jdbc.sql(
                    """
                    select invoice_id, kind, recipient, subject, body, attachment_name, provider,
                           sent_at is not null as sent
                    from billing_emails where account_id = ?""")
                .param(account)
                .query()
                .listOfRows())
        .containsExactly(
            Map.of(
                "invoice_id", invoice,
                "kind", "invoice",
                "recipient", "ap@local.example.com",
                "subject", "Your invoice",
                "body", "Attached.",
                "attachment_name", "invoice.pdf",
                "provider", "dev-inbox",
                "sent", true));
  }
}
