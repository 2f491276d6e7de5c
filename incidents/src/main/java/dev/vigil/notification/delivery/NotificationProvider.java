package dev.vigil.notification.delivery;

import dev.vigil.notification.Channel;
import java.util.Set;

/**
 * Something that delivers messages on one or more channels: Twilio, an SMTP relay, the dev inbox.
 */
public interface NotificationProvider {

  /** Short and stable: it is stored on every notification it sends. */
  String name();

  Set<Channel> channels();

  /**
   * Delivers the message. Throws {@link ProviderFailure} when it could not, saying whether another
   * try or another provider may help.
   */
  Delivery deliver(OutboundMessage message);
}
