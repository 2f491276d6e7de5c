package dev.vigil.billing.stripe;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.StripeObject;
import com.stripe.net.Webhook;
import dev.vigil.billing.invoice.StripeInvoiceEvent;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stripe's webhooks about card invoices: verified against the endpoint's signing secret, routed to
 * our invoice, and remembered so a replayed event is acted on once.
 *
 * <p>Only {@code invoice.paid} and {@code invoice.payment_failed} matter; other events are
 * acknowledged and ignored. An event is routed to our invoice only when the Stripe invoice it is
 * about is the one we stored for the invoice its metadata names: metadata is editable in Stripe's
 * dashboard, and one Stripe account may serve several installations.
 */
@Component
public class StripeWebhooks {

  private static final Logger log = LoggerFactory.getLogger(StripeWebhooks.class);

  private final StripeSettings settings;
  private final JdbcClient jdbc;

  public StripeWebhooks(StripeSettings settings, JdbcClient jdbc) {
    this.settings = settings;
    this.jdbc = jdbc;
  }

  /**
   * Checks the {@code Stripe-Signature} header against the raw body and, for an invoice event about
   * one of our invoices, says which invoice and what happened.
   *
   * @throws InvalidStripeSignature when the request is not provably from Stripe
   */
  public Optional<RoutedStripeEvent> verify(String payload, String signatureHeader) {
    if (!settings.hasWebhookSecret()) {
      throw new InvalidStripeSignature(
          "Stripe webhooks are not configured: set vigil.billing.stripe.webhook-secret"
              + " (STRIPE_WEBHOOK_SECRET)");
    }
    if (payload == null || payload.isEmpty()) {
      throw new InvalidStripeSignature("The request has no body");
    }
    if (signatureHeader == null || signatureHeader.isBlank()) {
      throw new InvalidStripeSignature("The Stripe-Signature header is missing");
    }
    Event event;
    try {
      event =
          Webhook.constructEvent(
              payload,
              signatureHeader,
              settings.webhookSecret(),
              settings.webhookTolerance().toSeconds());
    } catch (SignatureVerificationException e) {
      throw new InvalidStripeSignature(
          "The Stripe-Signature header does not sign this body with the configured secret,"
              + " or its timestamp is too old");
    } catch (RuntimeException e) {
      // The body is parsed before the signature is checked: garbage fails here.
      throw new InvalidStripeSignature("The body is not a Stripe event");
    }
    String type = event.getType();
    if (!StripeInvoiceEvent.PAID.equals(type) && !StripeInvoiceEvent.PAYMENT_FAILED.equals(type)) {
      return Optional.empty();
    }
    Invoice invoice = invoiceOf(event);
    if (invoice == null) {
      log.warn("Stripe event {} ({}) carries no invoice; ignored", event.getId(), type);
      return Optional.empty();
    }
    return ourInvoice(invoice)
        .map(
            invoiceId ->
                new RoutedStripeEvent(
                    invoiceId,
                    new StripeInvoiceEvent(
                        event.getId(),
                        type,
                        // The same reference StripeCardPayments.charge gives: see its Javadoc.
                        invoice.getId(),
                        invoice.getAmountPaid() == null ? 0 : invoice.getAmountPaid(),
                        StripeInvoiceEvent.PAID.equals(type) ? null : failureMessage(invoice))));
  }

  /** Whether this event was already acted on (a retry or replay of a delivered event). */
  public boolean alreadyHandled(String eventId) {
    return jdbc.sql("select exists (select 1 from stripe_events where event_id = :id)")
        .param("id", eventId)
        .query(Boolean.class)
        .single();
  }

  /** Remembers that this event was acted on; marking it twice is harmless. */
  public void markHandled(String eventId, String type) {
    jdbc.sql(
            """
            insert into stripe_events (event_id, type) values (:id, :type)
            on conflict (event_id) do nothing
            """)
        .param("id", eventId)
        .param("type", type)
        .update();
  }

  private Optional<Long> ourInvoice(Invoice stripeInvoice) {
    String claimed =
        stripeInvoice.getMetadata() == null
            ? null
            : stripeInvoice.getMetadata().get("vigil_invoice_id");
    if (claimed == null || !claimed.matches("[1-9][0-9]{0,18}")) {
      log.info(
          "Stripe invoice {} is not one of Vigil's; its event is ignored", stripeInvoice.getId());
      return Optional.empty();
    }
    Optional<Long> invoiceId =
        jdbc.sql("select id from invoices where id = :id and stripe_invoice_id = :stripe")
            .param("id", Long.parseLong(claimed))
            .param("stripe", stripeInvoice.getId())
            .query(Long.class)
            .optional();
    if (invoiceId.isEmpty()) {
      log.warn(
          "Stripe invoice {} names invoice {} in its metadata, which is not mirrored to it here;"
              + " its event is ignored",
          stripeInvoice.getId(),
          claimed);
    }
    return invoiceId;
  }

  private static Invoice invoiceOf(Event event) {
    // An endpoint on another API version than the SDK's still sends the fields read here.
    Optional<StripeObject> object = event.getDataObjectDeserializer().getObject();
    StripeObject data;
    if (object.isPresent()) {
      data = object.get();
    } else {
      try {
        data = event.getDataObjectDeserializer().deserializeUnsafe();
      } catch (EventDataObjectDeserializationException e) {
        return null;
      }
    }
    return data instanceof Invoice invoice ? invoice : null;
  }

  private static String failureMessage(Invoice invoice) {
    if (invoice.getLastFinalizationError() != null
        && invoice.getLastFinalizationError().getMessage() != null) {
      return invoice.getLastFinalizationError().getMessage();
    }
    return invoice.getAttemptCount() == null
        ? "Stripe could not collect the payment"
        : "Stripe could not collect the payment (attempt " + invoice.getAttemptCount() + ")";
  }
}
