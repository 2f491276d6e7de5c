package dev.vigil.events;

import dev.vigil.ratelimit.KeyedLimiter;
import dev.vigil.ratelimit.KeyedLimiter.Admission;
import dev.vigil.ratelimit.RateLimitSettings;
import org.springframework.stereotype.Component;

/**
 * The Events API's limits: events per routing key, and per account across its keys, so one noisy
 * integration cannot take a whole account's allowance and one account cannot take a replica's
 * (docs/decisions/0018).
 */
@Component
class EventRateLimits {

  private final KeyedLimiter perRoutingKey;
  private final KeyedLimiter perAccount;

  EventRateLimits(RateLimitSettings settings) {
    this.perRoutingKey = new KeyedLimiter(settings.routingKey());
    this.perAccount = new KeyedLimiter(settings.account());
  }

  /**
   * Takes one event from the routing key's and the account's allowance.
   *
   * @throws EventThrottledException when either is used up; neither is then charged
   */
  void admit(String routingKey, long accountId) {
    Admission key = perRoutingKey.tryAcquire(routingKey);
    if (!key.admitted()) {
      throw new EventThrottledException(
          key,
          "'routing_key' sent more than "
              + perRoutingKey.limit().perMinute()
              + " events a minute (burst "
              + perRoutingKey.limit().burst()
              + ")");
    }
    Admission account = perAccount.tryAcquire(accountId);
    if (!account.admitted()) {
      perRoutingKey.refund(routingKey);
      throw new EventThrottledException(
          account,
          "The account's integrations sent more than "
              + perAccount.limit().perMinute()
              + " events a minute (burst "
              + perAccount.limit().burst()
              + ")");
    }
  }

  /** A heartbeat ping: from its monitor's allowance (as a routing key's) and its account's. */
  void admitPing(long monitorId, long accountId) {
    admit("heartbeat-" + monitorId, accountId);
  }
}
