package dev.vigil.slack.web;

import dev.vigil.slack.delivery.SlackActivitiesImpl;
import dev.vigil.slack.delivery.SlackApi;
import dev.vigil.slack.delivery.SlackOutbox;
import dev.vigil.slack.delivery.SlackStore;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

/** Slack (docs/decisions/0062): the Web API client, the outbox and the activities. */
@Configuration(proxyBeanMethods = false)
class SlackConfiguration {

  @Bean
  SlackApi slackApi(
      @Value("${vigil.slack.api-url:https://slack.com/api}") String apiUrl, ObjectMapper json) {
    return new SlackApi(apiUrl, json);
  }

  @Bean
  SlackOutbox slackOutbox(
      SlackStore store,
      WorkflowClient temporal,
      @Value("${vigil.slack.sweep-every:60s}") Duration sweepEvery) {
    return new SlackOutbox(store, temporal, sweepEvery);
  }

  @Bean
  SlackActivitiesImpl slackActivitiesImpl(
      SlackStore store, SlackApi api, @Value("${vigil.public-url}") String publicUrl) {
    return new SlackActivitiesImpl(store, api, publicUrl);
  }
}
