package dev.vigil.oncall.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Who a single layer puts on call. Walks only boundaries (restriction windows, then handoffs inside
 * each window), so a year of hourly turns costs a few thousand steps, not a sampling of every
 * minute.
 */
public final class LayerCoverage {

  private LayerCoverage() {}

  /**
   * The layer's shifts within {@code [from, to)}: inside the layer's active time and its
   * restriction windows, each turn's member, with adjacent shifts of the same user merged (a member
   * listed twice in a row, or windows that touch, give one shift).
   */
  public static List<Shift> shifts(Layer layer, ZoneId zone, Instant from, Instant to) {
    Instant start = layer.start().isAfter(from) ? layer.start() : from;
    Instant end = layer.end() != null && layer.end().isBefore(to) ? layer.end() : to;
    if (!start.isBefore(end)) {
      return List.of();
    }
    List<Shift> shifts = new ArrayList<>();
    for (Span window : windows(layer, zone, start, end)) {
      addTurns(layer, zone, window, shifts);
    }
    return shifts;
  }

  private static List<Span> windows(Layer layer, ZoneId zone, Instant start, Instant end) {
    if (layer.restrictions().isEmpty()) {
      return List.of(new Span(start, end));
    }
    List<Span> windows = new ArrayList<>();
    for (Restriction restriction : layer.restrictions()) {
      restriction.addWindows(zone, start, end, windows);
    }
    return Span.union(windows);
  }

  private static void addTurns(Layer layer, ZoneId zone, Span window, List<Shift> shifts) {
    Rotation rotation = layer.rotation();
    long turn = rotation.turnAt(window.start(), zone);
    Instant cursor = window.start();
    while (cursor.isBefore(window.end())) {
      Instant nextHandoff = rotation.handoff(turn + 1, zone);
      Instant shiftEnd = nextHandoff.isBefore(window.end()) ? nextHandoff : window.end();
      // A turn of zero length (a zone that skipped a day) ends where it starts: nobody to add.
      if (cursor.isBefore(shiftEnd)) {
        append(shifts, new Shift(layer.memberOnTurn(turn), cursor, shiftEnd));
        cursor = shiftEnd;
      }
      turn++;
    }
  }

  /** Adds {@code shift}, joining it to the last one when that is the same user and touches it. */
  public static void append(List<Shift> shifts, Shift shift) {
    if (!shifts.isEmpty()) {
      Shift last = shifts.get(shifts.size() - 1);
      if (last.userId() == shift.userId() && last.end().equals(shift.start())) {
        shifts.set(shifts.size() - 1, new Shift(last.userId(), last.start(), shift.end()));
        return;
      }
    }
    shifts.add(shift);
  }
}
