package dev.vigil.notification.delivery;

import dev.vigil.incident.record.IncidentTimeline;
import dev.vigil.incident.record.PagingFence;
import dev.vigil.notification.Channel;
import dev.vigil.notification.NotificationActivities;
import dev.vigil.notification.NotificationReceipt;
import dev.vigil.notification.NotificationStep;
import dev.vigil.notification.SendNotification;
import io.temporal.failure.ApplicationFailure;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends a page at most once per idempotency key, through the provider the workflow names, within
 * the person's page budget for the channel.
 *
 * <p>The notification row is committed before the provider is called and marked {@code sent} right
 * after. Whether the budget allows the page is decided once, when the row is first written, under
 * the person's channel lock: an admitted page is {@code sending}, one over budget is {@code held}
 * (no provider is called, and the activity returns normally: a held page is not a failure). A
 * retry, or the next provider after a failover, finds the row and keeps its decision; one that
 * finds it sent returns without paging. An admitted page carries the person's held pages (decision
 * 0019). What remains at-least-once: a provider that accepted the message before the attempt failed
 * (the worker died before {@code sent} was committed, or the provider's answer came after our
 * timeout) leaves the row unsent, and the next attempt sends again, possibly through the backup.
 * Decision 0004 describes the window. The dev inbox closes it entirely: its store is keyed by
 * notification id.
 */
@Component
public class NotificationActivitiesImpl implements NotificationActivities {

  private static final Logger log = LoggerFactory.getLogger(NotificationActivitiesImpl.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final NotificationProviders providers;
  private final IncidentTimeline timeline;
  private final PageMessages messages;
  private final PageBudgets budgets;
  private final HeldPages held;
  private final PageDispatch dispatch;
  private final PageMetrics metrics;
  private final PagingFence fence;
  private final InternationalSmsCaps caps;

  NotificationActivitiesImpl(
      JdbcClient jdbc,
      TransactionTemplate tx,
      NotificationProviders providers,
      IncidentTimeline timeline,
      PageMessages messages,
      PageBudgets budgets,
      HeldPages held,
      PageDispatch dispatch,
      PageMetrics metrics,
      PagingFence fence,
      InternationalSmsCaps caps) {
    this.caps = caps;
    this.fence = fence;
    this.jdbc = jdbc;
    this.tx = tx;
    this.providers = providers;
    this.timeline = timeline;
    this.messages = messages;
    this.budgets = budgets;
    this.held = held;
    this.dispatch = dispatch;
    this.metrics = metrics;
  }

  @Override
  public List<String> providersFor(Channel channel) {
    return providers.namesFor(channel);
  }

  @Override
  public NotificationReceipt send(SendNotification request) {
    NotificationStep step = request.step();
    PageMessages.Target target = messages.targetOf(request);
    NotificationProvider provider = provider(request);

    Optional<NotificationReceipt> earlier = alreadySent(request.idempotencyKey());
    if (earlier.isPresent()) {
      return earlier.get();
    }
    Optional<String> claimedBefore = claimedBy(request.idempotencyKey());
    if (step.channel() == Channel.SMS) {
      // Decided once, on the page's first attempt: a page found capped stays capped.
      Optional<String> cap =
          claimedBefore.isEmpty()
              ? caps.reached(target.accountId(), target.country(), request.at())
              : capped(request.idempotencyKey())
                  ? Optional.of(caps.limit(target.accountId()).orElse(0) + " a month")
                  : Optional.empty();
      if (cap.isPresent()) {
        boolean paging =
            Boolean.TRUE.equals(tx.execute(s -> fence.allowsPaging(request.incidentId())));
        return paging
            ? capped(request, target, provider, cap.get())
            : cancelled(request, target, provider);
      }
    }
    // The fence first: its row lock orders this claim with any acknowledgement (decision 0021).
    Claim claim =
        tx.execute(
            status ->
                fence.allowsPaging(request.incidentId()) ? claim(request, target, provider) : null);
    if (claim == null) {
      return cancelled(request, target, provider);
    }
    if (claim.heldBy() != null) {
      return held(request, target, provider, claim);
    }
    if (claimedBefore.isPresent() && !claimedBefore.get().equals(provider.name())) {
      // Another provider tried this page and failed: the workflow handed it over to this one.
      metrics.failedOver(step.channel());
    }
    long number = target.page().incidentNumber();
    OutboundMessage message =
        messages.compose(
            target,
            request.incidentId(),
            claim.id(),
            step.channel(),
            HeldPages.others(claim.carried(), number));
    try {
      dispatch.deliver(provider, message);
    } catch (ProviderFailure failure) {
      // The held pages wait again: the next attempt, or the next message, carries them.
      held.release(claim.id());
      log.warn(
          "Incident #{}: {} to user {} at {} via {} failed: {}",
          number,
          step.channel().wireName(),
          step.userId(),
          PageMessages.masked(step.channel(), target.address()),
          provider.name(),
          failure.reason());
      throw failure.kind() == ProviderFailure.Kind.UNAVAILABLE
          ? ApplicationFailure.newFailureWithCause(
              failure.reason(), failure.kind().failureType(), null)
          : ApplicationFailure.newNonRetryableFailureWithCause(
              failure.reason(), failure.kind().failureType(), null);
    }
    String carrying = "";
    if (!claim.carried().isEmpty()) {
      metrics.bundled(step.channel(), claim.carried().size());
      held.noteSent(
          claim.carried(),
          step.userName(),
          step.channel(),
          "bundled into the "
              + step.channel().label()
              + " for #"
              + number
              + " ("
              + provider.name()
              + ")",
          request.at());
      carrying = ", carrying " + claim.carried().size() + " held";
    }
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
            + carrying
            + ")");
    log.info(
        "Incident #{}: {} to user {} at {} sent by {}{}",
        number,
        step.channel().wireName(),
        step.userId(),
        PageMessages.masked(step.channel(), target.address()),
        provider.name(),
        carrying);
    return new NotificationReceipt(claim.id(), provider.name(), "sent");
  }

