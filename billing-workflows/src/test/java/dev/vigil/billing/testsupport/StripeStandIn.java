package dev.vigil.billing.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A local stand-in for Stripe's API (WireMock): the real stripe-java client, pointed at it through
 * {@code vigil.billing.stripe.api-base}, makes real HTTP requests, answered with Stripe-shaped
 * JSON. Records every request so tests can read the form fields and idempotency keys that were
 * sent.
 */
public final class StripeStandIn {

  private final WireMockServer server;

  public StripeStandIn() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  public void reset() {
    server.resetAll();
  }

  /** Forgets the requests received so far, keeping the stubs. */
  public void forgetRequests() {
    server.resetRequests();
  }

  public void createsCustomer(String customerId) {
    stub(
        post(urlPathEqualTo("/v1/customers")),
        200,
        """
        {"id": "%s", "object": "customer", "livemode": false}"""
            .formatted(customerId));
  }

  public void createsInvoice(String stripeInvoiceId) {
    stub(
        post(urlPathEqualTo("/v1/invoices")),
        200,
        """
        {"id": "%s", "object": "invoice", "status": "draft", "total": 0, "amount_paid": 0,
         "livemode": false}"""
            .formatted(stripeInvoiceId));
  }

  public void createsInvoiceItems() {
    stub(
        post(urlPathEqualTo("/v1/invoiceitems")),
        200,
        """
        {"id": "ii_{{randomValue length=24 type='ALPHANUMERIC'}}", "object": "invoiceitem",
         "livemode": false}""");
  }

  /** Invoice items whose form holds {@code formFragment} (e.g. "amount=-1000") fail with a 500. */
  public void failsInvoiceItemsWith(String formFragment) {
    server.stubFor(
        post(urlPathEqualTo("/v1/invoiceitems"))
            .withRequestBody(containing(formFragment))
            .atPriority(1)
            .willReturn(error(500, "api_error", null, null, "An unknown error occurred")));
  }

  public void finalizes(String stripeInvoiceId, long total) {
    stub(
        post(urlPathEqualTo("/v1/invoices/" + stripeInvoiceId + "/finalize")),
        200,
        invoice(stripeInvoiceId, "open", total, 0));
  }

  public void finalizeFails(String stripeInvoiceId, int status) {
    server.stubFor(
        post(urlPathEqualTo("/v1/invoices/" + stripeInvoiceId + "/finalize"))
            .willReturn(error(status, "api_error", null, null, "An unknown error occurred")));
  }

  public void invoiceIs(String stripeInvoiceId, String status, long total, long amountPaid) {
    stub(
        get(urlPathEqualTo("/v1/invoices/" + stripeInvoiceId)),
        200,
        invoice(stripeInvoiceId, status, total, amountPaid));
  }

  /** The Stripe invoice's items: one per given line id of ours, as Stripe lists them. */
  public void hasItems(String stripeInvoiceId, long vigilInvoiceId, List<Long> lineIds) {
    String data =
        lineIds.stream()
            .map(
                id ->
                    """
                    {"id": "ii_%d", "object": "invoiceitem", "invoice": "%s",
                     "metadata": {"vigil_invoice_id": "%d", "vigil_invoice_line_id": "%d"}}"""
                        .formatted(id, stripeInvoiceId, vigilInvoiceId, id))
            .collect(Collectors.joining(","));
    stub(
        get(urlPathEqualTo("/v1/invoiceitems")).withQueryParam("invoice", equalTo(stripeInvoiceId)),
        200,
        """
        {"object": "list", "url": "/v1/invoiceitems", "has_more": false, "data": [%s]}"""
            .formatted(data));
  }

  /** Credit notes are created, each answered with this id and the amount asked for. */
  public void createsCreditNotes(String creditNoteId) {
    stub(
        post(urlPathEqualTo("/v1/credit_notes")),
        200,
        """
        {"id": "%s", "object": "credit_note", "status": "issued", "type": "pre_payment",
         "currency": "usd", "livemode": false}"""
            .formatted(creditNoteId));
  }

  public void voids(String stripeInvoiceId, long total) {
    stub(
        post(urlPathEqualTo("/v1/invoices/" + stripeInvoiceId + "/void")),
        200,
        invoice(stripeInvoiceId, "void", total, 0));
  }

  public void pays(String stripeInvoiceId, long amountPaid) {
    stub(
        post(urlPathEqualTo("/v1/invoices/" + stripeInvoiceId + "/pay")),
        200,
        invoice(stripeInvoiceId, "paid", amountPaid, amountPaid));
  }

