package dev.vigil.oncall.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * When a layer hands off from one member to the next. Turn {@code k} starts at handoff {@code k};
 * turn 0 starts at {@code firstHandoff}, and turns before it (negative {@code k}) exist too, so a
 * layer may start before its first handoff.
 *
 * @param firstHandoff local date-time of handoff 0 in the schedule's zone
 * @param length turns last this many units, at least 1
 * @param unit {@link RotationUnit#HOURS} counts absolute hours from the instant of {@code
 *     firstHandoff}; {@link RotationUnit#DAYS} and {@link RotationUnit#WEEKS} add calendar days to
 *     the local date-time, then read it in the zone by the {@link WallClock} rule: a 09:00 handoff
 *     stays 09:00 local on both sides of a daylight-saving change.
 */
public record Rotation(LocalDateTime firstHandoff, int length, RotationUnit unit) {

  /** The instant turn {@code turn} starts in {@code zone}. Non-decreasing in {@code turn}. */
  public Instant handoff(long turn, ZoneId zone) {
    long units = Math.multiplyExact(turn, (long) length);
    return switch (unit) {
      case HOURS -> WallClock.toInstant(firstHandoff, zone).plus(Duration.ofHours(units));
      case DAYS -> WallClock.toInstant(firstHandoff.plusDays(units), zone);
      case WEEKS -> WallClock.toInstant(firstHandoff.plusWeeks(units), zone);
    };
  }

  /**
   * The turn running at {@code instant}: the {@code k} with {@code handoff(k) <= instant <
   * handoff(k + 1)}. Estimated arithmetically, then corrected by stepping, so it is exact even
   * where daylight-saving changes make turns longer or shorter (and where a zone skips a whole day,
   * which leaves a turn of zero length that no instant belongs to).
   */
  public long turnAt(Instant instant, ZoneId zone) {
    long turn = estimateTurn(instant, zone);
    while (handoff(turn, zone).isAfter(instant)) {
      turn--;
    }
    while (!handoff(turn + 1, zone).isAfter(instant)) {
      turn++;
    }
    return turn;
  }

  private long estimateTurn(Instant instant, ZoneId zone) {
    if (unit == RotationUnit.HOURS) {
      long seconds =
          Duration.between(WallClock.toInstant(firstHandoff, zone), instant).getSeconds();
      return Math.floorDiv(seconds, length * 3600L);
    }
    long days = ChronoUnit.DAYS.between(firstHandoff, LocalDateTime.ofInstant(instant, zone));
    long daysPerTurn = unit == RotationUnit.WEEKS ? 7L * length : length;
    return Math.floorDiv(days, daysPerTurn);
  }
}
