package dev.vigil.slack.web;

import dev.vigil.incident.Responder;
import dev.vigil.incident.web.IncidentActions;
import dev.vigil.slack.delivery.SlackApi;
import dev.vigil.slack.delivery.SlackMessages;
import dev.vigil.slack.delivery.SlackStore;
import dev.vigil.slack.delivery.SlackStore.Credentials;
import dev.vigil.slack.delivery.SlackStore.LinkedUser;
import jakarta.annotation.PreDestroy;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Acts on a verified press of a Slack button, after Slack has had its answer (Slack waits three
 * seconds): the Slack user becomes the Vigil user of the account with the same e-mail (asked of
 * Slack once, then remembered), who acknowledges or resolves through the same workflow update as
 * the REST API, "via Slack". Someone Vigil cannot match is told so, privately, and nothing changes.
 */
@Component
class SlackInteractions {

  private static final Logger log = LoggerFactory.getLogger(SlackInteractions.class);

  /** What a button press asks for. */
  record Press(
      Credentials credentials,
      String slackUserId,
      String actionId,
      String value,
      String responseUrl) {}

  private final SlackStore store;
  private final SlackApi api;
  private final IncidentActions actions;
  private final ThreadPoolExecutor workers;

  SlackInteractions(SlackStore store, SlackApi api, IncidentActions actions) {
    this.store = store;
    this.api = api;
    this.actions = actions;
    AtomicInteger count = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            1,
            4,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(200),
            runnable -> {
              Thread thread = new Thread(runnable, "slack-interaction-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * @return false when too many presses wait already (the caller answers 503)
   */
  boolean accept(Press press) {
    try {
      workers.execute(() -> handleQuietly(press));
      return true;
    } catch (RejectedExecutionException busy) {
      return false;
    }
  }

  @PreDestroy
  void stop() {
    workers.shutdown();
  }

  private void handleQuietly(Press press) {
    try {
      handle(press);
    } catch (RuntimeException e) {
      log.warn(
          "A Slack button press for account {} failed: {}",
          press.credentials().accountId(),
          e.toString());
    }
  }

  void handle(Press press) {
    Credentials credentials = press.credentials();
    IncidentActions.Action action =
        SlackMessages.ACKNOWLEDGE.equals(press.actionId())
            ? IncidentActions.Action.ACKNOWLEDGE
            : IncidentActions.Action.RESOLVE;
    long number;
    try {
      number = Long.parseLong(press.value());
    } catch (NumberFormatException e) {
      return;
    }
    Optional<LinkedUser> user = userOf(credentials, press.slackUserId());
    if (user.isEmpty()) {
      reply(
          press,
          "Vigil does not know your Slack user, so nothing changed. Link your Slack user: ask an"
              + " admin of your Vigil account to give your Vigil user the same e-mail as your"
              + " Slack profile, then press again.");
      return;
    }
    IncidentActions.Outcome outcome =
        actions.act(
            credentials.accountId(),
            number,
            action,
            new Responder(user.get().userId(), user.get().name(), "Slack"));
    if (outcome.result() != IncidentActions.Result.DONE) {
      reply(press, outcome.message());
    }
  }

  private Optional<LinkedUser> userOf(Credentials credentials, String slackUserId) {
    Optional<LinkedUser> linked = store.linkedUser(credentials.accountId(), slackUserId);
    if (linked.isPresent()) {
      return linked;
    }
    return api.emailOf(credentials.botToken(), slackUserId)
        .flatMap(email -> store.linkByEmail(credentials.accountId(), slackUserId, email));
  }

  private void reply(Press press, String text) {
    if (press.responseUrl() != null && !press.responseUrl().isBlank()) {
      api.respond(press.responseUrl(), text);
    }
  }
}
