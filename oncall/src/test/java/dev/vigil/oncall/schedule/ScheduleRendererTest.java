package dev.vigil.oncall.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The final schedule: higher layers over lower ones, overrides over everything. */
class ScheduleRendererTest {

  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final long ALICE = 1, BOB = 2, CAROL = 3, DAN = 4;

  /** Alice, then Bob, around the clock; weekly handoff Monday 09:00. */
  static final Layer AROUND_THE_CLOCK = weekly("around the clock", List.of(ALICE, BOB));

  @Test
  void businessHoursLayerWinsOverTheAroundTheClockLayerInsideItsHours() {
    List<Restriction> weekdays =
        Stream.of(
                DayOfWeek.MONDAY,
                DayOfWeek.TUESDAY,
                DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)
            .map(day -> Restriction.weekly(day, LocalTime.of(9, 0), Duration.ofHours(8)))
            .toList();
    Layer businessHours =
        new Layer(
            "business hours",
            AROUND_THE_CLOCK.start(),
            null,
            AROUND_THE_CLOCK.rotation(),
            List.of(CAROL, DAN),
            weekdays);
    Schedule schedule = schedule(List.of(AROUND_THE_CLOCK, businessHours), List.of());

    // Friday 2026-06-05 to Tuesday 2026-06-09; the handoff is Monday 2026-06-08 09:00.
    assertThat(
            ScheduleRenderer.finalShifts(
                schedule, local("2026-06-05T00:00"), local("2026-06-09T00:00")))
        .containsExactly(
            new Shift(ALICE, local("2026-06-05T00:00"), local("2026-06-05T09:00")),
            new Shift(CAROL, local("2026-06-05T09:00"), local("2026-06-05T17:00")),
            new Shift(ALICE, local("2026-06-05T17:00"), local("2026-06-08T09:00")),
            new Shift(DAN, local("2026-06-08T09:00"), local("2026-06-08T17:00")),
            new Shift(BOB, local("2026-06-08T17:00"), local("2026-06-09T00:00")));
    assertThat(ScheduleRenderer.onCallAt(schedule, local("2026-06-06T12:00"))).contains(ALICE);
    assertThat(ScheduleRenderer.onCallAt(schedule, local("2026-06-08T16:59"))).contains(DAN);
  }

  @Test
  void overrideInsideAShiftSplitsItIntoThree() {
    ScheduleOverride bobCovers =
        new ScheduleOverride(BOB, local("2026-06-03T12:00"), local("2026-06-03T14:00"));
    Schedule schedule = schedule(List.of(AROUND_THE_CLOCK), List.of(bobCovers));

    assertThat(
            ScheduleRenderer.finalShifts(
                schedule, local("2026-06-01T09:00"), local("2026-06-08T09:00")))
        .containsExactly(
            new Shift(ALICE, local("2026-06-01T09:00"), local("2026-06-03T12:00")),
            new Shift(BOB, local("2026-06-03T12:00"), local("2026-06-03T14:00")),
            new Shift(ALICE, local("2026-06-03T14:00"), local("2026-06-08T09:00")));
  }

  @Test
  void laterOverrideWinsWhereOverridesOverlap() {
    ScheduleOverride bob =
        new ScheduleOverride(BOB, local("2026-06-03T10:00"), local("2026-06-03T14:00"));
    ScheduleOverride carol =
        new ScheduleOverride(CAROL, local("2026-06-03T12:00"), local("2026-06-03T16:00"));
    Instant from = local("2026-06-03T09:00");
    Instant to = local("2026-06-03T17:00");

    assertThat(
            ScheduleRenderer.finalShifts(
                schedule(List.of(AROUND_THE_CLOCK), List.of(bob, carol)), from, to))
        .containsExactly(
            new Shift(ALICE, from, local("2026-06-03T10:00")),
            new Shift(BOB, local("2026-06-03T10:00"), local("2026-06-03T12:00")),
            new Shift(CAROL, local("2026-06-03T12:00"), local("2026-06-03T16:00")),
            new Shift(ALICE, local("2026-06-03T16:00"), to));
    assertThat(
            ScheduleRenderer.finalShifts(
                schedule(List.of(AROUND_THE_CLOCK), List.of(carol, bob)), from, to))
        .containsExactly(
            new Shift(ALICE, from, local("2026-06-03T10:00")),
            new Shift(BOB, local("2026-06-03T10:00"), local("2026-06-03T14:00")),
            new Shift(CAROL, local("2026-06-03T14:00"), local("2026-06-03T16:00")),
            new Shift(ALICE, local("2026-06-03T16:00"), to));
  }

  @Test
  void overrideBySomeoneAlreadyOnCallLeavesOneShift() {
    ScheduleOverride alice =
        new ScheduleOverride(ALICE, local("2026-06-03T12:00"), local("2026-06-03T14:00"));
    Schedule schedule = schedule(List.of(AROUND_THE_CLOCK), List.of(alice));

    assertThat(
            ScheduleRenderer.finalShifts(
                schedule, local("2026-06-02T00:00"), local("2026-06-04T00:00")))
        .containsExactly(new Shift(ALICE, local("2026-06-02T00:00"), local("2026-06-04T00:00")));
  }

