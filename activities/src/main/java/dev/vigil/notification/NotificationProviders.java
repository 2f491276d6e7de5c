package dev.vigil.notification;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The configured providers, in order of preference. */
@Component
public class NotificationProviders {

  private final List<NotificationProvider> providers;

  public NotificationProviders(List<NotificationProvider> providers) {
    this.providers = List.copyOf(providers);
  }

  public Optional<NotificationProvider> primaryFor(Channel channel) {
    return providers.stream().filter(p -> p.channels().contains(channel)).findFirst();
  }
}
