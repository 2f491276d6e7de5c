package dev.vigil.oncall.schedule;

import java.time.Duration;
import java.time.Instant;

/** A user on call from {@code start} (inclusive) to {@code end} (exclusive). */
public record Shift(long userId, Instant start, Instant end) {

  public Duration duration() {
    return Duration.between(start, end);
  }

  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }
}