  private NotificationReceipt held(
      SendNotification request,
      PageMessages.Target target,
      NotificationProvider provider,
      Claim claim) {
    NotificationStep step = request.step();
    if (claim.decidedNow()) {
      metrics.held(step.channel());
      log.info(
          "Incident #{}: {} to user {} held by the page budget ({})",
          target.page().incidentNumber(),
          step.channel().wireName(),
          step.userId(),
          claim.heldBy());
    }
    // Numbered by the workflow: a retried attempt writes the same entry once.
    timeline.append(
        target.accountId(),
        request.incidentId(),
        request.seq(),
        request.at(),
        "notification_held",
        step.channel().label()
            + " to "
            + step.userName()
            + " held: page budget ("
            + claim.heldBy()
            + "); bundled into the next message");
    return new NotificationReceipt(claim.id(), provider.name(), "held");
  }

  /**
   * An SMS over the account's international SMS cap: not sent (its row is {@code capped}, which
   * billing never counts), and the person is paged on each of their verified e-mail addresses
   * instead, each a notification of its own keyed by this page, so a retry sends none twice. The
   * timeline says why, in the place of "notified". Voice is no fallback: a call to the same number
   * abroad costs more than the SMS the cap held back.
   */
  private NotificationReceipt capped(
      SendNotification request,
      PageMessages.Target target,
      NotificationProvider provider,
      String cap) {
    NotificationStep step = request.step();
    long notificationId = recordUnsent(request, target, provider, "capped");
    List<String> paged = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (long email : verifiedEmails(step.userId(), target.accountId())) {
      SendNotification byEmail =
          new SendNotification(
              request.incidentId(),
              new NotificationStep(step.userId(), step.userName(), email, Channel.EMAIL, 0),
              request.idempotencyKey() + "/capped-email-" + email,
              request.at(),
              request.seq(),
              null);
      Optional<NotificationReceipt> done = alreadySent(byEmail.idempotencyKey());
      if (done.isPresent()) {
        paged.add("e-mail (" + done.get().provider() + ")");
        continue;
      }
      PageMessages.Target emailTarget = messages.targetOf(byEmail);
      String sentBy = null;
      for (NotificationProvider relay : providers.forChannel(Channel.EMAIL)) {
        long row = insert(byEmail, emailTarget, relay, null);
        try {
          dispatch.deliver(
              relay,
              messages.compose(emailTarget, request.incidentId(), row, Channel.EMAIL, List.of()));
          sentBy = relay.name();
          break;
        } catch (ProviderFailure failure) {
          log.warn(
              "Incident #{}: e-mail to user {} in place of a capped SMS failed via {}: {}",
              target.page().incidentNumber(),
              step.userId(),
              relay.name(),
              failure.reason());
        }
      }
      if (sentBy == null) {
        failed.add(PageMessages.masked(Channel.EMAIL, emailTarget.address()));
      } else {
        paged.add("e-mail (" + sentBy + ")");
      }
    }
    if (!failed.isEmpty()) {
      // Retried like any failed page: the e-mails that went out are not sent again (their keys),
      // and a page is never dropped because the mail relay was down for a minute.
      throw ApplicationFailure.newFailure(
          "e-mail in place of a capped SMS failed to " + String.join(", ", failed),
          "CappedSmsFallbackFailed");
    }
    String instead =
        paged.isEmpty()
            ? "no verified e-mail address to page instead"
            : "paged by " + String.join(", ", paged) + " instead";
    log.info(
        "Incident #{}: SMS to user {} at {} capped ({}); {}",
        target.page().incidentNumber(),
        step.userId(),
        PageMessages.masked(step.channel(), target.address()),
        cap,
        instead);
    timeline.append(
        target.accountId(),
        request.incidentId(),
        request.seq(),
        request.at(),
        "notification_capped",
        "SMS to "
            + step.userName()
            + " ("
            + PageMessages.masked(step.channel(), target.address())
            + ") not sent: the account's international SMS cap ("
            + cap
            + ") is reached; "
            + instead);
    return new NotificationReceipt(notificationId, provider.name(), "capped");
  }

