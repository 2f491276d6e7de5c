package dev.vigil.oncall.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random schedules and ranges drawn from one seed, so that a failing property names the seed that
 * reproduces it. Biased towards the hard cases: zones with odd daylight-saving rules, handoffs and
 * windows in the small hours where clocks change, turns before the first handoff, windows that
 * cross midnight or the end of the week, overlapping overrides.
 */
final class RandomSchedules {

  static final List<ZoneId> ZONES =
      List.of(
          ZoneId.of("America/New_York"),
          ZoneId.of("Europe/London"),
          ZoneId.of("Australia/Lord_Howe"), // half-hour daylight-saving shift
          ZoneId.of("Asia/Kolkata"), // +05:30, no daylight saving
          ZoneId.of("Pacific/Chatham"), // +12:45 / +13:45
          ZoneId.of("UTC"));

  static final Instant EARLIEST = Instant.parse("2024-01-01T00:00:00Z");

  private final Random random;

  RandomSchedules(long seed) {
    this.random = new Random(seed);
  }

  /** A half-open range {@code [from, to)}. */
  record Range(Instant from, Instant to) {}

  ZoneId zone() {
    return pick(ZONES);
  }

  /** From an hour to two years long, starting within 2024–2026. */
  Range range() {
    Instant from =
        EARLIEST.plusSeconds(random.nextLong(3L * 365 * 86400)).plusMillis(between(0, 999));
    Duration length =
        switch (random.nextInt(3)) {
          case 0 -> Duration.ofMinutes(between(60, 2 * 24 * 60));
          case 1 -> Duration.ofHours(between(48, 60 * 24));
          default -> Duration.ofHours(between(60 * 24, 2 * 365 * 24));
        };
    return new Range(from, from.plus(length));
  }

  Instant instantIn(Instant from, Instant to) {
    long span = Duration.between(from, to).toMillis();
    return span <= 0 ? from : from.plusMillis(random.nextLong(span));
  }

  Schedule schedule(ZoneId zone, Range range) {
    List<Layer> layers = new ArrayList<>();
    int layerCount = between(1, 3);
    for (int i = 0; i < layerCount; i++) {
      layers.add(layer("layer " + i, range, members(between(1, 4), true), restrictions()));
    }
    return new Schedule(zone, layers, overrides(range));
  }

  /** One unrestricted layer whose members never repeat back to back: every handoff shows. */
  Schedule handoffSchedule(ZoneId zone, Range range) {
    Layer layer =
        new Layer(
            "handoffs",
            range.from().minus(Duration.ofDays(400)),
            null,
            rotation(),
            members(between(2, 4), false),
            List.of());
    return new Schedule(zone, List.of(layer), List.of());
  }

  Layer layer(String name, Range range, List<Long> members, List<Restriction> restrictions) {
    Instant start =
        random.nextBoolean()
            ? range.from().minus(Duration.ofHours(between(0, 24 * 90)))
            : instantIn(range.from(), range.to());
    Instant end =
        random.nextBoolean() ? null : start.plus(Duration.ofMinutes(between(60, 365 * 24 * 60)));
    return new Layer(name, start, end, rotation(), members, restrictions);
  }

  Rotation rotation() {
    RotationUnit unit = pick(List.of(RotationUnit.values()));
    int length =
        switch (unit) {
          case HOURS -> pick(List.of(1, 2, 3, 8, 12, 24, 25, 36, 168));
          case DAYS -> between(1, 7);
          case WEEKS -> between(1, 3);
        };
    LocalDateTime firstHandoff =
        LocalDateTime.of(2023, 6, 1, 0, 0).plusDays(between(0, 365 * 4)).with(localTime());
    return new Rotation(firstHandoff, length, unit);
  }

  /** Often in the small hours, where most zones put their daylight-saving gaps and overlaps. */
  LocalTime localTime() {
    int hour = random.nextInt(3) == 0 ? between(0, 3) : between(0, 23);
    return LocalTime.of(hour, pick(List.of(0, 15, 30, 45)));
  }

  List<Long> members(int count, boolean mayRepeat) {
    List<Long> members = new ArrayList<>();
    while (members.size() < count) {
      long user = between(1, 6);
      if (mayRepeat || !members.contains(user)) {
        members.add(user);
      }
    }
    return members;
  }

  List<Restriction> restrictions() {
    List<Restriction> restrictions = new ArrayList<>();
    int count = random.nextBoolean() ? 0 : between(1, 3);
    for (int i = 0; i < count; i++) {
      if (random.nextBoolean()) {
        Duration length =
            random.nextInt(10) == 0 ? Duration.ofHours(24) : Duration.ofMinutes(between(30, 1440));
        restrictions.add(Restriction.daily(localTime(), length));
      } else {
        Duration length =
            random.nextInt(10) == 0
                ? Duration.ofDays(7)
                : Duration.ofMinutes(between(30, 7 * 1440));
        restrictions.add(
            Restriction.weekly(pick(List.of(DayOfWeek.values())), localTime(), length));
      }
    }
    return restrictions;
  }

  List<ScheduleOverride> overrides(Range range) {
    List<ScheduleOverride> overrides = new ArrayList<>();
    int count = between(0, 4);
    for (int i = 0; i < count; i++) {
      Instant start = instantIn(range.from().minus(Duration.ofDays(1)), range.to());
      Duration length = Duration.ofMinutes(between(15, 3 * 24 * 60));
      overrides.add(new ScheduleOverride(between(1, 6), start, start.plus(length)));
    }
    return overrides;
  }

  int between(int min, int max) {
    return min + random.nextInt(max - min + 1);
  }

  long between(long min, long max) {
    return min + random.nextLong(max - min + 1);
  }

  <T> T pick(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }
}
