package dev.vigil.notification;

import dev.vigil.incident.IncidentTimeline;
import dev.vigil.incident.PagingFence;
import io.temporal.failure.ApplicationFailure;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends a page at most once per idempotency key, through the provider the workflow names.
 *
 * <p>The notification row is committed (status {@code sending}) before the provider is called and
 * marked {@code sent} right after. A retry, or the next provider after a failover, that finds it
 * sent returns without paging. What remains at-least-once: a provider that accepted the message
 * before the attempt failed (the worker died before {@code sent} was committed, or the provider's
 * answer came after our timeout) leaves the row unsent, and the next attempt sends again, possibly
 * through the backup. Decision 0004 describes the window. The dev inbox closes it entirely: its
 * store is keyed by notification id.
 */
@Component
public class NotificationActivitiesImpl implements NotificationActivities {

  private static final Logger log = LoggerFactory.getLogger(NotificationActivitiesImpl.class);

  private static final java.time.Duration QUICK_RETRY = java.time.Duration.ofSeconds(1);

  private final JdbcClient jdbc;
  private final NotificationProviders providers;
  private final IncidentTimeline timeline;
  private final ObjectProvider<EmailLinks> emailLinks;
  private final PageMetrics metrics;
  private final PagingFence fence;
  private final TransactionTemplate tx;

  public NotificationActivitiesImpl(
      JdbcClient jdbc,
      NotificationProviders providers,
      IncidentTimeline timeline,
      ObjectProvider<EmailLinks> emailLinks,
      PageMetrics metrics,
      PagingFence fence,
      TransactionTemplate tx) {
    this.fence = fence;
    this.tx = tx;
    this.jdbc = jdbc;
    this.providers = providers;
    this.timeline = timeline;
    this.emailLinks = emailLinks;
    this.metrics = metrics;
  }

  @Override
  public List<String> providersFor(Channel channel) {
    return providers.namesFor(channel);
  }

  @Override
  public NotificationReceipt send(SendNotification request) {
    NotificationStep step = request.step();
    Target target = target(request);
    NotificationProvider provider = provider(request);

    Optional<NotificationReceipt> earlier = alreadySent(request.idempotencyKey());
    if (earlier.isPresent()) {
      return earlier.get();
    }
    Optional<String> claimedBefore = claimedBy(request.idempotencyKey());
    Optional<Long> claimed =
        tx.execute(
            status ->
                // The fence first: its row lock orders this claim with any acknowledgement.
                fence.allowsPaging(request.incidentId())
                    ? Optional.of(claim(request, target, provider))
                    : Optional.<Long>empty());
    if (claimed.isEmpty()) {
      return cancelled(request, target, provider);
    }
    long notificationId = claimed.get();
    if (claimedBefore.isPresent() && !claimedBefore.get().equals(provider.name())) {
      // Another provider tried this page and failed: the workflow handed it over to this one.
      metrics.failedOver(step.channel());
    }
    OutboundMessage message = compose(target, request.incidentId(), notificationId, step.channel());
    Delivery delivery;
    try {
      delivery = deliverWithQuickRetry(provider, message);
    } catch (ProviderFailure failure) {
      recordFailure(notificationId, failure.reason());
      metrics.failed(step.channel(), provider.name());
      log.warn(
          "Incident #{}: {} to user {} at {} via {} failed: {}",
          target.page().incidentNumber(),
          step.channel().wireName(),
          step.userId(),
          safe(step.channel(), target.address()),
          provider.name(),
          failure.reason());
      throw failure.kind() == ProviderFailure.Kind.UNAVAILABLE
          ? ApplicationFailure.newFailureWithCause(
              failure.reason(), failure.kind().failureType(), null)
          : ApplicationFailure.newNonRetryableFailureWithCause(
              failure.reason(), failure.kind().failureType(), null);
    }

    jdbc.sql(
            """
            update notifications set status = 'sent', provider = ?, provider_account = ?,
                   provider_message_id = ?, segments = ?, failure = null, sent_at = now()
            where id = ?""")
        .params(
            provider.name(),
            delivery.providerAccount(),
            delivery.providerMessageId(),
            delivery.segments(),
            notificationId)
        .update();
    metrics.sent(step.channel(), provider.name());
    timeline.append(
        target.accountId(),
        request.incidentId(),
        request.seq(),
        request.at(),
        "notified",
        "Notified "
            + step.userName()
            + " by "
            + step.channel().wireName()
            + " ("
            + provider.name()
            + ")");
    log.info(
        "Incident #{}: {} to user {} at {} sent by {}",
        target.page().incidentNumber(),
        step.channel().wireName(),
        step.userId(),
        safe(step.channel(), target.address()),
        provider.name());
    return new NotificationReceipt(notificationId, provider.name(), "sent");
  }

