package dev.vigil.oncall.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A half-open interval {@code [start, end)} of time. */
public record Span(Instant start, Instant end) {

  /** This span cut to {@code [from, to)}; empty when nothing of it is left. */
  public Optional<Span> clip(Instant from, Instant to) {
    Instant clippedStart = start.isAfter(from) ? start : from;
    Instant clippedEnd = end.isBefore(to) ? end : to;
    return clippedStart.isBefore(clippedEnd)
        ? Optional.of(new Span(clippedStart, clippedEnd))
        : Optional.empty();
  }

  /** The union of {@code spans}: sorted, with overlapping and touching spans joined. */
  public static List<Span> union(List<Span> spans) {
    List<Span> sorted = new ArrayList<>(spans);
    sorted.sort(Comparator.comparing(Span::start));
    List<Span> union = new ArrayList<>();
    for (Span span : sorted) {
      Span last = union.isEmpty() ? null : union.get(union.size() - 1);
      if (last != null && !span.start().isAfter(last.end())) {
        if (span.end().isAfter(last.end())) {
          union.set(union.size() - 1, new Span(last.start(), span.end()));
        }
      } else {
        union.add(span);
      }
    }
    return union;
  }
}
