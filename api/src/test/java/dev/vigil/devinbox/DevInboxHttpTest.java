package dev.vigil.devinbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver.Response;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DevInboxHttpTest extends AppTestBase {

  @Test
  void showsPagesAsJsonNewestFirstAndAsAPageForBrowsers() {
    Team team = newTeam(60);
    http()
        .postJson(
            "/v2/enqueue",
            """
        {"routing_key": "%s", "event_action": "trigger", "dedup_key": "inbox",
         "payload": {"summary": "<script>alert(1)</script> Disk full", "source": "s", "severity": "error"}}"""
                .formatted(team.routingKey()));
    await().atMost(Duration.ofSeconds(15)).until(() -> inboxCount(team.aliceEmail()) == 1);

    Response json = http().get("/dev/inbox", "Accept", "*/*");
    Response page = http().get("/dev/inbox", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");

    assertThat(json.contentType()).startsWith("application/json");
    // Other tests' incidents page into the same inbox meanwhile: the newest of Alice's.
    JsonNode newest =
        StreamSupport.stream(json.json().get("messages").spliterator(), false)
            .filter(m -> team.aliceEmail().equals(m.get("to").asString()))
            .findFirst()
            .orElseThrow();
    assertThat(newest.get("body").asString()).contains("Disk full");
    assertThat(newest.has("incident_number")).isTrue();
    assertThat(newest.get("channel").asString()).isIn("sms", "email");
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.body()).contains("Dev inbox", "&lt;script&gt;").doesNotContain("<script>alert");
  }

  @Test
  void showsTheBillingMailKeptForItNewestFirstButNotMailThatWentOut() {
    long account = setup.createAccount("Billing inbox", "US", "America/New_York");
    billingEmail(account, "invoice-1", "invoice", "Invoice <b>VIG-1</b>", "VIG-1.pdf", "dev-inbox");
    billingEmail(account, "reminder-1", "reminder", "Reminder: VIG-1 is due", null, "dev-inbox");
    billingEmail(account, "invoice-2", "invoice", "Sent for real", "VIG-2.pdf", "smtp-1");
    billingEmail(account, "invoice-3", "invoice", "Not sent yet", "VIG-3.pdf", null);

    Response json = http().get("/dev/inbox/billing", "Accept", "*/*");
    Response page = http().get("/dev/inbox", "Accept", "text/html");

    assertThat(json.status()).isEqualTo(200);
    assertThat(json.contentType()).startsWith("application/json");
    List<JsonNode> mine =
        StreamSupport.stream(json.json().get("messages").spliterator(), false)
            .filter(m -> m.get("account_id").asLong() == account)
            .toList();
    assertThat(mine)
        .extracting(m -> m.get("subject").asString())
        .containsExactly("Reminder: VIG-1 is due", "Invoice <b>VIG-1</b>");
    JsonNode invoice = mine.get(1);
    assertThat(invoice.get("kind").asString()).isEqualTo("invoice");
    assertThat(invoice.get("to").asString()).isEqualTo("ap@billing.example.com");
    assertThat(invoice.get("body").asString()).isEqualTo("Body of invoice-1");
    assertThat(invoice.get("attachment_name").asString()).isEqualTo("VIG-1.pdf");
    assertThat(mine.get(0).get("attachment_name").isNull()).isTrue();

    assertThat(page.body())
        .contains("Billing mail", "Invoice &lt;b&gt;VIG-1&lt;/b&gt;", "Attached: VIG-1.pdf")
        .contains("Reminder: VIG-1 is due")
        .doesNotContain("Sent for real")
        .doesNotContain("Not sent yet");
    assertThat(http().get("/dev/inbox/billing?limit=0", "Accept", "*/*").status()).isEqualTo(400);
  }

  private void billingEmail(
      long account,
      String key,
      String kind,
      String subject,
      String attachmentName,
      String provider) {
    jdbc.sql(
            """
            insert into billing_emails (account_id, idempotency_key, kind, recipient, subject, body,
                                        attachment_name, provider, sent_at)
            values (?, ?, ?, 'ap@billing.example.com', ?, ?, ?, ?,
                    case when ?::text is null then null else now() end)""")
        .params(
            account,
            account + "-" + key,
            kind,
            subject,
            "Body of " + key,
            attachmentName,
            provider,
            provider)
        .update();
  }
}
