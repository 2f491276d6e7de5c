package dev.vigil.oncall.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The iCalendar feed parses back, with the same library, into the shifts it was made from. */
class ScheduleCalendarTest {

  static final Instant GENERATED_AT = Instant.parse("2026-06-01T00:00:00Z");
  static final List<Shift> SHIFTS =
      List.of(
          new Shift(
              1, Instant.parse("2026-06-01T13:00:00Z"), Instant.parse("2026-06-08T13:00:00Z")),
          new Shift(
              2, Instant.parse("2026-06-08T13:00:00Z"), Instant.parse("2026-06-15T13:00:00Z")),
          new Shift(
              7, Instant.parse("2026-06-15T13:00:00Z"), Instant.parse("2026-06-15T15:30:00Z")));

  final ScheduleCalendar calendar =
      new ScheduleCalendar("42", "Payments primary", Map.of(1L, "Alice Adams", 2L, "Bob Brown"));

  @Test
  void eachShiftIsAnEventInUtcNamedForItsUser() {
    String text = calendar.render(SHIFTS, GENERATED_AT);

    ICalendar parsed = Biweekly.parse(text).first();
    assertThat(parsed.getNames()).extracting(name -> name.getValue()).contains("Payments primary");
    assertThat(parsed.getExperimentalProperty("X-WR-CALNAME").getValue())
        .isEqualTo("Payments primary");
    List<VEvent> events = parsed.getEvents();
    assertThat(events).hasSize(3);
    assertThat(events)
        .extracting(event -> event.getSummary().getValue())
        .containsExactly("Alice Adams", "Bob Brown", "User 7");
    assertThat(events)
        .extracting(event -> event.getDateStart().getValue().toInstant())
        .containsExactly(SHIFTS.get(0).start(), SHIFTS.get(1).start(), SHIFTS.get(2).start());
    assertThat(events)
        .extracting(event -> event.getDateEnd().getValue().toInstant())
        .containsExactly(SHIFTS.get(0).end(), SHIFTS.get(1).end(), SHIFTS.get(2).end());
    assertThat(text).contains("DTSTART:20260601T130000Z", "DTEND:20260608T130000Z");
    assertThat(text).contains("\r\n").startsWith("BEGIN:VCALENDAR");
  }

  @Test
  void uidsAreStablePerScheduleUserAndStart() {
    String first = calendar.render(SHIFTS, GENERATED_AT);
    String again = calendar.render(SHIFTS, GENERATED_AT.plusSeconds(3600));

    List<String> uids = uids(first);
    assertThat(uids)
        .containsExactly("42-1-1780318800@vigil", "42-2-1780923600@vigil", "42-7-1781528400@vigil");
    assertThat(uids(again)).isEqualTo(uids);
    assertThat(uids(new ScheduleCalendar("43", "Other", Map.of()).render(SHIFTS, GENERATED_AT)))
        .doesNotContainAnyElementsOf(uids);
  }

  @Test
  void anEmptyScheduleIsAValidEmptyCalendar() {
    ICalendar parsed = Biweekly.parse(calendar.render(List.of(), GENERATED_AT)).first();

    assertThat(parsed).isNotNull();
    assertThat(parsed.getEvents()).isEmpty();
  }

  static List<String> uids(String text) {
    return Biweekly.parse(text).first().getEvents().stream()
        .map(event -> event.getUid().getValue())
        .toList();
  }
}
