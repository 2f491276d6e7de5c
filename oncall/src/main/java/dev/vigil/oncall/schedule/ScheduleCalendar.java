package dev.vigil.oncall.schedule;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * An iCalendar (RFC 5545) feed of on-call shifts, for subscribing from a calendar app.
 *
 * <p>Each shift becomes an event whose summary is the user's display name and whose UID is derived
 * from the schedule, the user and the start ({@code 42-7-1710248400@vigil}), so re-rendering the
 * same shift gives the same UID and calendar apps update it instead of duplicating it. A shift that
 * is cut at the start of the rendered range gets that cut as its start: render from a stable point
 * (such as the start of a day) to keep its UID stable too. Times are written in UTC, at second
 * precision (iCalendar has none finer).
 *
 * @param scheduleId identifies the schedule in UIDs
 * @param calendarName shown by calendar apps as the calendar's title
 * @param userNames display names by user id; a user missing here is shown as "User {id}"
 */
public record ScheduleCalendar(
    String scheduleId, String calendarName, Map<Long, String> userNames) {

  public ScheduleCalendar {
    userNames = Map.copyOf(userNames);
  }

  /**
   * @param generatedAt written as every event's DTSTAMP (required by RFC 5545): pass the time of
   *     the request, or a fixed instant for reproducible output
   */
  public String render(List<Shift> shifts, Instant generatedAt) {
    ICalendar calendar = new ICalendar();
    calendar.setProductId("-//Vigil//On-call schedule//EN");
    calendar.setName(calendarName);
    // Google Calendar and Apple Calendar read the title from this older, non-standard property.
    calendar.setExperimentalProperty("X-WR-CALNAME", calendarName);
    for (Shift shift : shifts) {
      VEvent event = new VEvent();
      event.setUid(uid(shift));
      event.setDateTimeStamp(Date.from(generatedAt));
      event.setSummary(displayName(shift.userId()));
      event.setDescription(displayName(shift.userId()) + " is on call for " + calendarName);
      event.setDateStart(Date.from(shift.start()), true);
      event.setDateEnd(Date.from(shift.end()), true);
      calendar.addEvent(event);
    }
    return Biweekly.write(calendar).go();
  }

  public String uid(Shift shift) {
    return scheduleId + "-" + shift.userId() + "-" + shift.start().getEpochSecond() + "@vigil";
  }

  private String displayName(long userId) {
    return userNames.getOrDefault(userId, "User " + userId);
  }
}
