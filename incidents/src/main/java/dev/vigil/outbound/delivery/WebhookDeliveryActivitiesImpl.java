package dev.vigil.outbound.delivery;

import dev.vigil.oncall.webhook.WebhookEventTypes;
import dev.vigil.oncall.webhook.WebhookSubscription;
import dev.vigil.oncall.webhook.WebhookSubscriptions;
import dev.vigil.oncall.webhook.WebhookSubscriptions.SigningSecrets;
import dev.vigil.outbound.WebhookDeliveryActivities;
import dev.vigil.outbound.delivery.WebhookOutbox.Outgoing;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Attempts of webhook deliveries: sign, post, record what happened. */
public class WebhookDeliveryActivitiesImpl implements WebhookDeliveryActivities {

  private static final Logger log = LoggerFactory.getLogger(WebhookDeliveryActivitiesImpl.class);

  private final WebhookOutbox outbox;
  private final WebhookSubscriptions subscriptions;
  private final WebhookSender sender;
  private final Clock clock;

  public WebhookDeliveryActivitiesImpl(
      WebhookOutbox outbox, WebhookSubscriptions subscriptions, WebhookSender sender, Clock clock) {
    this.outbox = outbox;
    this.subscriptions = subscriptions;
    this.sender = sender;
    this.clock = clock;
  }

  @Override
  public Long nextPending(long subscriptionId, String lane) {
    return outbox.nextPending(subscriptionId, lane);
  }

  @Override
  public void send(long deliveryId) {
    Optional<Outgoing> found = outbox.outgoing(deliveryId);
    if (found.isEmpty() || !found.get().status().equals("pending")) {
      return; // the subscription was deleted, or an earlier attempt got through
    }
    Outgoing delivery = found.get();
    Optional<WebhookSubscription> subscription = subscriptions.byId(delivery.subscriptionId());
    if (subscription.isEmpty()) {
      return;
    }
    if (!subscription.get().enabled() && !WebhookEventTypes.PING.equals(delivery.eventType())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the subscription is disabled", "SubscriptionDisabled");
    }
    Instant now = clock.instant();
    SigningSecrets secrets =
        subscriptions.signingSecrets(delivery.subscriptionId(), now).orElseThrow();
    byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(
        WebhookSignature.HEADER, WebhookSignature.header(now.getEpochSecond(), body, secrets));
    headers.put("X-Vigil-Event-Id", delivery.eventId().toString());
    headers.put("X-Vigil-Event-Type", delivery.eventType());
    WebhookSender.Answer answer;
    try {
      answer = sender.post(subscription.get().url(), headers, body);
    } catch (WebhookSender.RefusedTarget refused) {
      outbox.attempted(deliveryId, null, refused.getMessage(), now);
      log.warn(
          "Webhook {} event {}: {}",
          delivery.subscriptionId(),
          delivery.eventId(),
          refused.getMessage());
      throw ApplicationFailure.newNonRetryableFailure(refused.getMessage(), "RefusedTarget");
    } catch (IOException | RuntimeException e) {
      String error = e.getClass().getSimpleName() + ": " + e.getMessage();
      outbox.attempted(deliveryId, null, error, now);
      throw ApplicationFailure.newFailure(error, "DeliveryFailed");
    }
    if (answer.ok()) {
      outbox.delivered(deliveryId, answer.status(), now);
      log.info(
          "Webhook {} event {} ({}) delivered: {}",
          delivery.subscriptionId(),
          delivery.eventId(),
          delivery.eventType(),
          answer.status());
      return;
    }
    String error = "the receiver answered " + answer.status();
    outbox.attempted(deliveryId, answer.status(), error, now);
    throw ApplicationFailure.newFailure(error, "DeliveryFailed");
  }

  @Override
  public void giveUp(long deliveryId, String reason) {
    outbox.giveUp(deliveryId, reason);
    log.warn("Webhook delivery {} failed for good: {}", deliveryId, reason);
  }
}