  /**
   * The incident stopped paging (acknowledged or resolved) after this step was due: the page is
   * logged as cancelled, never sent, and the timeline says so in the place of "notified".
   */
  private NotificationReceipt cancelled(
      SendNotification request, Target target, NotificationProvider provider) {
    NotificationStep step = request.step();
    long notificationId =
        jdbc.sql(
                """
                insert into notifications (account_id, incident_id, user_id, contact_method_id, channel,
                                           provider, destination, idempotency_key, status, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'cancelled', ?)
                on conflict (idempotency_key) do update
                    set status = case when notifications.sent_at is null then 'cancelled'
                                      else notifications.status end
                returning id""")
            .params(
                target.accountId(),
                request.incidentId(),
                step.userId(),
                step.contactMethodId(),
                step.channel().wireName(),
                provider.name(),
                target.address(),
                request.idempotencyKey(),
                Timestamp.from(request.at()))
            .query(Long.class)
            .single();
    timeline.append(
        target.accountId(),
        request.incidentId(),
        request.seq(),
        request.at(),
        "notification_cancelled",
        "Did not notify "
            + step.userName()
            + " by "
            + step.channel().wireName()
            + ": the incident was acknowledged or resolved first");
    return new NotificationReceipt(notificationId, provider.name(), "cancelled");
  }

