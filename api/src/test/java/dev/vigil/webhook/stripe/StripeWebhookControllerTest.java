package dev.vigil.webhook.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.billing.invoice.InvoiceWorkflow;
import dev.vigil.billing.invoice.StripeInvoiceEvent;
import dev.vigil.support.AppTestBase;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionSignaledEventAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DefaultDataConverter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stripe's webhook through the whole app: a card invoice's workflow is running in Temporal (started
 * on a task queue no worker polls, so what the webhook signals stays in its history for the test to
 * read), and Stripe's events arrive signed as Stripe signs them.
 */
class StripeWebhookControllerTest extends AppTestBase {

  static final String SECRET = "whsec_vigil_app_test_secret";
  static final String UNPOLLED_QUEUE = "stripe-webhook-test-unpolled";

  @DynamicPropertySource
  static void stripe(DynamicPropertyRegistry registry) {
    registry.add("vigil.billing.stripe.webhook-secret", () -> SECRET);
  }

  @Autowired WorkflowClient temporal;

  long invoiceId;
  String stripeInvoiceId;
  WorkflowStub workflow;

  @BeforeEach
  void aCardInvoiceWithItsWorkflow() {
    long account =
        jdbc.sql("insert into accounts (name) values ('Café Webhooks') returning id")
            .query(Long.class)
            .single();
    jdbc.sql(
            """
            insert into billing_profiles
              (account_id, collection_method, billing_time_zone, billing_email, billing_starts_at,
               stripe_customer_id)
            values (?, 'card', 'UTC', 'billing@webhooks.test', now(), 'cus_Webhooks0001')
            """)
        .param(account)
        .update();
    stripeInvoiceId = "in_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    invoiceId =
        jdbc.sql(
                """
                insert into invoices
                  (account_id, number, period_start, period_end, billing_time_zone, currency,
                   plan_version_id, collection_method, status, total_minor, stripe_invoice_id)
                values (?, ?, timestamptz '2026-03-01 00:00:00+00',
                        timestamptz '2026-04-01 00:00:00+00', 'UTC', 'USD',
                        (select id from plan_versions where plan_code = 'team' and version = 1),
                        'card', 'open', 1900, ?)
                returning id
                """)
            .params(
                account, "VIG-W" + UUID.randomUUID().toString().substring(0, 8), stripeInvoiceId)
            .query(Long.class)
            .single();
    workflow =
        temporal.newUntypedWorkflowStub(
            "InvoiceWorkflow",
            WorkflowOptions.newBuilder()
                .setWorkflowId(InvoiceWorkflow.workflowId(invoiceId))
                .setTaskQueue(UNPOLLED_QUEUE)
                .build());
    workflow.start(invoiceId);
  }

  @AfterEach
  void endWorkflow() {
    try {
      workflow.terminate("test over");
    } catch (WorkflowNotFoundException alreadyEnded) {
      // the test ended it
    }
  }

  @Test
  void aSignedPaidEventIsSignalledToTheInvoiceWorkflowOnce() throws Exception {
    String eventId = newEventId();
    String body = invoiceEvent(eventId, "invoice.paid", stripeInvoiceId, invoiceId, 1900);

    HttpResponse<String> response = post(body, sign(SECRET, body));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(signals())
        .containsExactly(
            new StripeInvoiceEvent(eventId, "invoice.paid", stripeInvoiceId, 1900, null));
    assertThat(handledTypes(eventId)).containsExactly("invoice.paid");

    // Stripe delivers it again: answered, not signalled again.
    assertThat(post(body, sign(SECRET, body)).statusCode()).isEqualTo(200);
    assertThat(signals()).hasSize(1);
  }

  @Test
  void anUnsignedOrTamperedEventIsRefusedWithTheApiErrorShape() throws Exception {
    String body = invoiceEvent(newEventId(), "invoice.paid", stripeInvoiceId, invoiceId, 1900);
    String signature = sign(SECRET, body);

    HttpResponse<String> tampered = post(body.replace("1900", "19"), signature);
    HttpResponse<String> unsigned = post(body, null);

    assertThat(tampered.statusCode()).isEqualTo(400);
    JsonNode error = JsonMapper.builder().build().readTree(tampered.body()).get("error");
    assertThat(error.get("code").asString()).isEqualTo("invalid_signature");
    assertThat(error.get("message").asString())
        .isEqualTo(
            "The Stripe-Signature header does not sign this body with the configured secret, or"
                + " its timestamp is too old");
    assertThat(unsigned.statusCode()).isEqualTo(400);
    assertThat(unsigned.body()).contains("The Stripe-Signature header is missing");
    assertThat(signals()).isEmpty();
  }

