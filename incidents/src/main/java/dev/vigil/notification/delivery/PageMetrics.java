package dev.vigil.notification.delivery;

import dev.vigil.notification.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Counts pages per channel, provider and outcome ({@code vigil_pages_total}), hand-overs to a
 * backup provider ({@code vigil_page_failovers_total}), pages a person's budget held ({@code
 * vigil_pages_held_total}), held pages that went out carried by another message ({@code
 * vigil_pages_bundled_total}) and digests of held pages ({@code vigil_page_digests_total}). Labels
 * are the channel and the configured provider name only, never an account or an address. Every
 * provider's series exist from the start at zero, so a rate can be taken before the first page.
 */
@Component
public class PageMetrics {

  static final String PAGES = "vigil.pages";
  static final String FAILOVERS = "vigil.page.failovers";
  static final String HELD = "vigil.pages.held";
  static final String BUNDLED = "vigil.pages.bundled";
  static final String DIGESTS = "vigil.page.digests";

  private final MeterRegistry registry;

  public PageMetrics(ObjectProvider<MeterRegistry> registry, NotificationProviders providers) {
    this.registry = registry.getIfAvailable(() -> Metrics.globalRegistry);
    for (Channel channel : Channel.values()) {
      failovers(channel);
      perChannel(HELD, "Pages held by the person's page budget", channel);
      perChannel(BUNDLED, "Held pages that went out carried by another message", channel);
      perChannel(DIGESTS, "Digests of held pages sent", channel);
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

  /** The person's budget for the channel was spent: the page waits for the next message. */
  void held(Channel channel) {
    perChannel(HELD, "Pages held by the person's page budget", channel).increment();
  }

  /** Held pages that went out in a message about another page, or in a digest. */
  void bundled(Channel channel, int pages) {
    perChannel(BUNDLED, "Held pages that went out carried by another message", channel)
        .increment(pages);
  }

  /** A digest of held pages went out. */
  void digest(Channel channel) {
    perChannel(DIGESTS, "Digests of held pages sent", channel).increment();
  }

  private Counter perChannel(String name, String description, Channel channel) {
    return Counter.builder(name)
        .description(description)
        .tag("channel", channel.wireName())
        .register(registry);
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
