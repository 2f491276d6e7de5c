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
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

/** Outbound webhooks: the outbox on the timeline, the lanes' workflows, and their activities. */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

  @Bean
  WebhookLanes webhookLanes(
      WorkflowClient temporal,
      @Value("${vigil.webhooks.give-up-after:24h}") Duration giveUpAfter,
      @Value("${vigil.webhooks.first-retry:2s}") Duration firstRetry,
      @Value("${vigil.webhooks.longest-retry:10m}") Duration longestRetry,
      @Value("${vigil.webhooks.sweep-every:60s}") Duration sweepEvery) {
    return new WebhookLanes(
        temporal, new WebhookLanes.Retries(giveUpAfter, firstRetry, longestRetry), sweepEvery);
  }

  @Bean
  WebhookOutbox webhookOutbox(
      JdbcClient jdbc,
      WebhookSubscriptions subscriptions,
      ObjectMapper objectMapper,
      @Value("${vigil.public-url}") String publicUrl,
      WebhookLanes lanes) {
    WebhookOutbox outbox = new WebhookOutbox(jdbc, subscriptions, objectMapper, publicUrl, lanes);
    lanes.sweeping(outbox);
    return outbox;
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
