package dev.vigil.oncall.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.oncall.schedule.RandomSchedules.Range;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the schedule engine, each checked on many random schedules (see {@link
 * RandomSchedules}): random zones, layers, rotations, restrictions and overrides over ranges of up
 * to two years. Each case is one seed; a failure names its seed and schedule, and re-running that
 * seed reproduces it.
 *
 * <p>Written as JUnit parameterized tests over a seeded {@link Random} rather than with jqwik: see
 * docs/decisions/0007. There is no shrinking here, so the checks report the first failing instant.
 *
 * <p>Instants checked in each case: random ones, the range's ends, every zone transition in the
 * range and, sampled, shift and override boundaries, restriction window edges and handoffs, each
 * also 1 ns before and 1 ms either side.
 */
class SchedulePropertiesTest {

  static final int CASES = 150;

  static LongStream seeds() {
    return LongStream.rangeClosed(1, CASES);
  }

  @ParameterizedTest(name = "property 1, seed {0}")
  @MethodSource("seeds")
  void layerShiftsCoverEachInstantOfTheLayersWindowsExactlyOnceAndNothingElse(long seed) {
    Case c = new Case(seed);
    for (int i = 0; i < c.schedule.layers().size(); i++) {
      List<Shift> shifts =
          ScheduleRenderer.layerShifts(c.schedule, i, c.range.from(), c.range.to());
      assertWellFormed(c, shifts);
      for (Instant instant : c.instants(shifts)) {
        int layer = i;
        List<Long> covering =
            shifts.stream().filter(s -> s.contains(instant)).map(Shift::userId).toList();
        assertThat(covering)
            .as("%s layer %d at %s", c, layer, instant)
            .isEqualTo(
                OnCallByDefinition.layerOnCallAt(c.schedule, layer, instant).stream().toList());
      }
    }
  }

  @ParameterizedTest(name = "property 2, seed {0}")
  @MethodSource("seeds")
  void finalShiftsAreSortedDisjointMergedAndAgreeWithOnCallAt(long seed) {
    Case c = new Case(seed);
    List<Shift> shifts = ScheduleRenderer.finalShifts(c.schedule, c.range.from(), c.range.to());
    assertWellFormed(c, shifts);
    for (Instant instant : c.instants(shifts)) {
      assertThat(ScheduleRenderer.onCallAt(c.schedule, instant))
          .as("%s at %s", c, instant)
          .isEqualTo(userAt(shifts, instant));
    }
  }

  @ParameterizedTest(name = "property 3, seed {0}")
  @MethodSource("seeds")
  void overridesAlwaysWinAndTheLatestCreatedWinsAmongThem(long seed) {
    Case c = new Case(seed);
    List<ScheduleOverride> overrides = c.schedule.overrides();
    for (ScheduleOverride override : overrides) {
      List<Instant> inside =
          new ArrayList<>(List.of(override.start(), override.end().minusNanos(1)));
      for (int k = 0; k < 10; k++) {
        inside.add(c.generate.instantIn(override.start(), override.end()));
      }
      for (Instant instant : inside) {
        long latest =
            overrides.stream()
                .filter(o -> !instant.isBefore(o.start()) && instant.isBefore(o.end()))
                .reduce((earlier, later) -> later)
                .orElseThrow()
                .userId();
        assertThat(ScheduleRenderer.onCallAt(c.schedule, instant))
            .as("%s at %s", c, instant)
            .contains(latest);
      }
    }
  }

