package dev.vigil.oncall.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * A recurring window in which a layer is on call: daily (every day from {@code start}) or weekly
 * (every {@code day} from {@code start}). A window may cross midnight or the end of the week.
 *
 * <p>A window is wall-clock time: it runs from its local start to its local start plus {@code
 * length}, both read in the schedule's zone by the {@link WallClock} rule. So a 22:00–06:00 night
 * window ends at 06:00 local also on a daylight-saving night (then 7 or 9 real hours long), and
 * business hours stay 09:00–17:00. A window whose end, after that reading, is not after its start
 * (possible only for a window shorter than a gap that starts inside it) is empty.
 *
 * @param day the weekday of a weekly window; {@code null} for a daily one
 * @param start local time the window opens
 * @param length positive; at most 24 hours for a daily window, at most 7 days for a weekly one
 */
public record Restriction(DayOfWeek day, LocalTime start, Duration length) {

  public static Restriction daily(LocalTime start, Duration length) {
    return new Restriction(null, start, length);
  }

  public static Restriction weekly(DayOfWeek day, LocalTime start, Duration length) {
    return new Restriction(day, start, length);
  }

  public boolean isDaily() {
    return day == null;
  }

  /**
   * Adds this restriction's windows that overlap {@code [from, to)}, clipped to it, to {@code out}.
   */
  public void addWindows(ZoneId zone, Instant from, Instant to, List<Span> out) {
    // A window that opened up to a week (weekly) or a day (daily) before `from` may still be open;
    // the extra day on each side absorbs offset changes between local dates and instants.
    LocalDate first = LocalDate.ofInstant(from, zone).minusDays(isDaily() ? 2 : 8);
    LocalDate last = LocalDate.ofInstant(to, zone).plusDays(1);
    int stepDays = isDaily() ? 1 : 7;
    if (!isDaily()) {
      first = first.with(TemporalAdjusters.nextOrSame(day));
    }
    for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(stepDays)) {
      LocalDateTime opens = date.atTime(start);
      Span window =
          new Span(WallClock.toInstant(opens, zone), WallClock.toInstant(opens.plus(length), zone));
      window.clip(from, to).ifPresent(out::add);
    }
  }
}
