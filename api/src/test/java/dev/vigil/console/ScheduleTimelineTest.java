package dev.vigil.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.oncall.schedule.Overrides;
import dev.vigil.oncall.schedule.Shift;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a schedule page draws its shifts: in the schedule's zone, days of 23 or 25 hours too. */
class ScheduleTimelineTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final Map<Long, String> NAMES = Map.of(1L, "Alice", 2L, "Bob");

  @Test
  void aNightShiftIsDrawnOnBothOfItsDaysInTheSchedulesZone() {
    // 18:00 to 06:00 Berlin time, in November (UTC+1).
    Shift night = new Shift(1, at("2026-11-02T18:00"), at("2026-11-03T06:00"));

    List<ScheduleTimeline.Day> days =
        ScheduleTimeline.days(
            List.of(night), NAMES, BERLIN, at("2026-11-02T00:00"), at("2026-11-04T00:00"));

    assertThat(days)
        .extracting(ScheduleTimeline.Day::name)
        .containsExactly("Mon 2 Nov", "Tue 3 Nov");
    assertThat(days.get(0).segments())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.who()).isEqualTo("Alice");
              assertThat(s.style()).isEqualTo("left:75.000%;width:25.000%");
            });
    assertThat(days.get(1).segments())
        .singleElement()
        .extracting(ScheduleTimeline.Segment::style)
        .isEqualTo("left:0.000%;width:25.000%");
  }

  @Test
  void theDayTheClocksGoForwardHasTwentyThreeHours() {
    // 29 March 2026: Berlin skips 02:00 to 03:00. Midnight to noon is 11 of its 23 hours.
    Shift morning = new Shift(2, at("2026-03-29T00:00"), at("2026-03-29T12:00"));

    List<ScheduleTimeline.Day> days =
        ScheduleTimeline.days(
            List.of(morning), NAMES, BERLIN, at("2026-03-29T00:00"), at("2026-03-30T00:00"));

    assertThat(days).singleElement().extracting(ScheduleTimeline.Day::name).isEqualTo("Sun 29 Mar");
    assertThat(days.get(0).segments().get(0).style()).isEqualTo("left:0.000%;width:47.826%");
  }

  @Test
  void eachShiftCarriesTheFormFieldsThatCoverItAndWhetherAnOverridePutsItsPersonThere() {
    Shift alice = new Shift(1, at("2026-11-02T09:00"), at("2026-11-02T17:00"));
    Shift bob = new Shift(2, at("2026-11-02T17:00"), at("2026-11-03T09:00"));
    var bobsOverride =
        new Overrides.StoredOverride(
            7, 2, "Bob", at("2026-11-02T17:00"), at("2026-11-02T20:00"), Instant.EPOCH);

    List<ScheduleTimeline.TimelineShift> shifts =
        ScheduleTimeline.shifts(List.of(alice, bob), NAMES, BERLIN, List.of(bobsOverride));

    assertThat(shifts.get(0).startField()).isEqualTo("2026-11-02T09:00");
    assertThat(shifts.get(0).endField()).isEqualTo("2026-11-02T17:00");
    assertThat(shifts.get(0).from()).isEqualTo("Mon 2 Nov 09:00");
    assertThat(shifts.get(0).override()).isFalse();
    assertThat(shifts.get(1).shift().user().name()).isEqualTo("Bob");
    assertThat(shifts.get(1).override()).isTrue();
  }

  private static Instant at(String berlinTime) {
    return LocalDateTime.parse(berlinTime).atZone(BERLIN).toInstant();
  }
}
