package dev.vigil.oncall.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Layers that are on call only inside their windows, read on the wall clock of the zone. */
class RestrictionTest {

  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final long ALICE = 1, BOB = 2;

  @Test
  void nightWindowCrossesMidnightAndHandsOffInsideIt() {
    // Daily handoff at midnight, on call 22:00-06:00: each night is split between two people.
    Layer nights =
        layer(
            new Rotation(LocalDateTime.parse("2026-06-01T00:00"), 1, RotationUnit.DAYS),
            List.of(ALICE, BOB),
            Restriction.daily(LocalTime.of(22, 0), Duration.ofHours(8)));

    List<Shift> shifts =
        ScheduleRenderer.layerShifts(
            schedule(nights), 0, local("2026-06-01T00:00"), local("2026-06-03T00:00"));

    assertThat(shifts)
        .containsExactly(
            new Shift(ALICE, local("2026-06-01T00:00"), local("2026-06-01T06:00")),
            new Shift(ALICE, local("2026-06-01T22:00"), local("2026-06-02T00:00")),
            new Shift(BOB, local("2026-06-02T00:00"), local("2026-06-02T06:00")),
            new Shift(BOB, local("2026-06-02T22:00"), local("2026-06-03T00:00")));
  }

  @Test
  void nightWindowEndsAtSixLocalOnTheSpringForwardNight() {
    Layer nights =
        layer(
            new Rotation(LocalDateTime.parse("2026-03-01T12:00"), 1, RotationUnit.WEEKS),
            List.of(ALICE),
            Restriction.daily(LocalTime.of(22, 0), Duration.ofHours(8)));

    List<Shift> shifts =
        ScheduleRenderer.layerShifts(
            schedule(nights), 0, local("2026-03-07T12:00"), local("2026-03-08T12:00"));

    // Wall-clock windows: 22:00-06:00 local, which is 7 real hours on the night clocks jump.
    assertThat(shifts)
        .containsExactly(new Shift(ALICE, local("2026-03-07T22:00"), local("2026-03-08T06:00")));
    assertThat(shifts.get(0).duration()).isEqualTo(Duration.ofHours(7));
  }

  @Test
  void weeklyWindowCrossesTheEndOfTheWeek() {
    // Weekend cover from Friday 18:00 to Monday 08:00: 62 hours.
    Layer weekends =
        layer(
            new Rotation(LocalDateTime.parse("2026-06-05T18:00"), 1, RotationUnit.WEEKS),
            List.of(ALICE, BOB),
            Restriction.weekly(DayOfWeek.FRIDAY, LocalTime.of(18, 0), Duration.ofHours(62)));

    List<Shift> shifts =
        ScheduleRenderer.layerShifts(
            schedule(weekends), 0, local("2026-06-01T00:00"), local("2026-06-15T00:00"));

    // The weekend before the first handoff is turn -1: Bob's, the last member's.
    assertThat(shifts)
        .containsExactly(
            new Shift(BOB, local("2026-06-01T00:00"), local("2026-06-01T08:00")),
            new Shift(ALICE, local("2026-06-05T18:00"), local("2026-06-08T08:00")),
            new Shift(BOB, local("2026-06-12T18:00"), local("2026-06-15T00:00")));
  }

  @Test
  void windowsThatTouchOrOverlapGiveOneShift() {
    Layer layer =
        layer(
            new Rotation(LocalDateTime.parse("2026-06-01T00:00"), 1, RotationUnit.WEEKS),
            List.of(ALICE),
            Restriction.daily(LocalTime.of(9, 0), Duration.ofHours(8)),
            Restriction.daily(LocalTime.of(17, 0), Duration.ofHours(2)),
            Restriction.weekly(DayOfWeek.TUESDAY, LocalTime.of(8, 0), Duration.ofHours(2)));

    List<Shift> shifts =
        ScheduleRenderer.layerShifts(
            schedule(layer), 0, local("2026-06-02T00:00"), local("2026-06-03T00:00"));

    assertThat(shifts)
        .containsExactly(new Shift(ALICE, local("2026-06-02T08:00"), local("2026-06-02T19:00")));
  }

  @Test
  void aFullDayWindowCoversAlways() {
    Layer layer =
        layer(
            new Rotation(LocalDateTime.parse("2026-03-01T09:00"), 1, RotationUnit.WEEKS),
            List.of(ALICE),
            Restriction.daily(LocalTime.of(9, 0), Duration.ofHours(24)));

    List<Shift> shifts =
        ScheduleRenderer.layerShifts(
            schedule(layer), 0, local("2026-03-01T00:00"), local("2026-03-15T00:00"));

    assertThat(shifts)
        .containsExactly(new Shift(ALICE, local("2026-03-01T00:00"), local("2026-03-15T00:00")));
  }

  static Layer layer(Rotation rotation, List<Long> members, Restriction... restrictions) {
    return new Layer(
        "restricted",
        Instant.parse("2020-01-01T00:00:00Z"),
        null,
        rotation,
        members,
        List.of(restrictions));
  }

  static Schedule schedule(Layer layer) {
    return new Schedule(NEW_YORK, List.of(layer), List.of());
  }

  static Instant local(String localDateTime) {
    return ZonedDateTime.of(LocalDateTime.parse(localDateTime), NEW_YORK).toInstant();
  }
}
