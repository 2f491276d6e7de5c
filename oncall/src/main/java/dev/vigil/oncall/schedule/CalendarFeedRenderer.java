package dev.vigil.oncall.schedule;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Renders a calendar feed with the engine's {@link ScheduleCalendar}: the shifts from 7 days back
 * to 60 days ahead.
 *
 * <p>The range starts at the start of a day in the schedule's zone, not at the request's instant: a
 * shift cut by the range's start gets the cut as its start, and with it its UID, so a start that
 * moved with every poll would make calendar apps drop and re-add that event all day.
 */
@Component
public class CalendarFeedRenderer {

  public static final int DAYS_BACK = 7;
  public static final int DAYS_AHEAD = 60;

  private final StoredSchedules storedSchedules;
  private final ScheduleStore store;

  CalendarFeedRenderer(StoredSchedules storedSchedules, ScheduleStore store) {
    this.storedSchedules = storedSchedules;
    this.store = store;
  }

  /** The feed's iCalendar text; empty when its schedule or user went away meanwhile. */
  public Optional<String> render(CalendarFeeds.Feed feed, Instant now) {
    return feed.scheduleId() != null
        ? storedSchedules
            .find(feed.accountId(), feed.scheduleId())
            .map(schedule -> scheduleFeed(feed.accountId(), schedule, now))
        : Optional.ofNullable(
                store.userNames(feed.accountId(), List.of(feed.userId())).get(feed.userId()))
            .map(name -> userFeed(feed.accountId(), feed.userId(), name, now));
  }

  private String scheduleFeed(long accountId, StoredSchedules.Named named, Instant now) {
    Window window = Window.around(now, named.schedule().zone());
    List<Shift> shifts = ScheduleRenderer.finalShifts(named.schedule(), window.from(), window.to());
    Map<Long, String> names =
        store.userNames(accountId, shifts.stream().map(Shift::userId).toList());
    return new ScheduleCalendar(String.valueOf(named.id()), named.name(), names)
        .render(shifts, now);
  }

  /**
   * A user's shifts on every schedule. Each schedule is rendered by {@link ScheduleCalendar}, so
   * UIDs stay per schedule (two schedules may hand the user a shift at the same instant); the
   * events are gathered into one calendar and titled by their schedule, the user being the same in
   * all of them.
   */
  private String userFeed(long accountId, long userId, String userName, Instant now) {
    ICalendar calendar = new ICalendar();
    calendar.setProductId("-//Vigil//On-call schedule//EN");
    String title = userName + " on call";
    calendar.setName(title);
    // Google Calendar and Apple Calendar read the title from this older, non-standard property.
    calendar.setExperimentalProperty("X-WR-CALNAME", title);
    Instant earliest = now.minus(Duration.ofDays(DAYS_BACK + 1));
    for (long scheduleId : store.scheduleIds(accountId, userId, earliest)) {
      Optional<StoredSchedules.Named> found = storedSchedules.find(accountId, scheduleId);
      if (found.isEmpty()) {
        continue;
      }
      StoredSchedules.Named named = found.get();
      Window window = Window.around(now, named.schedule().zone());
      List<Shift> shifts =
          ScheduleRenderer.shiftsOf(named.schedule(), userId, window.from(), window.to());
      if (shifts.isEmpty()) {
        continue;
      }
      String text =
          new ScheduleCalendar(String.valueOf(named.id()), named.name(), Map.of(userId, userName))
              .render(shifts, now);
      for (VEvent event : Biweekly.parse(text).first().getEvents()) {
        event.setSummary("On call: " + named.name());
        calendar.addEvent(event);
      }
    }
    return Biweekly.write(calendar).go();
  }

  private record Window(Instant from, Instant to) {

    public static Window around(Instant now, ZoneId zone) {
      LocalDate today = LocalDate.ofInstant(now, zone);
      return new Window(
          today.minusDays(DAYS_BACK).atStartOfDay(zone).toInstant(),
          today.plusDays(DAYS_AHEAD + 1L).atStartOfDay(zone).toInstant());
    }
  }
}
