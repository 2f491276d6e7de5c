package dev.vigil.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One token bucket per key (a routing key, an account, an API token, a client address), in this
 * replica's memory. A bucket that has refilled completely is the same as a new one, so it is
 * forgotten when the map grows: memory stays bounded by the keys active in the last period.
 */
public final class KeyedLimiter {

  /** Past this many keys, full buckets are dropped before a new one is added. */
  static final int PRUNE_ABOVE = 10_000;

  private final RateLimitSettings.Limit limit;
  private final ConcurrentMap<Object, Bucket> buckets = new ConcurrentHashMap<>();

  public KeyedLimiter(RateLimitSettings.Limit limit) {
    this.limit = limit;
  }

  /** Takes one token for the key, or says how long until one is there. */
  public Admission tryAcquire(Object key) {
    if (limit.off()) {
      return Admission.ADMITTED;
    }
    ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
    return probe.isConsumed()
        ? Admission.ADMITTED
        : Admission.refused(Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }

  /** Gives back a token taken by a request that another limit then refused. */
  public void refund(Object key) {
    Bucket bucket = limit.off() ? null : buckets.get(key);
    if (bucket != null) {
      bucket.addTokens(1);
    }
  }

  /** Whether the key has no token left now, without taking one. */
  public Admission peek(Object key) {
    Bucket bucket = limit.off() ? null : buckets.get(key);
    if (bucket == null) {
      return Admission.ADMITTED;
    }
    long waitNanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
    return waitNanos == 0 ? Admission.ADMITTED : Admission.refused(Duration.ofNanos(waitNanos));
  }

  public RateLimitSettings.Limit limit() {
    return limit;
  }

  private Bucket bucket(Object key) {
    Bucket existing = buckets.get(key);
    if (existing != null) {
      return existing;
    }
    if (buckets.size() > PRUNE_ABOVE) {
      buckets.values().removeIf(b -> b.getAvailableTokens() >= limit.burst());
    }
    return buckets.computeIfAbsent(
        key,
        k ->
            Bucket.builder()
                .addLimit(
                    l -> l.capacity(limit.burst()).refillGreedy(limit.perMinute(), limit.period()))
                .build());
  }

  /** A request let through, or refused until {@code retryAfter} has passed. */
  public record Admission(boolean admitted, Duration retryAfter) {

    static final Admission ADMITTED = new Admission(true, Duration.ZERO);

    static Admission refused(Duration retryAfter) {
      return new Admission(false, retryAfter);
    }

    /** Whole seconds for a {@code Retry-After} header: rounded up, at least 1. */
    public long retryAfterSeconds() {
      long seconds = (retryAfter.toMillis() + 999) / 1000;
      return Math.max(1, seconds);
    }
  }
}