  /**
   * Logs a page that is not sent ({@code capped}, {@code cancelled}); a retry of a page that did go
   * out keeps its status.
   */
  private long recordUnsent(
      SendNotification request,
      PageMessages.Target target,
      NotificationProvider provider,
      String status) {
    NotificationStep step = request.step();
    return jdbc.sql(
            """
            insert into notifications (account_id, incident_id, user_id, contact_method_id, channel,
                                       provider, destination, destination_country,
                                       idempotency_key, status, created_at)
            values (:account, :incident, :user, :method, :channel, :provider, :destination,
                    :country, :key, :status, :at)
            on conflict (idempotency_key) do update
                set status = case when notifications.sent_at is null then :status
                                  else notifications.status end
            returning id""")
        .param("account", target.accountId())
        .param("incident", request.incidentId())
        .param("user", step.userId())
        .param("method", step.contactMethodId())
        .param("channel", step.channel().wireName())
        .param("provider", provider.name())
        .param("destination", target.address())
        .param("country", target.country())
        .param("key", request.idempotencyKey())
        .param("status", status)
        .param("at", Timestamp.from(request.at()))
        .query(Long.class)
        .single();
  }

  /** Whether an earlier attempt at this page found it over the international SMS cap. */
  private boolean capped(String idempotencyKey) {
    return jdbc.sql("select status from notifications where idempotency_key = ?")
        .param(idempotencyKey)
        .query(String.class)
        .optional()
        .filter("capped"::equals)
        .isPresent();
  }

  /** The user's verified e-mail contact methods, oldest first. */
  private List<Long> verifiedEmails(long userId, long accountId) {
    return jdbc.sql(
            """
            select id from contact_methods
            where user_id = ? and account_id = ? and kind = 'email' and verified_at is not null
            order by id""")
        .params(userId, accountId)
        .query(Long.class)
        .list();
  }

  /**
   * The incident stopped paging (acknowledged or resolved) after this step was due: the page is
   * logged as cancelled, never sent, and the timeline says so in the place of "notified".
   */
  private NotificationReceipt cancelled(
      SendNotification request, PageMessages.Target target, NotificationProvider provider) {
    NotificationStep step = request.step();
    long notificationId = recordUnsent(request, target, provider, "cancelled");
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

  /**
   * Writes the notification row before the send, or finds the one an earlier attempt wrote, in one
   * transaction under the person's channel lock. A new page is held when the budget is spent; a
   * page found held stays held; an admitted one takes the person's waiting held pages with it.
   */
  private Claim claim(
      SendNotification request, PageMessages.Target target, NotificationProvider provider) {
    NotificationStep step = request.step();
    budgets.lock(step.userId(), step.channel());
    Optional<Claim> earlier =
        jdbc.sql("select id, held_by from notifications where idempotency_key = ? for update")
            .param(request.idempotencyKey())
            .query(
                (rs, n) -> new Claim(rs.getLong("id"), rs.getString("held_by"), List.of(), false))
            .optional();
    if (earlier.isPresent() && earlier.get().heldBy() != null) {
      return earlier.get();
    }
    if (earlier.isEmpty()) {
      Optional<PageLimit> spent = budgets.spent(step.userId(), step.channel(), request.at());
      if (spent.isPresent()) {
        long id = insert(request, target, provider, spent.get().describe());
        return new Claim(id, spent.get().describe(), List.of(), true);
      }
    }
    long id = insert(request, target, provider, null);
    return new Claim(
        id, null, held.carry(id, step.userId(), step.channel(), request.at()), earlier.isEmpty());
  }

  /** A held row when {@code heldBy} is set, else a row being sent (admitted at the page's time). */
  private long insert(
      SendNotification request,
      PageMessages.Target target,
      NotificationProvider provider,
      String heldBy) {
    Timestamp at = Timestamp.from(request.at());
    return jdbc.sql(
            """
            insert into notifications (account_id, incident_id, user_id, contact_method_id, channel, provider,
                                       destination, destination_country, idempotency_key, status, created_at,
                                       admitted_at, held_by, claimed_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
            on conflict (idempotency_key) do update
                set provider = excluded.provider,
                    status = case when notifications.sent_at is null then 'sending' else notifications.status end,
                    admitted_at = coalesce(notifications.admitted_at, excluded.admitted_at),
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
            target.country(),
            request.idempotencyKey(),
            heldBy == null ? "sending" : "held",
            at,
            heldBy == null ? at : null,
            heldBy)
        .query(Long.class)
        .single();
  }

  /**
   * What the claim decided.
   *
   * @param heldBy the limit that held the page, as people read it; null when it goes out
   * @param carried the held pages this one carries
   * @param decidedNow the budget decided on this attempt (false: an earlier attempt did)
   */
  record Claim(long id, String heldBy, List<HeldPages.Carried> carried, boolean decidedNow) {}
}
