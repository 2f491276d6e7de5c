package dev.vigil.oncall.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Who is on call at one instant, worked out straight from the definition and independently of the
 * renderer: no sweeps, no estimates, just "which window holds this instant, which turn is running".
 * Slow, and obviously right: the properties compare the renderer against it.
 */
final class OnCallByDefinition {

  private OnCallByDefinition() {}

  static Optional<Long> onCallAt(Schedule schedule, Instant instant) {
    List<ScheduleOverride> overrides = schedule.overrides();
    for (int i = overrides.size() - 1; i >= 0; i--) {
      ScheduleOverride override = overrides.get(i);
      if (!instant.isBefore(override.start()) && instant.isBefore(override.end())) {
        return Optional.of(override.userId());
      }
    }
    for (int i = schedule.layers().size() - 1; i >= 0; i--) {
      Optional<Long> member = layerOnCallAt(schedule, i, instant);
      if (member.isPresent()) {
        return member;
      }
    }
    return Optional.empty();
  }

  static Optional<Long> layerOnCallAt(Schedule schedule, int layerIndex, Instant instant) {
    Layer layer = schedule.layers().get(layerIndex);
    boolean active =
        !instant.isBefore(layer.start()) && (layer.end() == null || instant.isBefore(layer.end()));
    boolean inWindow =
        layer.restrictions().isEmpty()
            || layer.restrictions().stream().anyMatch(r -> inWindow(r, schedule.zone(), instant));
    if (!active || !inWindow) {
      return Optional.empty();
    }
    return Optional.of(layer.memberOnTurn(turnAt(layer.rotation(), schedule.zone(), instant)));
  }

  /** Whether some occurrence of the window, opened on some local date, holds the instant. */
  static boolean inWindow(Restriction restriction, ZoneId zone, Instant instant) {
    LocalDate today = LocalDate.ofInstant(instant, zone);
    for (LocalDate date = today.minusDays(8); !date.isAfter(today.plusDays(1)); ) {
      if (restriction.isDaily() || date.getDayOfWeek() == restriction.day()) {
        LocalDateTime opens = date.atTime(restriction.start());
        Instant start = ZonedDateTime.of(opens, zone).toInstant();
        Instant end = ZonedDateTime.of(opens.plus(restriction.length()), zone).toInstant();
        if (!instant.isBefore(start) && instant.isBefore(end)) {
          return true;
        }
      }
      date = date.plusDays(1);
    }
    return false;
  }

  /** Handoff {@code turn} as the definition says, with {@code ZonedDateTime.of} for local times. */
  static Instant handoff(Rotation rotation, ZoneId zone, long turn) {
    LocalDateTime first = rotation.firstHandoff();
    long units = turn * rotation.length();
    return switch (rotation.unit()) {
      case HOURS -> ZonedDateTime.of(first, zone).toInstant().plusSeconds(units * 3600);
      case DAYS -> ZonedDateTime.of(first.plusDays(units), zone).toInstant();
      case WEEKS -> ZonedDateTime.of(first.plusDays(7 * units), zone).toInstant();
    };
  }

  /** The largest turn whose handoff is not after the instant, by doubling then bisecting. */
  static long turnAt(Rotation rotation, ZoneId zone, Instant instant) {
    long below = -1;
    while (handoff(rotation, zone, below).isAfter(instant)) {
      below *= 2;
    }
    long above = 1;
    while (!handoff(rotation, zone, above).isAfter(instant)) {
      above *= 2;
    }
    while (above - below > 1) {
      long middle = below + (above - below) / 2;
      if (handoff(rotation, zone, middle).isAfter(instant)) {
        above = middle;
      } else {
        below = middle;
      }
    }
    return below;
  }
}
