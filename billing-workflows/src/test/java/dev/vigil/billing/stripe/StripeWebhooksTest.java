package dev.vigil.billing.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.billing.invoice.StripeInvoiceEvent;
import dev.vigil.billing.stripe.StripeTestInvoices.Invoice;
import dev.vigil.billing.stripe.StripeTestInvoices.Line;
import dev.vigil.testsupport.ActivitiesTestApplication;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Stripe's webhooks, signed here as Stripe documents it ({@code t=<unix>,v1=<hex
 * HMAC-SHA256(secret, t + "." + body)>}, computed without the SDK), against invoices in a real
 * PostgreSQL.
 */
@SpringBootTest(
    classes = ActivitiesTestApplication.class,
    properties = {
      "vigil.billing.stripe.webhook-secret=" + StripeWebhooksTest.SECRET,
      "vigil.billing.stripe.webhook-tolerance=5m"
    })
class StripeWebhooksTest {

  static final String SECRET = "whsec_vigil_test_endpoint_secret";

  @Autowired StripeWebhooks webhooks;
  @Autowired JdbcClient jdbc;

  StripeTestInvoices invoices;
  Invoice invoice;
  String stripeInvoiceId;

  @BeforeEach
  void aCardInvoiceMirroredToStripe() {
    invoices = new StripeTestInvoices(jdbc);
    long account = invoices.cardAccount("Hooked Inc", "billing@hooked.test");
    invoice = invoices.openInvoice(account, 3, Line.fee("Business plan, March 2026", 9900));
    stripeInvoiceId = "in_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    invoices.mirroredTo(invoice, "cus_Hooked0001", stripeInvoiceId);
  }

  @Test
  void aSignedInvoicePaidEventIsRoutedToOurInvoice() {
    String eventId = newEventId();
    String body = invoiceEvent(eventId, "invoice.paid", stripeInvoiceId, invoice.id(), 9900, "");

    Optional<RoutedStripeEvent> routed = webhooks.verify(body, sign(SECRET, now(), body));

    assertThat(routed)
        .contains(
            new RoutedStripeEvent(
                invoice.id(),
                new StripeInvoiceEvent(eventId, "invoice.paid", stripeInvoiceId, 9900, null)));
  }

  @Test
  void aPaymentFailedEventSaysWhy() {
    String eventId = newEventId();
    String body =
        invoiceEvent(
            eventId,
            "invoice.payment_failed",
            stripeInvoiceId,
            invoice.id(),
            0,
            ", \"attempt_count\": 2");

    assertThat(webhooks.verify(body, sign(SECRET, now(), body)))
        .contains(
            new RoutedStripeEvent(
                invoice.id(),
                new StripeInvoiceEvent(
                    eventId,
                    "invoice.payment_failed",
                    stripeInvoiceId,
                    0,
                    "Stripe could not collect the payment (attempt 2)")));
  }

  @Test
  void aFinalizationErrorIsTheFailureMessage() {
    String eventId = newEventId();
    String body =
        invoiceEvent(
            eventId,
            "invoice.payment_failed",
            stripeInvoiceId,
            invoice.id(),
            0,
            """
            , "last_finalization_error": {"type": "invalid_request_error",
               "message": "The customer has no payment method."}""");

    assertThat(webhooks.verify(body, sign(SECRET, now(), body)).orElseThrow().event())
        .extracting(StripeInvoiceEvent::failureMessage)
        .isEqualTo("The customer has no payment method.");
  }

  @Test
  void anEndpointOnAnOlderApiVersionIsStillUnderstood() {
    String eventId = newEventId();
    String body =
        invoiceEvent(eventId, "invoice.paid", stripeInvoiceId, invoice.id(), 9900, "")
            .replace("2026-07-29.dahlia", "2024-06-20");

    assertThat(webhooks.verify(body, sign(SECRET, now(), body)))
        .map(RoutedStripeEvent::invoiceId)
        .contains(invoice.id());
  }

  @Test
  void aChangedBodyIsRefused() {
    String body =
        invoiceEvent(newEventId(), "invoice.paid", stripeInvoiceId, invoice.id(), 100, "");
    String signature = sign(SECRET, now(), body);
    String tampered = body.replace("\"amount_paid\": 100", "\"amount_paid\": 9900");
    assertThat(tampered).isNotEqualTo(body);

    assertThatThrownBy(() -> webhooks.verify(tampered, signature))
        .isInstanceOf(InvalidStripeSignature.class)
        .hasMessage(
            "The Stripe-Signature header does not sign this body with the configured secret, or"
                + " its timestamp is too old");
  }

  @Test
  void aSignatureOlderThanTheToleranceIsRefusedAsAReplay() {
    String body =
        invoiceEvent(newEventId(), "invoice.paid", stripeInvoiceId, invoice.id(), 9900, "");

    assertThatThrownBy(() -> webhooks.verify(body, sign(SECRET, now() - 6 * 60, body)))
        .isInstanceOf(InvalidStripeSignature.class);
    // Within the tolerance it is believed.
    assertThat(webhooks.verify(body, sign(SECRET, now() - 4 * 60, body))).isPresent();
  }

