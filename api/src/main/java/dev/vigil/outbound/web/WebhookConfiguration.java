package dev.vigil.outbound.web;

import dev.vigil.oncall.webhook.WebhookSubscriptions;
import dev.vigil.outbound.delivery.WebhookDeliveryActivitiesImpl;
import dev.vigil.outbound.delivery.WebhookLanes;
import dev.vigil.outbound.delivery.WebhookOutbox;
import dev.vigil.outbound.delivery.WebhookSender;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Outbound webhooks: the lanes' workflows and their activities, on the incidents' worker. */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

  @Bean
  WebhookLanes webhookLanes(
      WorkflowClient temporal,
      WebhookOutbox outbox,
      @Value("${vigil.webhooks.give-up-after:24h}") Duration giveUpAfter,
      @Value("${vigil.webhooks.first-retry:2s}") Duration firstRetry,
      @Value("${vigil.webhooks.longest-retry:10m}") Duration longestRetry,
      @Value("${vigil.webhooks.sweep-every:60s}") Duration sweepEvery) {
    return new WebhookLanes(
        temporal,
        outbox,
        new WebhookLanes.Retries(giveUpAfter, firstRetry, longestRetry),
        sweepEvery);
  }

  @Bean
  WebhookDeliveryActivitiesImpl webhookDeliveryActivitiesImpl(
      WebhookOutbox outbox,
      WebhookSubscriptions subscriptions,
      @Value("${vigil.webhooks.allow-private-targets:false}") boolean allowPrivateTargets) {
    return new WebhookDeliveryActivitiesImpl(
        outbox, subscriptions, WebhookSender.forOperator(allowPrivateTargets), Clock.systemUTC());
  }
}
