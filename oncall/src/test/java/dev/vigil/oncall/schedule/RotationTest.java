package dev.vigil.oncall.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Handoffs across daylight-saving changes, read in the schedule's zone. */
class RotationTest {

  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final long ALICE = 1, BOB = 2, CAROL = 3;

  @Test
  void weeklyHandoffStaysAtNineLocalAcrossTheMarchChangeSoThatShiftIs167Hours() {
    // 2026-03-08 02:00 EST jumps to 03:00 EDT, inside Alice's week.
    Schedule schedule = weeklyAtNine(LocalDateTime.parse("2026-03-02T09:00"));

    List<Shift> shifts =
        ScheduleRenderer.layerShifts(
            schedule, 0, local("2026-03-02T09:00"), local("2026-03-23T09:00"));

    assertThat(shifts)
        .containsExactly(
            new Shift(ALICE, local("2026-03-02T09:00"), local("2026-03-09T09:00")),
            new Shift(BOB, local("2026-03-09T09:00"), local("2026-03-16T09:00")),
            new Shift(CAROL, local("2026-03-16T09:00"), local("2026-03-23T09:00")));
    assertThat(shifts.get(0).duration()).isEqualTo(Duration.ofHours(167));
    assertThat(shifts.get(1).duration()).isEqualTo(Duration.ofHours(168));
    assertThat(shifts)
        .allSatisfy(shift -> assertThat(localTime(shift.start())).isEqualTo(LocalTime.of(9, 0)));
  }

  @Test
  void weeklyHandoffStaysAtNineLocalAcrossTheNovemberChangeSoThatShiftIs169Hours() {
    // 2026-11-01 02:00 EDT falls back to 01:00 EST, inside Alice's week.
    Schedule schedule = weeklyAtNine(LocalDateTime.parse("2026-10-26T09:00"));

    List<Shift> shifts =
        ScheduleRenderer.layerShifts(
            schedule, 0, local("2026-10-26T09:00"), local("2026-11-09T09:00"));

    assertThat(shifts)
        .containsExactly(
            new Shift(ALICE, local("2026-10-26T09:00"), local("2026-11-02T09:00")),
            new Shift(BOB, local("2026-11-02T09:00"), local("2026-11-09T09:00")));
    assertThat(shifts.get(0).duration()).isEqualTo(Duration.ofHours(169));
    assertThat(shifts.get(1).duration()).isEqualTo(Duration.ofHours(168));
  }

  @Test
  void twelveHourRotationStaysTwelveRealHoursAcrossDaylightSaving() {
    Rotation rotation =
        new Rotation(LocalDateTime.parse("2026-03-07T09:00"), 12, RotationUnit.HOURS);
    Schedule schedule = schedule(layer(rotation, ALICE, BOB));

    List<Shift> shifts =
        ScheduleRenderer.layerShifts(
            schedule, 0, local("2026-03-07T09:00"), local("2026-03-09T10:00"));

    assertThat(shifts).allSatisfy(s -> assertThat(s.duration()).isEqualTo(Duration.ofHours(12)));
    // Absolute hours: after the clocks jump forward, the local handoffs are 10:00 and 22:00.
    assertThat(shifts)
        .extracting(s -> localTime(s.start()))
        .containsExactly(
            LocalTime.of(9, 0), LocalTime.of(21, 0), LocalTime.of(10, 0), LocalTime.of(22, 0));
    assertThat(shifts).extracting(Shift::userId).containsExactly(ALICE, BOB, ALICE, BOB);
  }

  @Test
  void turnsBeforeTheFirstHandoffCycleBackwardsThroughTheMembers() {
    Rotation rotation = new Rotation(LocalDateTime.parse("2026-05-10T09:00"), 1, RotationUnit.DAYS);

    assertThat(rotation.turnAt(local("2026-05-09T10:00"), NEW_YORK)).isEqualTo(-1);
    assertThat(rotation.turnAt(local("2026-05-10T08:59"), NEW_YORK)).isEqualTo(-1);
    assertThat(rotation.turnAt(local("2026-05-10T09:00"), NEW_YORK)).isZero();
    Layer layer = layer(rotation, ALICE, BOB, CAROL);
    assertThat(layer.memberOnTurn(-1)).isEqualTo(CAROL);
    assertThat(layer.memberOnTurn(-3)).isEqualTo(ALICE);

    Schedule schedule = schedule(layer);
    assertThat(ScheduleRenderer.onCallAt(schedule, local("2026-05-08T12:00"))).contains(BOB);
  }

  @Test
  void handoffAtALocalTimeThatDoesNotExistMovesForwardByTheGap() {
    // 02:30 does not exist on 2026-03-08 in New York: that day's handoff is 03:30 EDT.
    Rotation rotation = new Rotation(LocalDateTime.parse("2026-03-06T02:30"), 1, RotationUnit.DAYS);

    assertThat(rotation.handoff(2, NEW_YORK)).isEqualTo(Instant.parse("2026-03-08T07:30:00Z"));
    assertThat(rotation.handoff(3, NEW_YORK)).isEqualTo(local("2026-03-09T02:30"));
  }

  @Test
  void handoffAtALocalTimeThatOccursTwiceTakesTheFirst() {
    // 01:30 happens twice on 2026-11-01 in New York: first at EDT (05:30Z), then EST (06:30Z).
    Rotation rotation = new Rotation(LocalDateTime.parse("2026-10-31T01:30"), 1, RotationUnit.DAYS);

    assertThat(rotation.handoff(1, NEW_YORK)).isEqualTo(Instant.parse("2026-11-01T05:30:00Z"));
  }

  static Schedule weeklyAtNine(LocalDateTime firstHandoff) {
    return schedule(layer(new Rotation(firstHandoff, 1, RotationUnit.WEEKS), ALICE, BOB, CAROL));
  }

  static Layer layer(Rotation rotation, Long... members) {
    return new Layer(
        "primary", Instant.parse("2020-01-01T00:00:00Z"), null, rotation, List.of(members), null);
  }

  static Schedule schedule(Layer... layers) {
    return new Schedule(NEW_YORK, List.of(layers), List.of());
  }

  static Instant local(String localDateTime) {
    return ZonedDateTime.of(LocalDateTime.parse(localDateTime), NEW_YORK).toInstant();
  }

  static LocalTime localTime(Instant instant) {
    return instant.atZone(NEW_YORK).toLocalTime();
  }
}
