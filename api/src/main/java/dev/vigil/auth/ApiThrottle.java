package dev.vigil.auth;

import dev.vigil.ratelimit.KeyedLimiter;
import dev.vigil.ratelimit.KeyedLimiter.Admission;
import dev.vigil.ratelimit.RateLimitSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The REST API's limits (docs/decisions/0018): requests per API token, and wrong tokens per client
 * address, which wrong passwords spend too. Refusals count in {@code
 * vigil_api_throttled_total{reason}}: {@code rate_limited} (a token over its rate) or {@code
 * bad_tokens} (an address that presented too many wrong tokens or passwords).
 */
@Component
class ApiThrottle {

  private final KeyedLimiter perToken;
  private final KeyedLimiter badTokensPerAddress;
  private final Counter rateLimited;
  private final Counter badTokens;

  ApiThrottle(RateLimitSettings settings, MeterRegistry registry) {
    this.perToken = new KeyedLimiter(settings.apiToken());
    this.badTokensPerAddress = new KeyedLimiter(settings.badTokenLimit());
    this.rateLimited = counter(registry, "rate_limited");
    this.badTokens = counter(registry, "bad_tokens");
  }

  /**
   * Whether the address has used up its wrong tokens. While it has, every token it presents is
   * refused unread, good or bad: answering a good one would tell a guesser when it guessed right.
   */
  Admission addressAllowed(String address) {
    Admission admission = badTokensPerAddress.peek(address);
    if (!admission.admitted()) {
      badTokens.increment();
    }
    return admission;
  }

  /** A wrong API token or a wrong password: both spend the address's allowance. */
  void wrongCredentials(String address) {
    badTokensPerAddress.tryAcquire(address);
  }

  Admission request(ApiCaller caller) {
    Admission admission = perToken.tryAcquire(caller.tokenId());
    if (!admission.admitted()) {
      rateLimited.increment();
    }
    return admission;
  }

  int tokenLimitPerMinute() {
    return perToken.limit().perMinute();
  }

  private static Counter counter(MeterRegistry registry, String reason) {
    return Counter.builder("vigil.api.throttled")
        .description("REST API requests refused with 429, by reason")
        .tag("reason", reason)
        .register(registry);
  }
}
