package dev.vigil.notification.delivery;

import dev.vigil.notification.Channel;
import dev.vigil.notification.NotificationActivities;
import dev.vigil.notification.NotificationStep;
import dev.vigil.notification.SendNotification;
import dev.vigil.oncall.address.PhoneNumbers;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where a page goes and what it says, read at send time: the contact method's address and the
 * incident as it is now. Pages and digests compose through here, so a message carrying held pages
 * reads the same either way.
 */
@Component
class PageMessages {

  private final JdbcClient jdbc;
  private final ObjectProvider<EmailLinks> emailLinks;
  private final AlertDetailsReader alertDetails;

  PageMessages(
      JdbcClient jdbc, ObjectProvider<EmailLinks> emailLinks, AlertDetailsReader alertDetails) {
    this.jdbc = jdbc;
    this.emailLinks = emailLinks;
    this.alertDetails = alertDetails;
  }

  /** The contact method of the user, and the incident; empty when the contact method is gone. */
  Optional<Target> target(long contactMethodId, long userId, long incidentId) {
    return jdbc.sql(
            """
            select i.account_id, cm.kind, cm.address, i.number as incident_number, i.title, i.urgency,
                   s.name as service_name
            from incidents i
            join services s on s.id = i.service_id
            join contact_methods cm on cm.id = ? and cm.account_id = i.account_id and cm.user_id = ?
            where i.id = ?""")
        .params(contactMethodId, userId, incidentId)
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
        .optional();
  }

  /** As {@link #target}, failing the activity for good when the contact method is gone. */
  Target targetOf(SendNotification request) {
    NotificationStep step = request.step();
    return target(step.contactMethodId(), step.userId(), request.incidentId())
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "contact method " + step.contactMethodId() + " no longer exists",
                    NotificationActivities.UNKNOWN_CONTACT_METHOD));
  }

  /** The message about the target's incident, listing the held pages it carries, if any. */
  OutboundMessage compose(
      Target target,
      long incidentId,
      long notificationId,
      Channel channel,
      List<MessageComposer.PageContext> carried) {
    MessageComposer.PageContext page = target.page();
    return switch (channel) {
      case EMAIL -> {
        List<EmailLinks.Link> links =
            emailLinks
                .getIfAvailable(() -> EmailLinks.NONE)
                .linksFor(target.accountId(), incidentId, notificationId);
        AlertDetails details = alertDetails.forIncident(incidentId).orElse(null);
        yield new OutboundMessage(
            target.accountId(),
            notificationId,
            page.incidentNumber(),
            channel,
            target.address(),
            MessageComposer.emailSubject(page, carried),
            MessageComposer.emailBody(page, details, links, carried),
            MessageComposer.emailHtml(page, details, links, carried));
      }
      case SMS ->
          new OutboundMessage(
              target.accountId(),
              notificationId,
              page.incidentNumber(),
              channel,
              target.address(),
              null,
              MessageComposer.sms(page, carried));
      case VOICE ->
          new OutboundMessage(
              target.accountId(),
              notificationId,
              page.incidentNumber(),
              channel,
              target.address(),
              null,
              MessageComposer.voice(page, carried));
    };
  }

  /** Never a full address in logs. */
  static String masked(Channel channel, String address) {
    return MaskedAddresses.of(channel, address);
  }

  record Target(long accountId, String kind, String address, MessageComposer.PageContext page) {

    /** Two letters, for billing's domestic or international rating; null for email. */
    String country() {
      return kind.equals("phone") ? PhoneNumbers.countryOf(address) : null;
    }
  }
}
