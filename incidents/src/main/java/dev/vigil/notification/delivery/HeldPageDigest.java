package dev.vigil.notification.delivery;

import dev.vigil.notification.Channel;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Held pages must not wait for a page that may never come: every {@code
 * vigil.notifications.budget.digest-every} (20 s), each person with held pages on a channel whose
 * budget allows a message now gets one digest listing the still-triggered ones, through the
 * channel's providers in order (decision 0019).
 *
 * <p>Exactly once across replicas: a digest is decided under the person's channel lock (a replica
 * that finds it taken skips that person this round) and claims the held rows with {@code for update
 * skip locked}, in the transaction that writes the digest's own notification row. The provider is
 * called after that commits; the at-least-once window of decision 0004 applies.
 */
@Component
public class HeldPageDigest {

  private static final Logger log = LoggerFactory.getLogger(HeldPageDigest.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final PageBudgets budgets;
  private final HeldPages held;
  private final PageMessages messages;
  private final NotificationProviders providers;
  private final PageDispatch dispatch;
  private final PageMetrics metrics;
  private final PageBudgetSettings settings;
  private ScheduledExecutorService scheduler;

  HeldPageDigest(
      JdbcClient jdbc,
      TransactionTemplate tx,
      PageBudgets budgets,
      HeldPages held,
      PageMessages messages,
      NotificationProviders providers,
      PageDispatch dispatch,
      PageMetrics metrics,
      PageBudgetSettings settings) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.budgets = budgets;
    this.held = held;
    this.messages = messages;
    this.providers = providers;
    this.dispatch = dispatch;
    this.metrics = metrics;
    this.settings = settings;
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    if (settings.digestEvery().isZero() || settings.digestEvery().isNegative()) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "held-page-digest");
              thread.setDaemon(true);
              return thread;
            });
    long every = settings.digestEvery().toMillis();
    scheduler.scheduleWithFixedDelay(this::sendDueQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  @jakarta.annotation.PreDestroy
  void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  private void sendDueQuietly() {
    try {
      sendDue(Instant.now());
    } catch (RuntimeException e) {
      // PostgreSQL unreachable: the next round tries again.
      log.warn("Sending digests of held pages failed: {}", e.toString());
    }
  }

  /**
   * One round at {@code now}: one digest per person and channel that has held pages of triggered
   * incidents and a budget that allows a message now. Returns how many digests went out.
   */
  public int sendDue(Instant now) {
    held.releaseAbandoned(now);
    int sent = 0;
    for (HeldPages.Waiting waiting : held.waiting()) {
      try {
        sent += send(waiting.userId(), waiting.channel(), now) ? 1 : 0;
      } catch (RuntimeException e) {
        log.warn(
            "Digest of held {} pages to user {} failed: {}",
            waiting.channel().wireName(),
            waiting.userId(),
            e.toString());
      }
    }
    return sent;
  }

  private boolean send(long userId, Channel channel, Instant now) {
    Optional<Digest> claimed =
        Optional.ofNullable(tx.execute(status -> claim(userId, channel, now).orElse(null)));
    if (claimed.isEmpty()) {
      return false;
    }
    Digest digest = claimed.get();
    long number = digest.target().page().incidentNumber();
    OutboundMessage message =
        messages.compose(
            digest.target(),
            digest.incidentId(),
            digest.id(),
            channel,
            HeldPages.others(digest.carried(), number));
    for (NotificationProvider provider : providers.forChannel(channel)) {
      try {
        dispatch.deliver(provider, message);
      } catch (ProviderFailure failure) {
        log.warn(
            "Digest of {} held {} pages to user {} via {} failed: {}",
            digest.carried().size(),
            channel.wireName(),
            userId,
            provider.name(),
            failure.reason());
        if (failure.kind() == ProviderFailure.Kind.INVALID_DESTINATION) {
          break;
        }
        continue;
      }
      metrics.digest(channel);
      metrics.bundled(channel, digest.carried().size());
      held.noteSent(
          digest.carried(),
          digest.userName(),
          channel,
          "in a digest "
              + channel.label()
              + " of "
              + (HeldPages.others(digest.carried(), number).size() + 1)
              + " incidents ("
              + provider.name()
              + ")",
          now);
      log.info(
          "Digest of {} held {} pages sent to user {} at {} by {}",
          digest.carried().size(),
          channel.wireName(),
          userId,
          PageMessages.masked(channel, digest.target().address()),
          provider.name());
      return true;
    }
    // Every provider failed: the pages wait for the next round or the next page.
    held.release(digest.id());
    return false;
  }

  /**
   * Under the person's channel lock: drops held pages of settled incidents, and when some remain
   * and the budget allows, writes the digest's row (about the oldest waiting incident, to the
   * contact method last paged) and marks the waiting pages carried by it.
   */
  private Optional<Digest> claim(long userId, Channel channel, Instant now) {
    if (!budgets.tryLock(userId, channel) || budgets.spent(userId, channel, now).isPresent()) {
      return Optional.empty();
    }
    held.dropSettled(userId, channel, now);
    Optional<First> first =
        jdbc.sql(
                """
                select (select n.incident_id from notifications n join incidents i on i.id = n.incident_id
                        where n.user_id = u.id and n.channel = ? and n.status = 'held'
                          and n.released_at is null
                        order by i.number limit 1) as incident_id,
                       (select n.contact_method_id from notifications n
                        where n.user_id = u.id and n.channel = ? and n.status = 'held'
                          and n.released_at is null and n.contact_method_id is not null
                        order by n.id desc limit 1) as contact_method_id,
                       u.name as user_name
                from users u where u.id = ?""")
            .params(channel.wireName(), channel.wireName(), userId)
            .query(
                (rs, n) ->
                    new First(
                        rs.getLong("incident_id"),
                        rs.getLong("contact_method_id"),
                        rs.getObject("contact_method_id") != null,
                        rs.getString("user_name")))
            .optional()
            .filter(f -> f.incidentId() != 0 && f.hasContactMethod());
    Optional<NotificationProvider> primary = providers.primaryFor(channel);
    if (first.isEmpty() || primary.isEmpty()) {
      return Optional.empty();
    }
    Optional<PageMessages.Target> target =
        messages.target(first.get().contactMethodId(), userId, first.get().incidentId());
    if (target.isEmpty()) {
      return Optional.empty();
    }
    long id =
        jdbc.sql(
                """
                insert into notifications (account_id, incident_id, user_id, contact_method_id, channel,
                                           provider, destination, destination_country, idempotency_key,
                                           status, created_at, admitted_at, digest)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'sending', ?, ?, true)
                returning id""")
            .params(
                target.get().accountId(),
                first.get().incidentId(),
                userId,
                first.get().contactMethodId(),
                channel.wireName(),
                primary.get().name(),
                target.get().address(),
                target.get().country(),
                "digest/" + userId + "/" + channel.wireName() + "/" + now.toEpochMilli(),
                Timestamp.from(now),
                Timestamp.from(now))
            .query(Long.class)
            .single();
    List<HeldPages.Carried> carried = held.carry(id, userId, channel, now);
    return Optional.of(
        new Digest(id, first.get().incidentId(), target.get(), carried, first.get().userName()));
  }

  private record First(
      long incidentId, long contactMethodId, boolean hasContactMethod, String userName) {}

  private record Digest(
      long id,
      long incidentId,
      PageMessages.Target target,
      List<HeldPages.Carried> carried,
      String userName) {}
}