  @Test
  void eventsThatAreNotOursOrNotAboutPaymentAreAcknowledgedAndIgnored() throws Exception {
    String finalized = newEventId();
    String notOurs = newEventId();
    String otherType = invoiceEvent(finalized, "invoice.finalized", stripeInvoiceId, invoiceId, 0);
    String otherInvoice = invoiceEvent(notOurs, "invoice.paid", "in_ElsewhereX1", invoiceId, 1900);

    assertThat(post(otherType, sign(SECRET, otherType)).statusCode()).isEqualTo(200);
    assertThat(post(otherInvoice, sign(SECRET, otherInvoice)).statusCode()).isEqualTo(200);
    assertThat(signals()).isEmpty();
    assertThat(handledTypes(finalized)).isEmpty();
    assertThat(handledTypes(notOurs)).isEmpty();
  }

  @Test
  void anEventForAnInvoiceWhoseWorkflowHasEndedIsAcknowledged() throws Exception {
    workflow.terminate("closed before Stripe's event arrived");
    String eventId = newEventId();
    String body = invoiceEvent(eventId, "invoice.payment_failed", stripeInvoiceId, invoiceId, 0);

    assertThat(post(body, sign(SECRET, body)).statusCode()).isEqualTo(200);
    assertThat(handledTypes(eventId)).containsExactly("invoice.payment_failed");
  }

  @Test
  void aPaymentForAnInvoiceVoidedMeanwhileIsKeptAsAccountCredit() throws Exception {
    jdbc.sql("update invoices set status = 'void' where id = ?").param(invoiceId).update();
    workflow.terminate("voided before the customer's payment arrived");
    String eventId = newEventId();
    String body = invoiceEvent(eventId, "invoice.paid", stripeInvoiceId, invoiceId, 1900);

    assertThat(post(body, sign(SECRET, body)).statusCode()).isEqualTo(200);
    assertThat(post(body, sign(SECRET, body)).statusCode()).as("replayed").isEqualTo(200);
    assertThat(
            jdbc.sql("select amount_minor from payments where invoice_id = ?")
                .param(invoiceId)
                .query(Long.class)
                .list())
        .as("the money is on the ledger once")
        .containsExactly(1900L);
    assertThat(
            jdbc.sql("select amount_minor from account_credits where invoice_id = ?")
                .param(invoiceId)
                .query(Long.class)
                .list())
        .as("as credit, the invoice being void")
        .containsExactly(1900L);
  }

  private List<StripeInvoiceEvent> signals() {
    String workflowId = InvoiceWorkflow.workflowId(invoiceId);
    return temporal.fetchHistory(workflowId).getHistory().getEventsList().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
        .map(HistoryEvent::getWorkflowExecutionSignaledEventAttributes)
        .filter(s -> s.getSignalName().equals("stripeEvent"))
        .map(StripeWebhookControllerTest::event)
        .toList();
  }

  private static StripeInvoiceEvent event(WorkflowExecutionSignaledEventAttributes signal) {
    return DefaultDataConverter.newDefaultInstance()
        .fromPayloads(
            0, Optional.of(signal.getInput()), StripeInvoiceEvent.class, StripeInvoiceEvent.class);
  }

  private List<String> handledTypes(String eventId) {
    return jdbc.sql("select type from stripe_events where event_id = ?")
        .param(eventId)
        .query(String.class)
        .list();
  }

  private HttpResponse<String> post(String body, String signature)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/stripe"))
            .header("Content-Type", "application/json; charset=utf-8")
            .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (signature != null) {
      request.header("Stripe-Signature", signature);
    }
    return HttpClient.newHttpClient()
        .send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** An event as Stripe sends it; the customer's name is not ASCII, as the signed bytes may be. */
  static String invoiceEvent(
      String eventId, String type, String stripeInvoiceId, long vigilInvoiceId, long amountPaid) {
    return """
        {
          "id": "%s",
          "object": "event",
          "api_version": "2026-07-29.dahlia",
          "created": %d,
          "livemode": false,
          "type": "%s",
          "data": {
            "object": {
              "id": "%s",
              "object": "invoice",
              "customer": "cus_Webhooks0001",
              "customer_name": "Café Webhooks",
              "currency": "usd",
              "status": "%s",
              "total": 1900,
              "amount_paid": %d,
              "metadata": {"vigil_invoice_id": "%d"}
            }
          }
        }"""
        .formatted(
            eventId,
            Instant.now().getEpochSecond(),
            type,
            stripeInvoiceId,
            type.equals("invoice.paid") ? "paid" : "open",
            amountPaid,
            vigilInvoiceId);
  }

  /** {@code t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}, as Stripe documents it. */
  static String sign(String secret, String body) throws Exception {
    long timestamp = Instant.now().getEpochSecond();
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
    return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
  }

  static String newEventId() {
    return "evt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
  }
}
