package dev.vigil.notification.delivery;

import dev.vigil.notification.Channel;
import java.util.List;
import java.util.Optional;

/**
 * The providers, per channel in order of preference: the configured ones (Twilio accounts, SMTP
 * relays) in configuration order; for a channel with none, the fallbacks (the dev inbox, when
 * enabled). A fallback never backs up a real provider: a page that Twilio could not send must not
 * vanish into a dev inbox nobody reads.
 */
public class NotificationProviders {

  private final List<NotificationProvider> configured;
  private final List<NotificationProvider> fallbacks;

  public NotificationProviders(
      List<NotificationProvider> configured, List<NotificationProvider> fallbacks) {
    this.configured = List.copyOf(configured);
    this.fallbacks = List.copyOf(fallbacks);
  }

  public NotificationProviders(List<NotificationProvider> configured) {
    this(configured, List.of());
  }

  /** Primary first; empty when nothing can send on the channel. */
  public List<NotificationProvider> forChannel(Channel channel) {
    List<NotificationProvider> real = supporting(configured, channel);
    return real.isEmpty() ? supporting(fallbacks, channel) : real;
  }

  /** The names of the channel's providers, in the order they are tried. */
  public List<String> namesFor(Channel channel) {
    return forChannel(channel).stream().map(NotificationProvider::name).toList();
  }

  public Optional<NotificationProvider> primaryFor(Channel channel) {
    return forChannel(channel).stream().findFirst();
  }

  /** The provider of that name, if it sends on the channel. */
  public Optional<NotificationProvider> named(String name, Channel channel) {
    return forChannel(channel).stream().filter(p -> p.name().equals(name)).findFirst();
  }

  private static List<NotificationProvider> supporting(
      List<NotificationProvider> providers, Channel channel) {
    return providers.stream().filter(p -> p.channels().contains(channel)).toList();
  }
}
