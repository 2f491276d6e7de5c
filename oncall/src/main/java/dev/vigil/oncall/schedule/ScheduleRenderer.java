package dev.vigil.oncall.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Renders a {@link Schedule} into shifts: each layer's own, and the final schedule that pages
 * people. Ranges are half-open, {@code [from, to)}, and shifts are cut to them, so rendering {@code
 * [a, c)} equals rendering {@code [a, b)} and {@code [b, c)} and joining the two.
 */
public final class ScheduleRenderer {

  private ScheduleRenderer() {}

  /** Layer {@code layerIndex}'s own coverage within {@code [from, to)}, sorted and merged. */
  public static List<Shift> layerShifts(
      Schedule schedule, int layerIndex, Instant from, Instant to) {
    checkRange(from, to);
    Objects.checkIndex(layerIndex, schedule.layers().size());
    return LayerCoverage.shifts(schedule.layers().get(layerIndex), schedule.zone(), from, to);
  }

  /**
   * The final schedule within {@code [from, to)}: sorted, non-overlapping, adjacent shifts of the
   * same user merged, and gaps where nobody is on call. At each instant the winner is the latest
   * override covering it, else the highest layer covering it.
   */
  public static List<Shift> finalShifts(Schedule schedule, Instant from, Instant to) {
    checkRange(from, to);
    List<Claim> claims = new ArrayList<>();
    int priority = 0;
    for (Layer layer : schedule.layers()) {
      for (Shift shift : LayerCoverage.shifts(layer, schedule.zone(), from, to)) {
        claims.add(new Claim(priority, shift.userId(), shift.start(), shift.end()));
      }
      priority++;
    }
    for (ScheduleOverride override : schedule.overrides()) {
      int overridePriority = priority++;
      new Span(override.start(), override.end())
          .clip(from, to)
          .ifPresent(
              span ->
                  claims.add(
                      new Claim(overridePriority, override.userId(), span.start(), span.end())));
    }
    return resolve(claims);
  }

  /** Who is on call at {@code instant}; agrees with {@link #finalShifts} at every instant. */
  public static Optional<Long> onCallAt(Schedule schedule, Instant instant) {
    // The same computation over the shortest range that holds the instant, so the two can never
    // disagree.
    List<Shift> shifts = finalShifts(schedule, instant, instant.plusNanos(1));
    return shifts.isEmpty() ? Optional.empty() : Optional.of(shifts.get(0).userId());
  }

  /** The final schedule's shifts of one user within {@code [from, to)}. */
  public static List<Shift> shiftsOf(Schedule schedule, long userId, Instant from, Instant to) {
    return finalShifts(schedule, from, to).stream()
        .filter(shift -> shift.userId() == userId)
        .toList();
  }

  /** A layer shift or an override, with its rank: the higher rank wins where claims overlap. */
  private record Claim(int priority, long userId, Instant start, Instant end) {}

  private record Edge(Instant at, boolean opens, Claim claim) {}

  /**
   * Sweeps the claims' edges in time order, keeping the open claims by priority: between two
   * consecutive edges the winner is the open claim of highest priority. Claims of one priority
   * never overlap (a layer's shifts are disjoint, each override has its own), so one entry per
   * priority suffices.
   */
  private static List<Shift> resolve(List<Claim> claims) {
    List<Edge> edges = new ArrayList<>(claims.size() * 2);
    for (Claim claim : claims) {
      edges.add(new Edge(claim.start(), true, claim));
      edges.add(new Edge(claim.end(), false, claim));
    }
    // At one instant, close before opening: a layer's next shift starts where its last ended.
    edges.sort(Comparator.comparing(Edge::at).thenComparing(Edge::opens));
    TreeMap<Integer, Long> open = new TreeMap<>();
    List<Shift> shifts = new ArrayList<>();
    Instant previous = null;
    for (Edge edge : edges) {
      if (previous != null && previous.isBefore(edge.at()) && !open.isEmpty()) {
        Map.Entry<Integer, Long> winner = open.lastEntry();
        LayerCoverage.append(shifts, new Shift(winner.getValue(), previous, edge.at()));
      }
      if (edge.opens()) {
        open.put(edge.claim().priority(), edge.claim().userId());
      } else {
        open.remove(edge.claim().priority());
      }
      previous = edge.at();
    }
    return shifts;
  }

  private static void checkRange(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to must not be before from");
    }
  }
}
