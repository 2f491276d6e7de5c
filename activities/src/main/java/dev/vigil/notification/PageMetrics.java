package dev.vigil.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Counts pages per channel, provider and outcome ({@code vigil_pages_total}) and hand-overs to a
 * backup provider ({@code vigil_page_failovers_total}). Labels are the channel and the configured
 * provider name only, never an account or an address. Every provider's series exist from the start
 * at zero, so a rate can be taken before the first page.
 */
@Component
public class PageMetrics {

  static final String PAGES = "vigil.pages";
  static final String FAILOVERS = "vigil.page.failovers";

  private final MeterRegistry registry;

  public PageMetrics(ObjectProvider<MeterRegistry> registry, NotificationProviders providers) {
    this.registry = registry.getIfAvailable(() -> Metrics.globalRegistry);
    for (Channel channel : Channel.values()) {
      failovers(channel);
      for (NotificationProvider provider : providers.forChannel(channel)) {
        pages(channel, provider.name(), "sent");
        pages(channel, provider.name(), "failed");
      }
    }
  }

  /** A provider took the page. */
  void sent(Channel channel, String provider) {
    pages(channel, provider, "sent").increment();
  }

  /** A provider could not take the page (one attempt: a retry that fails counts again). */
  void failed(Channel channel, String provider) {
    pages(channel, provider, "failed").increment();
  }

  /** A page went to the next provider because the one before it failed. */
  void failedOver(Channel channel) {
    failovers(channel).increment();
  }

  private Counter pages(Channel channel, String provider, String outcome) {
    return Counter.builder(PAGES)
        .description("Pages handed to a provider, per channel, provider and outcome")
        .tag("channel", channel.wireName())
        .tag("provider", provider)
        .tag("outcome", outcome)
        .register(registry);
  }

  private Counter failovers(Channel channel) {
    return Counter.builder(FAILOVERS)
        .description("Pages handed to a backup provider after the one before it failed")
        .tag("channel", channel.wireName())
        .register(registry);
  }
}
