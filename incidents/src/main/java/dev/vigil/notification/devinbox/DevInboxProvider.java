package dev.vigil.notification.devinbox;

import dev.vigil.notification.Channel;
import dev.vigil.notification.delivery.Delivery;
import dev.vigil.notification.delivery.NotificationProvider;
import dev.vigil.notification.delivery.OutboundMessage;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Delivers every channel into a mailbox in PostgreSQL, readable at {@code /dev/inbox}: what a
 * newcomer sees instead of a phone buzzing. Keyed by notification, so delivery is exactly once. It
 * is the fallback of the channels that have no real provider configured (see
 * NotificationProviders).
 */
@Component
@ConditionalOnProperty(name = "vigil.dev-inbox.enabled", havingValue = "true")
public class DevInboxProvider implements NotificationProvider {

  private final JdbcClient jdbc;

  public DevInboxProvider(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public String name() {
    return "dev-inbox";
  }

  @Override
  public Set<Channel> channels() {
    return EnumSet.allOf(Channel.class);
  }

  @Override
  public Delivery deliver(OutboundMessage message) {
    long id =
        jdbc.sql(
                """
                insert into dev_inbox_messages (account_id, notification_id, channel, recipient, subject, body,
                                                incident_number)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (notification_id) do update set notification_id = excluded.notification_id
                returning id""")
            .params(
                message.accountId(),
                message.notificationId(),
                message.channel().wireName(),
                message.to(),
                message.subject(),
                message.body(),
                message.incidentNumber())
            .query(Long.class)
            .single();
    return Delivery.of("inbox-" + id);
  }
}