  @ParameterizedTest(name = "property 4, seed {0}")
  @MethodSource("seeds")
  void theHighestCoveringLayerWinsWhereNoOverrideIs(long seed) {
    Case c = new Case(seed);
    List<Shift> shifts = ScheduleRenderer.finalShifts(c.schedule, c.range.from(), c.range.to());
    for (Instant instant : c.instants(shifts)) {
      Optional<Long> expected = OnCallByDefinition.onCallAt(c.schedule, instant);
      assertThat(userAt(shifts, instant)).as("%s at %s", c, instant).isEqualTo(expected);
      assertThat(ScheduleRenderer.onCallAt(c.schedule, instant))
          .as("%s at %s", c, instant)
          .isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "property 5, seed {0}")
  @MethodSource("seeds")
  void handoffsKeepTheirLocalTimeOfDayOrTheirLengthInHours(long seed) {
    RandomSchedules generate = new RandomSchedules(seed);
    ZoneId zone = generate.zone();
    Range range = generate.range();
    Schedule schedule = generate.handoffSchedule(zone, range);
    Rotation rotation = schedule.layers().get(0).rotation();
    String described = "seed " + seed + ": " + range + " " + schedule;

    List<Shift> shifts = ScheduleRenderer.layerShifts(schedule, 0, range.from(), range.to());
    // Members never repeat back to back, so every boundary inside the range is a handoff.
    List<Instant> handoffs = shifts.stream().skip(1).map(Shift::start).toList();
    LocalTime handoffTime = rotation.firstHandoff().toLocalTime();
    Instant previous = null;
    for (Instant handoff : handoffs) {
      if (rotation.unit() == RotationUnit.HOURS) {
        Duration sinceFirst =
            Duration.between(ZonedDateTime.of(rotation.firstHandoff(), zone).toInstant(), handoff);
        assertThat(sinceFirst.toSeconds() % (rotation.length() * 3600L)).as(described).isZero();
        if (previous != null) {
          assertThat(Duration.between(previous, handoff))
              .as(described)
              .isEqualTo(Duration.ofHours(rotation.length()));
        }
      } else {
        LocalDate date = LocalDate.ofInstant(handoff, zone);
        LocalDateTime local = date.atTime(handoffTime);
        if (!zone.getRules().getValidOffsets(local).isEmpty()) {
          assertThat(handoff.atZone(zone).toLocalTime())
              .as("%s handoff at %s", described, handoff)
              .isEqualTo(handoffTime);
        }
        long daysPerTurn = (rotation.unit() == RotationUnit.WEEKS ? 7L : 1L) * rotation.length();
        assertThat(ChronoUnit.DAYS.between(rotation.firstHandoff().toLocalDate(), date))
            .as("%s handoff at %s", described, handoff)
            .satisfies(days -> assertThat(Math.floorMod(days, daysPerTurn)).isZero());
        if (previous != null) {
          assertThat(ChronoUnit.DAYS.between(LocalDate.ofInstant(previous, zone), date))
              .as("%s handoff at %s", described, handoff)
              .isEqualTo(daysPerTurn);
        }
      }
      previous = handoff;
    }
  }

  @ParameterizedTest(name = "property 6, seed {0}")
  @MethodSource("seeds")
  void renderingARangeEqualsRenderingItsTwoHalvesJoined(long seed) {
    Case c = new Case(seed);
    Instant a = c.range.from();
    Instant b = c.generate.instantIn(a, c.range.to());
    Instant end = c.range.to();

    assertThat(
            joined(
                ScheduleRenderer.finalShifts(c.schedule, a, b),
                ScheduleRenderer.finalShifts(c.schedule, b, end)))
        .as("%s split at %s", c, b)
        .isEqualTo(ScheduleRenderer.finalShifts(c.schedule, a, end));
    for (int i = 0; i < c.schedule.layers().size(); i++) {
      assertThat(
              joined(
                  ScheduleRenderer.layerShifts(c.schedule, i, a, b),
                  ScheduleRenderer.layerShifts(c.schedule, i, b, end)))
          .as("%s layer %d split at %s", c, i, b)
          .isEqualTo(ScheduleRenderer.layerShifts(c.schedule, i, a, end));
    }
  }

  /**
   * Sorted, each non-empty and inside the range, none overlapping, touching ones of other users.
   */
  static void assertWellFormed(Case c, List<Shift> shifts) {
    for (int i = 0; i < shifts.size(); i++) {
      Shift shift = shifts.get(i);
      assertThat(shift.start()).as("%s %s", c, shift).isBefore(shift.end());
      assertThat(shift.start()).as("%s %s", c, shift).isAfterOrEqualTo(c.range.from());
      assertThat(shift.end()).as("%s %s", c, shift).isBeforeOrEqualTo(c.range.to());
      if (i > 0) {
        Shift before = shifts.get(i - 1);
        assertThat(before.end())
            .as("%s %s then %s", c, before, shift)
            .isBeforeOrEqualTo(shift.start());
        if (before.end().equals(shift.start())) {
          assertThat(before.userId())
              .as("%s %s then %s unmerged", c, before, shift)
              .isNotEqualTo(shift.userId());
        }
      }
    }
  }

  static Optional<Long> userAt(List<Shift> shifts, Instant instant) {
    return shifts.stream().filter(s -> s.contains(instant)).map(Shift::userId).findFirst();
  }

  static List<Shift> joined(List<Shift> first, List<Shift> second) {
    List<Shift> joined = new ArrayList<>(first);
    for (Shift shift : second) {
      LayerCoverage.append(joined, shift);
    }
    return joined;
  }

  /** One random schedule and range, and the instants worth checking in it. */
  static final class Case {
    final long seed;
    final RandomSchedules generate;
    final ZoneId zone;
    final Range range;
    final Schedule schedule;

    Case(long seed) {
      this.seed = seed;
      this.generate = new RandomSchedules(seed);
      this.zone = generate.zone();
      this.range = generate.range();
      this.schedule = generate.schedule(zone, range);
    }

    /** Instants in the range where a mistake would show, at most a few hundred. */
    List<Instant> instants(List<Shift> shifts) {
      List<Instant> edges = new ArrayList<>(List.of(range.from(), range.to()));
      for (int k = 0; k < 60; k++) {
        edges.add(generate.instantIn(range.from(), range.to()));
      }
      ZoneOffsetTransition transition = zone.getRules().nextTransition(range.from());
      while (transition != null && transition.getInstant().isBefore(range.to())) {
        edges.add(transition.getInstant());
        transition = zone.getRules().nextTransition(transition.getInstant());
      }
      edges.addAll(sample(shifts.stream().map(Shift::start).toList(), 40));
      edges.addAll(sample(shifts.stream().map(Shift::end).toList(), 40));
      for (ScheduleOverride override : schedule.overrides()) {
        edges.add(override.start());
        edges.add(override.end());
      }
      for (Layer layer : schedule.layers()) {
        edges.add(layer.start());
        if (layer.end() != null) {
          edges.add(layer.end());
        }
        edges.addAll(handoffs(layer.rotation(), 15));
        for (Restriction restriction : layer.restrictions()) {
          edges.addAll(sample(windowEdges(restriction), 16));
        }
      }
      TreeSet<Instant> instants = new TreeSet<>();
      for (Instant edge : edges) {
        for (Instant near :
            List.of(edge, edge.minusNanos(1), edge.minusMillis(1), edge.plusMillis(1))) {
          if (!near.isBefore(range.from()) && near.isBefore(range.to())) {
            instants.add(near);
          }
        }
      }
      return new ArrayList<>(instants);
    }

    private List<Instant> handoffs(Rotation rotation, int count) {
      long first = OnCallByDefinition.turnAt(rotation, zone, range.from());
      long last = OnCallByDefinition.turnAt(rotation, zone, range.to());
      List<Instant> handoffs = new ArrayList<>();
      for (int k = 0; k < count; k++) {
        handoffs.add(OnCallByDefinition.handoff(rotation, zone, generate.between(first, last + 1)));
      }
      return handoffs;
    }

    private List<Instant> windowEdges(Restriction restriction) {
      List<Instant> edges = new ArrayList<>();
      LocalDate last = LocalDate.ofInstant(range.to(), zone);
      for (LocalDate date = LocalDate.ofInstant(range.from(), zone).minusDays(7);
          !date.isAfter(last);
          date = date.plusDays(1)) {
        if (restriction.isDaily() || date.getDayOfWeek() == restriction.day()) {
          LocalDateTime opens = date.atTime(restriction.start());
          edges.add(ZonedDateTime.of(opens, zone).toInstant());
          edges.add(ZonedDateTime.of(opens.plus(restriction.length()), zone).toInstant());
        }
      }
      return edges;
    }

    private List<Instant> sample(List<Instant> from, int count) {
      if (from.size() <= count) {
        return from;
      }
      List<Instant> shuffled = new ArrayList<>(from);
      Collections.shuffle(shuffled, new Random(seed));
      return shuffled.subList(0, count);
    }

    @Override
    public String toString() {
      return "seed " + seed + ": " + range + " " + schedule;
    }
  }
}
