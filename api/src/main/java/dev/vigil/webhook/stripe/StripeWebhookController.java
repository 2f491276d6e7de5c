package dev.vigil.webhook.stripe;

import dev.vigil.billing.invoice.InvoiceActivities;
import dev.vigil.billing.invoice.InvoiceWorkflow;
import dev.vigil.billing.invoice.StripeInvoiceEvent;
import dev.vigil.billing.stripe.InvalidStripeSignature;
import dev.vigil.billing.stripe.RoutedStripeEvent;
import dev.vigil.billing.stripe.StripeWebhooks;
import dev.vigil.web.ApiException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stripe's webhook endpoint ({@code POST /webhooks/stripe}; subscribe it to {@code invoice.paid}
 * and {@code invoice.payment_failed}). The body is taken raw: the signature covers its exact bytes.
 *
 * <p>A request not signed with the endpoint's secret gets 400 and changes nothing. A verified event
 * about one of our card invoices is signalled to that invoice's workflow, then remembered; if the
 * process dies in between, Stripe's retry signals again and the workflow, which acts on each event
 * id once, ignores the repeat. Everything else verified is answered 200, so Stripe does not retry
 * it for days: other event types, invoices that are not ours, and events already handled. A payment
 * for an invoice whose workflow is no longer running is recorded on the ledger directly.
 */
@RestController
class StripeWebhookController {

  private static final Logger log = LoggerFactory.getLogger(StripeWebhookController.class);

  private final StripeWebhooks webhooks;
  private final WorkflowClient temporal;

  private final InvoiceActivities ledger;

  StripeWebhookController(
      StripeWebhooks webhooks, WorkflowClient temporal, InvoiceActivities ledger) {
    this.webhooks = webhooks;
    this.temporal = temporal;
    this.ledger = ledger;
  }

  @PostMapping("/webhooks/stripe")
  ResponseEntity<Void> receive(
      @RequestBody(required = false) String payload,
      @RequestHeader(name = "Stripe-Signature", required = false) String signature) {
    Optional<RoutedStripeEvent> routed;
    try {
      routed = webhooks.verify(payload, signature);
    } catch (InvalidStripeSignature e) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST, "invalid_signature", e.getMessage(), List.of());
    }
    if (routed.isEmpty()) {
      return ResponseEntity.ok().build();
    }
    StripeInvoiceEvent event = routed.get().event();
    if (webhooks.alreadyHandled(event.eventId())) {
      return ResponseEntity.ok().build();
    }
    long invoiceId = routed.get().invoiceId();
    try {
      temporal
          .newWorkflowStub(InvoiceWorkflow.class, InvoiceWorkflow.workflowId(invoiceId))
          .stripeEvent(event);
    } catch (WorkflowNotFoundException e) {
      if (event.type().equals(StripeInvoiceEvent.PAID) && event.amountPaidMinor() > 0) {
        // A payment for an invoice whose workflow ended (voided here while the customer paid on
        // Stripe's page) is money received: it goes on the ledger, as credit if the invoice is
        // closed. The payment's reference makes a repeat of this a no-op.
        ledger.recordCardPayment(invoiceId, event.amountPaidMinor(), event.paymentReference());
      }
      log.warn(
          "Stripe event {} ({}) is about invoice {}, whose workflow is not running; recorded on"
              + " the ledger only",
          event.eventId(),
          event.type(),
          invoiceId);
    }
    webhooks.markHandled(event.eventId(), event.type());
    return ResponseEntity.ok().build();
  }
}
