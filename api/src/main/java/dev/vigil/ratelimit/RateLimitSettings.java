package dev.vigil.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The limits of the Events and REST APIs (README, "Configuration"; docs/decisions/0018). Each is
 * kept in memory by each replica.
 *
 * @param routingKey Events API events per routing key
 * @param account Events API events per account, all its routing keys together
 * @param apiToken REST API requests per API token
 * @param badTokens wrong API tokens one client address may present per {@code badTokenWindow}
 *     before it is refused for a while; 0 turns this off
 */
@ConfigurationProperties("vigil.rate-limits")
public record RateLimitSettings(
    Limit routingKey, Limit account, Limit apiToken, int badTokens, Duration badTokenWindow) {

  public RateLimitSettings {
    routingKey = routingKey == null ? Limit.OFF : routingKey;
    account = account == null ? Limit.OFF : account;
    apiToken = apiToken == null ? Limit.OFF : apiToken;
    badTokenWindow = badTokenWindow == null ? Duration.ofMinutes(10) : badTokenWindow;
  }

  /**
   * The limit on wrong tokens as a bucket: the whole allowance at once, refilled over the window.
   */
  public Limit badTokenLimit() {
    return new Limit(badTokens, badTokens, badTokenWindow);
  }

  /**
   * A token bucket: {@code burst} at once after a quiet spell, refilled at {@code perMinute}.
   *
   * @param perMinute sustained rate; 0 turns the limit off
   * @param burst how many at once; 0 means as many as {@code perMinute}
   * @param period the period {@code perMinute} refers to (a minute, unless set otherwise)
   */
  public record Limit(int perMinute, int burst, Duration period) {

    public static final Limit OFF = new Limit(0, 0, null);

    public Limit {
      period = period == null ? Duration.ofMinutes(1) : period;
      burst = burst <= 0 ? perMinute : burst;
    }

    public boolean off() {
      return perMinute <= 0;
    }
  }
}
