package dev.vigil.billing.ledger;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A month of a time zone as a range of instants, clipped to a window and cut where a plan changed:
 * the one rule by which usage is sorted into months, computed with Java's zone rules only
 * (PostgreSQL's may differ).
 *
 * @param month {@code YYYY-MM}
 * @param starts inclusive, ISO-8601 instant
 * @param ends exclusive, ISO-8601 instant
 */
record LocalMonth(String month, String starts, String ends) {

  /**
   * The local months that overlap [from, to), each clipped to it and cut again at every instant of
   * {@code cuts} inside it, in order.
   */
  static List<LocalMonth> covering(ZoneId zone, Instant from, Instant to, List<Instant> cuts) {
    List<LocalMonth> months = new ArrayList<>();
    if (!from.isBefore(to)) {
      return months;
    }
    YearMonth month = YearMonth.from(from.atZone(zone));
    while (true) {
      Instant start = month.atDay(1).atStartOfDay(zone).toInstant();
      Instant end = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
      if (!start.isBefore(to)) {
        return months;
      }
      Instant clippedStart = start.isBefore(from) ? from : start;
      Instant clippedEnd = end.isAfter(to) ? to : end;
      Instant pieceStart = clippedStart;
      for (Instant cut : cuts.stream().sorted().toList()) {
        if (cut.isAfter(pieceStart) && cut.isBefore(clippedEnd)) {
          months.add(new LocalMonth(month.toString(), pieceStart.toString(), cut.toString()));
          pieceStart = cut;
        }
      }
      months.add(new LocalMonth(month.toString(), pieceStart.toString(), clippedEnd.toString()));
      month = month.plusMonths(1);
    }
  }
}