  @Test
  void aSignatureWithAnotherSecretIsRefused() {
    String body =
        invoiceEvent(newEventId(), "invoice.paid", stripeInvoiceId, invoice.id(), 9900, "");

    assertThatThrownBy(() -> webhooks.verify(body, sign("whsec_someone_else", now(), body)))
        .isInstanceOf(InvalidStripeSignature.class)
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void noSignatureOrNoJsonIsRefused() {
    String body =
        invoiceEvent(newEventId(), "invoice.paid", stripeInvoiceId, invoice.id(), 9900, "");

    assertThatThrownBy(() -> webhooks.verify(body, null))
        .isInstanceOf(InvalidStripeSignature.class)
        .hasMessage("The Stripe-Signature header is missing");
    assertThatThrownBy(() -> webhooks.verify("not json", sign(SECRET, now(), "not json")))
        .isInstanceOf(InvalidStripeSignature.class)
        .hasMessage("The body is not a Stripe event");
  }

  @Test
  void otherEventTypesAreIgnored() {
    String body =
        invoiceEvent(newEventId(), "invoice.finalized", stripeInvoiceId, invoice.id(), 0, "");

    assertThat(webhooks.verify(body, sign(SECRET, now(), body))).isEmpty();
  }

  @Test
  void metadataNamingAnInvoiceMirroredToAnotherStripeInvoiceIsNotBelieved() {
    String body =
        invoiceEvent(newEventId(), "invoice.paid", "in_NotOurs0001", invoice.id(), 9900, "");

    assertThat(webhooks.verify(body, sign(SECRET, now(), body))).isEmpty();
  }

  @Test
  void aStripeInvoiceWithoutOurMetadataIsIgnored() {
    String body =
        """
        {"id": "%s", "object": "event", "api_version": "2026-07-29.dahlia", "type": "invoice.paid",
         "data": {"object": {"id": "%s", "object": "invoice", "status": "paid",
                             "amount_paid": 9900, "metadata": {}}}}"""
            .formatted(newEventId(), stripeInvoiceId);

    assertThat(webhooks.verify(body, sign(SECRET, now(), body))).isEmpty();
  }

  @Test
  void anEventIsHandledOnce() {
    String eventId = newEventId();
    String body = invoiceEvent(eventId, "invoice.paid", stripeInvoiceId, invoice.id(), 9900, "");
    String signature = sign(SECRET, now(), body);

    RoutedStripeEvent first = webhooks.verify(body, signature).orElseThrow();
    assertThat(webhooks.alreadyHandled(first.event().eventId())).isFalse();
    webhooks.markHandled(first.event().eventId(), first.event().type());

    // Stripe delivers it again (its retry, or someone replaying the request).
    RoutedStripeEvent replay = webhooks.verify(body, signature).orElseThrow();
    assertThat(webhooks.alreadyHandled(replay.event().eventId())).isTrue();
    webhooks.markHandled(replay.event().eventId(), replay.event().type());
    assertThat(
            jdbc.sql("select type from stripe_events where event_id = :id")
                .param("id", eventId)
                .query(String.class)
                .list())
        .containsExactly("invoice.paid");
  }

  @Test
  void withoutASecretNoWebhookIsBelieved() {
    StripeWebhooks unconfigured =
        new StripeWebhooks(new StripeSettings(null, null, null, null), jdbc);
    String body =
        invoiceEvent(newEventId(), "invoice.paid", stripeInvoiceId, invoice.id(), 9900, "");

    assertThatThrownBy(() -> unconfigured.verify(body, sign(SECRET, now(), body)))
        .isInstanceOf(InvalidStripeSignature.class)
        .hasMessageContaining("vigil.billing.stripe.webhook-secret");
  }

  /** An event as Stripe sends it; {@code extra} adds invoice fields (starting with a comma). */
  static String invoiceEvent(
      String eventId,
      String type,
      String stripeInvoiceId,
      long vigilInvoiceId,
      long amountPaid,
      String extra) {
    return """
        {
          "id": "%s",
          "object": "event",
          "api_version": "2026-07-29.dahlia",
          "created": %d,
          "livemode": false,
          "pending_webhooks": 1,
          "type": "%s",
          "data": {
            "object": {
              "id": "%s",
              "object": "invoice",
              "customer": "cus_Hooked0001",
              "currency": "usd",
              "status": "%s",
              "total": 9900,
              "amount_paid": %d,
              "metadata": {"vigil_invoice_id": "%d", "vigil_account_id": "1"}%s
            }
          }
        }"""
        .formatted(
            eventId,
            now(),
            type,
            stripeInvoiceId,
            type.equals("invoice.paid") ? "paid" : "open",
            amountPaid,
            vigilInvoiceId,
            extra);
  }

  /** The Stripe-Signature header Stripe would send for this body at this time. */
  static String sign(String secret, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static long now() {
    return Instant.now().getEpochSecond();
  }

  static String newEventId() {
    return "evt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
  }
}
