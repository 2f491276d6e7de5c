package dev.vigil.notification;

import dev.vigil.incident.IncidentTimeline;
import io.temporal.failure.ApplicationFailure;
import java.sql.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sends a page at most once per idempotency key.
 *
 * <p>The notification row is committed (status {@code sending}) before the provider is called and
 * marked {@code sent} right after. A retry that finds it sent returns without paging. What remains
 * at-least-once: a worker that dies after the provider accepted the message and before {@code sent}
 * was committed leaves {@code sending}, and the retry sends again. The window is one provider call
 * plus one small commit. The dev inbox closes it entirely: its store is keyed by notification id.
 */
@Component
public class NotificationActivitiesImpl implements NotificationActivities {

  private static final Logger log = LoggerFactory.getLogger(NotificationActivitiesImpl.class);

  private final JdbcClient jdbc;
  private final NotificationProviders providers;
  private final IncidentTimeline timeline;

  public NotificationActivitiesImpl(
      JdbcClient jdbc, NotificationProviders providers, IncidentTimeline timeline) {
    this.jdbc = jdbc;
    this.providers = providers;
    this.timeline = timeline;
  }

  @Override
  public NotificationReceipt send(SendNotification request) {
    NotificationStep step = request.step();
    Target target = target(request);
    NotificationProvider provider =
        providers
            .primaryFor(step.channel())
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "no provider is configured for " + step.channel().wireName(),
                        "NoProvider"));

    Long existingId =
        jdbc.sql(
                "select id from notifications where idempotency_key = ? and status in ('sent', 'delivered')")
            .param(request.idempotencyKey())
            .query(Long.class)
            .optional()
            .orElse(null);
    if (existingId != null) {
      return new NotificationReceipt(existingId, provider.name(), "sent");
    }
    long notificationId = claim(request, target, provider);

    OutboundMessage message = compose(target, notificationId, step.channel());
    String providerId = provider.deliver(message);

    jdbc.sql(
            "update notifications set status = 'sent', provider_message_id = ?, sent_at = now() where id = ?")
        .params(providerId, notificationId)
        .update();
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

  /** Writes the notification row before the send, or finds the one an earlier attempt wrote. */
  private long claim(SendNotification request, Target target, NotificationProvider provider) {
    String country =
        target.kind().equals("phone") ? PhoneNumbers.countryOf(target.address()) : null;
    return jdbc.sql(
            """
            insert into notifications (account_id, incident_id, user_id, contact_method_id, channel, provider,
                                       destination, destination_country, idempotency_key, status, created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'sending', ?)
            on conflict (idempotency_key) do update set provider = excluded.provider
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
                    "UnknownContactMethod"));
  }

  private static OutboundMessage compose(Target target, long notificationId, Channel channel) {
    MessageComposer.PageContext page = target.page();
    return switch (channel) {
      case EMAIL ->
          new OutboundMessage(
              target.accountId(),
              notificationId,
              page.incidentNumber(),
              channel,
              target.address(),
              MessageComposer.emailSubject(page),
              MessageComposer.emailBody(page));
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