  /**
   * Two tries of the provider, a second apart, when it is unavailable: the provider's chances are
   * spent here, so Temporal's own retries of this activity only ever stand for a worker that died
   * mid-send, and never fail a page over or drop it (decision 0021).
   */
  private Delivery deliverWithQuickRetry(NotificationProvider provider, OutboundMessage message) {
    try {
      return provider.deliver(message);
    } catch (ProviderFailure failure) {
      if (failure.kind() != ProviderFailure.Kind.UNAVAILABLE) {
        throw failure;
      }
      metrics.failed(
          message.channel(), provider.name()); // the first try; the caller counts the last
      try {
        Thread.sleep(QUICK_RETRY.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure;
      }
      return provider.deliver(message);
    }
  }

  /** The named provider; null names the channel's primary (histories before failover). */
  private NotificationProvider provider(SendNotification request) {
    Channel channel = request.step().channel();
    if (request.provider() == null) {
      return providers
          .primaryFor(channel)
          .orElseThrow(
              () ->
                  ApplicationFailure.newNonRetryableFailure(
                      "no provider is configured for " + channel.wireName(), "NoProvider"));
    }
    return providers
        .named(request.provider(), channel)
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "no provider " + request.provider() + " for " + channel.wireName(),
                    UNKNOWN_PROVIDER));
  }

  /** A provider took this page before: by this attempt's provider or any other. */
  private Optional<NotificationReceipt> alreadySent(String idempotencyKey) {
    return jdbc.sql(
            "select id, provider, status from notifications where idempotency_key = ? and sent_at is not null")
        .param(idempotencyKey)
        .query(
            (rs, n) -> new NotificationReceipt(rs.getLong("id"), rs.getString("provider"), "sent"))
        .optional();
  }

  /** The provider an earlier attempt at this page claimed it for, if any. */
  private Optional<String> claimedBy(String idempotencyKey) {
    return jdbc.sql("select provider from notifications where idempotency_key = ?")
        .param(idempotencyKey)
        .query(String.class)
        .optional();
  }

  /** Writes the notification row before the send, or finds the one an earlier attempt wrote. */
  private long claim(SendNotification request, Target target, NotificationProvider provider) {
    String country =
        target.kind().equals("phone") ? PhoneNumbers.countryOf(target.address()) : null;
    return jdbc.sql(
            """
            insert into notifications (account_id, incident_id, user_id, contact_method_id, channel, provider,
                                       destination, destination_country, idempotency_key, status, created_at,
                                       claimed_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'sending', ?, now())
            on conflict (idempotency_key) do update
                set provider = excluded.provider,
                    status = case when notifications.sent_at is null then 'sending' else notifications.status end,
                    claimed_at = now()
            returning id""")
        .params(
            target.accountId(),
            request.incidentId(),
            request.step().userId(),
            request.step().contactMethodId(),
            request.step().channel().wireName(),
            provider.name(),
            target.address(),
            country,
            request.idempotencyKey(),
            Timestamp.from(request.at()))
        .query(Long.class)
        .single();
  }

  private void recordFailure(long notificationId, String reason) {
    jdbc.sql(
            "update notifications set status = 'failed', failure = ? where id = ? and sent_at is null")
        .params(reason, notificationId)
        .update();
  }

  private Target target(SendNotification request) {
    return jdbc.sql(
            """
            select i.account_id, cm.kind, cm.address, i.number as incident_number, i.title, i.urgency,
                   s.name as service_name
            from incidents i
            join services s on s.id = i.service_id
            join contact_methods cm on cm.id = ? and cm.account_id = i.account_id and cm.user_id = ?
            where i.id = ?""")
        .params(request.step().contactMethodId(), request.step().userId(), request.incidentId())
        .query(
            (rs, n) ->
                new Target(
                    rs.getLong("account_id"),
                    rs.getString("kind"),
                    rs.getString("address"),
                    new MessageComposer.PageContext(
                        rs.getLong("incident_number"),
                        rs.getString("title"),
                        rs.getString("urgency"),
                        rs.getString("service_name"))))
        .optional()
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "contact method " + request.step().contactMethodId() + " no longer exists",
                    UNKNOWN_CONTACT_METHOD));
  }

  private OutboundMessage compose(
      Target target, long incidentId, long notificationId, Channel channel) {
    MessageComposer.PageContext page = target.page();
    return switch (channel) {
      case EMAIL -> {
        List<EmailLinks.Link> links =
            emailLinks
                .getIfAvailable(() -> EmailLinks.NONE)
                .linksFor(target.accountId(), incidentId, notificationId);
        yield new OutboundMessage(
            target.accountId(),
            notificationId,
            page.incidentNumber(),
            channel,
            target.address(),
            MessageComposer.emailSubject(page),
            MessageComposer.emailBody(page, links),
            MessageComposer.emailHtml(page, links));
      }
      case SMS ->
          new OutboundMessage(
              target.accountId(),
              notificationId,
              page.incidentNumber(),
              channel,
              target.address(),
              null,
              MessageComposer.sms(page));
      case VOICE ->
          new OutboundMessage(
              target.accountId(),
              notificationId,
              page.incidentNumber(),
              channel,
              target.address(),
              null,
              MessageComposer.voice(page));
    };
  }

  private static String safe(Channel channel, String address) {
    return channel == Channel.EMAIL
        ? address.replaceAll("(?<=.).(?=[^@]*@)", "*")
        : PhoneNumbers.masked(address);
  }

  record Target(long accountId, String kind, String address, MessageComposer.PageContext page) {}
}