  /** The invoice's one paid payment, by this PaymentIntent (Stripe's invoice payments list). */
  public void invoicePaidBy(String stripeInvoiceId, String paymentIntentId, long amount) {
    stub(
        get(urlPathEqualTo("/v1/invoice_payments"))
            .withQueryParam("invoice", equalTo(stripeInvoiceId)),
        200,
        """
        {"object": "list", "url": "/v1/invoice_payments", "has_more": false, "data": [
          {"id": "inpay_%s", "object": "invoice_payment", "invoice": "%s", "status": "paid",
           "amount_paid": %d, "currency": "usd", "is_default": true, "livemode": false,
           "payment": {"type": "payment_intent", "payment_intent": "%s"}}]}"""
            .formatted(paymentIntentId, stripeInvoiceId, amount, paymentIntentId));
  }

  /** Refunds succeed, each answered with this refund id. */
  public void refunds(String refundId) {
    stub(
        post(urlPathEqualTo("/v1/refunds")),
        200,
        """
        {"id": "%s", "object": "refund", "status": "succeeded", "currency": "usd"}"""
            .formatted(refundId));
  }

  /** Refunds are refused as Stripe refuses one over what is left of the charge (400). */
  public void refusesRefunds(String message) {
    server.stubFor(
        post(urlPathEqualTo("/v1/refunds"))
            .willReturn(error(400, "invalid_request_error", "amount_too_large", null, message)));
  }

  /** Paying answers as Stripe does when the card is declined (402, a card_error). */
  public void declines(String stripeInvoiceId, String code, String declineCode, String message) {
    server.stubFor(
        post(urlPathEqualTo("/v1/invoices/" + stripeInvoiceId + "/pay"))
            .willReturn(error(402, "card_error", code, declineCode, message)));
  }

  /** Paying answers as Stripe does when the card's bank wants the cardholder to authenticate. */
  public void requiresAction(String stripeInvoiceId) {
    server.stubFor(
        post(urlPathEqualTo("/v1/invoices/" + stripeInvoiceId + "/pay"))
            .willReturn(
                error(
                    402,
                    "card_error",
                    "invoice_payment_intent_requires_action",
                    null,
                    "This payment requires additional user action before it can be completed"
                        + " successfully.")));
  }

  public void payFails(
      String stripeInvoiceId, int status, String type, String code, String message) {
    server.stubFor(
        post(urlPathEqualTo("/v1/invoices/" + stripeInvoiceId + "/pay"))
            .willReturn(error(status, type, code, null, message)));
  }

  /** Every request received, in order. */
  public List<LoggedRequest> requests() {
    return server.getAllServeEvents().stream()
        .map(e -> (LoggedRequest) e.getRequest())
        .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
        .toList();
  }

  /** "POST /v1/invoices" for each request, in order. */
  public List<String> calls() {
    return requests().stream()
        .map(r -> r.getMethod().getName() + " " + URI.create(r.getUrl()).getPath())
        .toList();
  }

  public List<LoggedRequest> posts(String path) {
    return requests().stream()
        .filter(r -> r.getMethod().getName().equals("POST"))
        .filter(r -> URI.create(r.getUrl()).getPath().equals(path))
        .toList();
  }

  public static String idempotencyKey(LoggedRequest request) {
    return request.getHeader("Idempotency-Key");
  }

  /** A request's form fields; Stripe's nested fields keep their bracketed names. */
  public static Map<String, String> form(LoggedRequest request) {
    Map<String, String> form = new LinkedHashMap<>();
    String body = request.getBodyAsString();
    if (body.isEmpty()) {
      return form;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      form.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return form;
  }

  public void stop() {
    server.stop();
  }

  private static String invoice(String id, String status, long total, long amountPaid) {
    return """
        {"id": "%s", "object": "invoice", "status": "%s", "total": %d, "amount_paid": %d,
         "currency": "usd", "livemode": false,
         "hosted_invoice_url": "https://invoice.stripe.com/i/%s"}"""
        .formatted(id, status, total, amountPaid, id);
  }

  private void stub(MappingBuilder request, int status, String body) {
    server.stubFor(
        request.willReturn(
            aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_test")
                .withBody(body)
                .withTransformers("response-template")));
  }

  private static ResponseDefinitionBuilder error(
      int status, String type, String code, String declineCode, String message) {
    StringBuilder error = new StringBuilder("{\"type\": \"" + type + "\"");
    if (code != null) {
      error.append(", \"code\": \"").append(code).append('"');
    }
    if (declineCode != null) {
      error.append(", \"decline_code\": \"").append(declineCode).append('"');
    }
    error.append(", \"message\": \"").append(message).append("\"}");
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withHeader("Request-Id", "req_test")
        .withBody("{\"error\": " + error + "}");
  }
}
