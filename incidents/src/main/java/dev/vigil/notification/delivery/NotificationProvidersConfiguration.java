package dev.vigil.notification.delivery;

import dev.vigil.notification.Channel;
import dev.vigil.notification.devinbox.DevInboxProvider;
import dev.vigil.notification.smtp.SmtpRelayProvider;
import dev.vigil.notification.twilio.TwilioProvider;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the providers from {@link NotificationSettings}; the dev inbox is the fallback. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({NotificationSettings.class, PageBudgetSettings.class})
class NotificationProvidersConfiguration {

  private static final Logger log =
      LoggerFactory.getLogger(NotificationProvidersConfiguration.class);

  @Bean
  NotificationProviders notificationProviders(
      NotificationSettings settings,
      ObjectProvider<DevInboxProvider> devInbox,
      @Value("${vigil.public-url:http://localhost:8080}") String publicUrl) {
    List<NotificationProvider> configured = new ArrayList<>();
    settings.twilio().forEach(account -> configured.add(new TwilioProvider(account, publicUrl)));
    settings.smtp().forEach(relay -> configured.add(new SmtpRelayProvider(relay)));
    NotificationProviders providers =
        new NotificationProviders(
            configured, devInbox.stream().map(NotificationProvider.class::cast).toList());
    for (Channel channel : Channel.values()) {
      log.info(
          "Providers for {}: {}",
          channel.wireName(),
          providers.forChannel(channel).stream().map(NotificationProvider::name).toList());
    }
    return providers;
  }
}
