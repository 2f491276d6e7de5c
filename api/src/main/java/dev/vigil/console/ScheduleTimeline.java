package dev.vigil.console;

import dev.vigil.oncall.schedule.Overrides;
import dev.vigil.oncall.schedule.Shift;
import dev.vigil.oncall.schedule.ShiftView;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A schedule's rendered shifts as its page draws them, in the schedule's zone: each shift with the
 * override form's fields that would cover it, and each day as a bar of who is on call when (a day
 * is 23 or 25 hours where the clocks change, and its bar is that long).
 */
final class ScheduleTimeline {

  /** What a {@code datetime-local} field sends and shows, read in the schedule's zone. */
  static final DateTimeFormatter FIELD = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

  private ScheduleTimeline() {}

  /**
   * One shift of the final schedule, with the form fields that would cover it.
   *
   * @param override whether one of the schedule's overrides puts the person there
   * @param startField the start as the override form's field takes it, in the schedule's zone
   */
  record TimelineShift(
      int index,
      ShiftView shift,
      String from,
      String to,
      String startField,
      String endField,
      boolean override) {}

  /** One day of the timeline, in the schedule's zone, with its shifts as bar segments. */
  record Day(String name, List<Segment> segments) {}

  /**
   * A part of a day's bar: who, and where it lies ({@code left} and {@code width} in percent of the
   * day, as CSS).
   *
   * @param shift the index of the final shift it is part of
   */
  record Segment(long userId, String who, String style, int shift) {

    Segment(long userId, String who, double left, double width, int shift) {
      this(userId, who, String.format(Locale.ROOT, "left:%.3f%%;width:%.3f%%", left, width), shift);
    }

    /** One of six colours, the same for a person on every day. */
    public int colour() {
      return (int) Math.floorMod(userId, 6L);
    }
  }

  /**
   * The shifts as the page lists them, each marked when it overlaps an override of its person.
   *
   * @param names user names by id, as {@link ShiftView#of} takes them
   */
  static List<TimelineShift> shifts(
      List<Shift> shifts,
      Map<Long, String> names,
      ZoneId zone,
      List<Overrides.StoredOverride> overrides) {
    List<ShiftView> views = ShiftView.of(shifts, names);
    List<TimelineShift> timeline = new ArrayList<>();
    for (int i = 0; i < views.size(); i++) {
      ShiftView view = views.get(i);
      Shift shift = shifts.get(i);
      boolean override =
          overrides.stream()
              .anyMatch(
                  o ->
                      o.userId() == shift.userId()
                          && o.start().isBefore(shift.end())
                          && o.end().isAfter(shift.start()));
      timeline.add(
          new TimelineShift(
              i,
              view,
              WHEN.format(view.start().atZone(zone)),
              WHEN.format(view.end().atZone(zone)),
              FIELD.format(view.start().atZone(zone)),
              FIELD.format(view.end().atZone(zone)),
              override));
    }
    return timeline;
  }

  /** The final schedule cut into the zone's days: each day a bar of who is on call when. */
  static List<Day> days(
      List<Shift> shifts, Map<Long, String> names, ZoneId zone, Instant from, Instant to) {
    List<Day> days = new ArrayList<>();
    for (var day = from.atZone(zone).toLocalDate();
        day.atStartOfDay(zone).toInstant().isBefore(to);
        day = day.plusDays(1)) {
      Instant dayStart = day.atStartOfDay(zone).toInstant();
      Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
      double length = Duration.between(dayStart, dayEnd).toSeconds();
      List<Segment> segments = new ArrayList<>();
      for (int i = 0; i < shifts.size(); i++) {
        Shift shift = shifts.get(i);
        Instant start = shift.start().isAfter(dayStart) ? shift.start() : dayStart;
        Instant end = shift.end().isBefore(dayEnd) ? shift.end() : dayEnd;
        if (start.isBefore(end)) {
          segments.add(
              new Segment(
                  shift.userId(),
                  names.getOrDefault(shift.userId(), "User " + shift.userId()),
                  100 * Duration.between(dayStart, start).toSeconds() / length,
                  100 * Duration.between(start, end).toSeconds() / length,
                  i));
        }
      }
      days.add(new Day(DAY.format(day), segments));
    }
    return days;
  }
}