  @Test
  void nobodyIsOnCallOutsideEveryLayerAndOverride() {
    Layer daytime =
        new Layer(
            "daytime",
            local("2026-06-01T00:00"),
            local("2026-06-03T00:00"),
            AROUND_THE_CLOCK.rotation(),
            List.of(ALICE),
            List.of(Restriction.daily(LocalTime.of(8, 0), Duration.ofHours(12))));
    Schedule schedule = schedule(List.of(daytime), List.of());

    assertThat(
            ScheduleRenderer.finalShifts(
                schedule, local("2026-05-31T00:00"), local("2026-06-05T00:00")))
        .containsExactly(
            new Shift(ALICE, local("2026-06-01T08:00"), local("2026-06-01T20:00")),
            new Shift(ALICE, local("2026-06-02T08:00"), local("2026-06-02T20:00")));
    assertThat(ScheduleRenderer.onCallAt(schedule, local("2026-06-01T21:00"))).isEmpty();
    assertThat(ScheduleRenderer.onCallAt(schedule, local("2026-06-03T12:00"))).isEmpty();
    assertThat(ScheduleRenderer.onCallAt(schedule, local("2026-06-02T19:59"))).contains(ALICE);
  }

  @Test
  void shiftsOfAUserAreTheirShiftsInTheFinalSchedule() {
    ScheduleOverride bobCovers =
        new ScheduleOverride(BOB, local("2026-06-03T12:00"), local("2026-06-03T14:00"));
    Schedule schedule = schedule(List.of(AROUND_THE_CLOCK), List.of(bobCovers));

    assertThat(
            ScheduleRenderer.shiftsOf(
                schedule, BOB, local("2026-06-01T00:00"), local("2026-06-16T00:00")))
        .containsExactly(
            // Until the first handoff it is turn -1: Bob's.
            new Shift(BOB, local("2026-06-01T00:00"), local("2026-06-01T09:00")),
            new Shift(BOB, local("2026-06-03T12:00"), local("2026-06-03T14:00")),
            new Shift(BOB, local("2026-06-08T09:00"), local("2026-06-15T09:00")));
  }

  @Test
  void rejectsARangeThatEndsBeforeItStarts() {
    Schedule schedule = schedule(List.of(AROUND_THE_CLOCK), List.of());

    assertThatThrownBy(
            () ->
                ScheduleRenderer.finalShifts(
                    schedule, local("2026-06-02T00:00"), local("2026-06-01T00:00")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(
            ScheduleRenderer.finalShifts(
                schedule, local("2026-06-02T00:00"), local("2026-06-02T00:00")))
        .isEmpty();
  }

  @Test
  void aYearOfHourlyTurnsWithRestrictionsRendersWithoutGapsOrOverlaps() {
    Rotation hourly = new Rotation(LocalDateTime.parse("2026-01-01T00:00"), 1, RotationUnit.HOURS);
    Instant start = local("2026-01-01T00:00");
    Layer everyone =
        new Layer("everyone", start, null, hourly, List.of(ALICE, BOB, CAROL, DAN), List.of());
    Layer daytime =
        new Layer(
            "daytime",
            start,
            null,
            hourly,
            List.of(DAN, CAROL, BOB),
            List.of(
                Restriction.daily(LocalTime.of(8, 0), Duration.ofHours(10)),
                Restriction.weekly(DayOfWeek.SATURDAY, LocalTime.of(22, 0), Duration.ofHours(30))));
    List<ScheduleOverride> overrides = new ArrayList<>();
    for (int day = 0; day < 365; day += 3) {
      Instant overrideStart = start.plus(Duration.ofDays(day)).plus(Duration.ofMinutes(90));
      overrides.add(new ScheduleOverride(ALICE, overrideStart, overrideStart.plusSeconds(5400)));
    }
    Schedule schedule = schedule(List.of(everyone, daytime), overrides);

    List<Shift> year = ScheduleRenderer.finalShifts(schedule, start, local("2027-01-01T00:00"));

    // Every hour of the year is covered once: no gap, no overlap (how fast is the benchmark's).
    assertThat(year).hasSizeGreaterThan(6000);
    for (int i = 1; i < year.size(); i++) {
      assertThat(year.get(i).start()).isEqualTo(year.get(i - 1).end());
    }
    assertThat(year.get(0).start()).isEqualTo(start);
    assertThat(year.get(year.size() - 1).end()).isEqualTo(local("2027-01-01T00:00"));
  }

  static Layer weekly(String name, List<Long> members) {
    return new Layer(
        name,
        Instant.parse("2026-01-01T00:00:00Z"),
        null,
        new Rotation(LocalDateTime.parse("2026-06-01T09:00"), 1, RotationUnit.WEEKS),
        members,
        List.of());
  }

  static Schedule schedule(List<Layer> layers, List<ScheduleOverride> overrides) {
    return new Schedule(NEW_YORK, layers, overrides);
  }

  static Instant local(String localDateTime) {
    return ZonedDateTime.of(LocalDateTime.parse(localDateTime), NEW_YORK).toInstant();
  }
}
