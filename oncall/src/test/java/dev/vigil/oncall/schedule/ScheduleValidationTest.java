package dev.vigil.oncall.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad definitions are rejected with every problem named by its field, ready for a 400. */
class ScheduleValidationTest {

  static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
  static final Rotation WEEKLY =
      new Rotation(LocalDateTime.parse("2026-06-01T09:00"), 1, RotationUnit.WEEKS);

  @Test
  void aValidScheduleHasNoProblems() {
    Layer layer =
        new Layer(
            "primary",
            START,
            null,
            WEEKLY,
            List.of(1L, 2L, 1L),
            List.of(Restriction.daily(LocalTime.of(9, 0), Duration.ofHours(24))));

    assertThat(ScheduleValidation.problems(ZoneId.of("UTC"), List.of(layer), null)).isEmpty();
  }

  @Test
  void namesEveryBadFieldOfALayer() {
    Layer layer =
        new Layer(
            " ",
            START,
            START,
            new Rotation(LocalDateTime.parse("2026-06-01T09:00"), 0, RotationUnit.DAYS),
            List.of(),
            List.of(
                Restriction.daily(LocalTime.of(22, 0), Duration.ofHours(25)),
                Restriction.weekly(DayOfWeek.MONDAY, LocalTime.of(9, 0), Duration.ofDays(8)),
                Restriction.daily(LocalTime.of(9, 0), Duration.ZERO)));

    assertThat(ScheduleValidation.problems(layer))
        .containsExactly(
            "name must not be blank",
            "end must be after start",
            "rotation.length must be at least 1",
            "members must not be empty",
            "restrictions[0].length must be at most 24 hours",
            "restrictions[1].length must be at most 7 days",
            "restrictions[2].length must be positive");
  }

  @Test
  void scheduleConstructorRejectsWithPathsToTheFields() {
    Layer good = new Layer("primary", START, null, WEEKLY, List.of(1L), List.of());
    Layer bad =
        new Layer(
            "secondary", null, null, null, Arrays.asList(1L, null), Arrays.asList(null, null));
    ScheduleOverride backwards = new ScheduleOverride(3, START, START.minusSeconds(1));

    assertThatThrownBy(() -> new Schedule(null, List.of(good, bad), List.of(backwards)))
        .isInstanceOf(InvalidScheduleException.class)
        .satisfies(
            thrown ->
                assertThat(((InvalidScheduleException) thrown).problems())
                    .containsExactly(
                        "zone must not be null",
                        "layers[1].start must not be null",
                        "layers[1].rotation must not be null",
                        "layers[1].members[1] must not be null",
                        "layers[1].restrictions[0] must not be null",
                        "layers[1].restrictions[1] must not be null",
                        "overrides[0].end must be after start"));
  }

  @Test
  void layersAreRequiredButOverridesAndRestrictionsDefaultToNone() {
    assertThat(ScheduleValidation.problems(ZoneId.of("UTC"), null, null))
        .containsExactly("layers must not be null");

    Schedule schedule =
        new Schedule(
            ZoneId.of("UTC"),
            List.of(new Layer("primary", START, null, WEEKLY, List.of(1L), null)),
            null);
    assertThat(schedule.overrides()).isEmpty();
    assertThat(schedule.layers().get(0).restrictions()).isEmpty();
  }
}
