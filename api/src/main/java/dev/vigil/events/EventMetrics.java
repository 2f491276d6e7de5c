package dev.vigil.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Counts Events API requests by outcome and reason ({@code vigil_events_total}): accepted (reason
 * {@code none}) or refused, and why. No label names an account, a service or a routing key.
 */
@Component
class EventMetrics {

  enum Refusal {
    /** Not JSON, or a field wrong or missing (400). */
    INVALID,
    /** Well formed, but no integration has that routing key (400). */
    UNKNOWN_ROUTING_KEY,
    /** Over 512 KB (413). */
    TOO_LARGE,
    /** Over the routing key's or the account's rate limit (429). */
    RATE_LIMITED,
    /** Temporal or PostgreSQL could not take it for now; the sender retries (503). */
    UNAVAILABLE,
    /** A failure that retrying would not heal, not foreseen by validation (500). */
    ERROR
  }

  private final Counter accepted;
  private final Map<Refusal, Counter> refused = new EnumMap<>(Refusal.class);

  EventMetrics(MeterRegistry registry) {
    accepted = counter(registry, "accepted", "none");
    for (Refusal refusal : Refusal.values()) {
      refused.put(refusal, counter(registry, "refused", refusal.name().toLowerCase(Locale.ROOT)));
    }
  }

  void accepted() {
    accepted.increment();
  }

  void refused(Refusal why) {
    refused.get(why).increment();
  }

  private static Counter counter(MeterRegistry registry, String outcome, String reason) {
    return Counter.builder("vigil.events")
        .description("Events API requests, accepted or refused, by reason")
        .tag("outcome", outcome)
        .tag("reason", reason)
        .register(registry);
  }
}
