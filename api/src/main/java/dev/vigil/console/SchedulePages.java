package dev.vigil.console;

import dev.vigil.auth.ApiCaller;
import dev.vigil.oncall.OnCallRefusal;
import dev.vigil.oncall.Paging;
import dev.vigil.oncall.schedule.Overrides;
import dev.vigil.oncall.schedule.Schedule;
import dev.vigil.oncall.schedule.ScheduleRenderer;
import dev.vigil.oncall.schedule.ScheduleStore;
import dev.vigil.oncall.schedule.ScheduleView;
import dev.vigil.oncall.schedule.Shift;
import dev.vigil.oncall.schedule.ShiftView;
import dev.vigil.oncall.schedule.StoredSchedules;
import dev.vigil.oncall.user.UserStore;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Schedules: the list, and a schedule's next two weeks as the engine renders them for {@code GET
 * /api/v1/schedules/{id}/shifts} (the final schedule escalation pages from, each layer's own
 * shifts, the overrides), with an override added by picking a shift: the same {@link Overrides} as
 * the REST API's {@code OverrideController}, and the same roles (docs/decisions/0067).
 */
@Controller
@Hidden
@RequestMapping("/console/schedules")
class SchedulePages {

  /** How far ahead the timeline looks. */
  static final Duration AHEAD = Duration.ofDays(14);

  private static final Paging LIST = new Paging(200, 0);

  /** What a {@code datetime-local} field sends, read in the schedule's time zone. */
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm");

  private final ScheduleStore store;
  private final StoredSchedules schedules;
  private final Overrides overrides;
  private final UserStore users;

  SchedulePages(
      ScheduleStore store, StoredSchedules schedules, Overrides overrides, UserStore users) {
    this.store = store;
    this.schedules = schedules;
    this.overrides = overrides;
    this.users = users;
  }

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
      this(
          userId,
          who,
          String.format(java.util.Locale.ROOT, "left:%.3f%%;width:%.3f%%", left, width),
          shift);
    }

    /** One of six colours, the same for a person on every day. */
    public int colour() {
      return (int) Math.floorMod(userId, 6L);
    }
  }

  record LayerShifts(
      String name, List<ScheduleView.RestrictionView> restrictions, List<TimelineShift> shifts) {}

  @GetMapping
  String list(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, Model model) {
    model.addAttribute("schedules", store.list(caller.accountId(), null, null, LIST));
    return "console/schedules";
  }

  @GetMapping("/{id}")
  String schedule(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long id, Model model) {
    return page(caller, id, model, null);
  }

  /** Covers {@code [start, end)} with one user over every layer (the shift's form, prefilled). */
  @PostMapping("/{id}/overrides")
  String addOverride(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      @RequestParam(defaultValue = "") String userId,
      @RequestParam(defaultValue = "") String start,
      @RequestParam(defaultValue = "") String end,
      Model model,
      RedirectAttributes redirect) {
    StoredSchedules.Named named = find(caller, id);
    try {
      Long user = ConsoleForms.id("user_id", userId);
      if (user == null) {
        throw ApiException.badRequest("user_id", "must not be null");
      }
      ZoneId zone = named.schedule().zone();
      Overrides.StoredOverride added =
          overrides.add(
              caller.accountId(), id, user, local("start", start, zone), local("end", end, zone));
      redirect.addFlashAttribute(
          "notice",
          added.userName()
              + " is on call from "
              + WHEN.format(added.start().atZone(zone))
              + " to "
              + WHEN.format(added.end().atZone(zone))
              + ".");
      return "redirect:/console/schedules/" + id;
    } catch (ApiException refused) {
      return page(caller, id, model, ConsoleModel.sentence(refused));
    } catch (OnCallRefusal refused) {
      return page(caller, id, model, ConsoleForms.sentence(refused));
    }
  }

  @PostMapping("/{id}/overrides/{overrideId}/remove")
  String removeOverride(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      @PathVariable long overrideId,
      Model model,
      RedirectAttributes redirect) {
    find(caller, id);
    try {
      overrides.remove(caller.accountId(), id, overrideId);
      redirect.addFlashAttribute("notice", "Override removed.");
      return "redirect:/console/schedules/" + id;
    } catch (OnCallRefusal refused) {
      return page(caller, id, model, ConsoleForms.sentence(refused));
    }
  }

  private String page(ApiCaller caller, long id, Model model, String problem) {
    StoredSchedules.Named named = find(caller, id);
    Schedule schedule = named.schedule();
    ZoneId zone = schedule.zone();
    Instant from = Instant.now();
    Instant to = from.plus(AHEAD);

    List<Shift> finalShifts = ScheduleRenderer.finalShifts(schedule, from, to);
    List<List<Shift>> layerShifts = new ArrayList<>();
    for (int i = 0; i < schedule.layers().size(); i++) {
      layerShifts.add(ScheduleRenderer.layerShifts(schedule, i, from, to));
    }
    Set<Long> userIds = new HashSet<>();
    finalShifts.forEach(shift -> userIds.add(shift.userId()));
    layerShifts.forEach(shifts -> shifts.forEach(shift -> userIds.add(shift.userId())));
    Map<Long, String> names = store.userNames(caller.accountId(), userIds);

    List<Overrides.StoredOverride> upcoming =
        overrides.list(caller.accountId(), id, from, to, LIST);
    List<TimelineShift> timeline = timeline(finalShifts, names, zone, upcoming);
    List<LayerShifts> layers = new ArrayList<>();
    for (int i = layerShifts.size() - 1; i >= 0; i--) {
      layers.add(
          new LayerShifts(
              schedule.layers().get(i).name(),
              ScheduleView.LayerView.of(schedule.layers().get(i)).restrictions(),
              timeline(layerShifts.get(i), names, zone, List.of())));
    }

    model.addAttribute("schedule", named);
    model.addAttribute("zone", zone.getId());
    model.addAttribute("since", from);
    model.addAttribute("until", to);
    model.addAttribute("shifts", timeline);
    model.addAttribute("days", days(finalShifts, names, zone, from, to));
    model.addAttribute("layers", layers);
    model.addAttribute("overrides", upcoming.stream().limit(LIST.limit()).toList());
    model.addAttribute("users", users.list(caller.accountId(), null, null, LIST));
    if (problem != null) {
      model.addAttribute("problem", problem);
    }
    return "console/schedule";
  }

  private static List<TimelineShift> timeline(
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
              LOCAL.format(view.start().atZone(zone)),
              LOCAL.format(view.end().atZone(zone)),
              override));
    }
    return timeline;
  }

  /** The final schedule cut into the zone's days: each day a bar of who is on call when. */
  private static List<Day> days(
      List<Shift> shifts, Map<Long, String> names, ZoneId zone, Instant from, Instant to) {
    List<Day> days = new ArrayList<>();
    DateTimeFormatter dayName = DateTimeFormatter.ofPattern("EEE d MMM");
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
      days.add(new Day(dayName.format(day), segments));
    }
    return days;
  }

  private static Instant local(String field, String text, ZoneId zone) {
    if (text == null || text.isBlank()) {
      throw ApiException.badRequest(field, "must not be null");
    }
    try {
      return LocalDateTime.parse(text.strip()).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(field, "must be a date and time");
    }
  }

  private StoredSchedules.Named find(ApiCaller caller, long id) {
    return schedules
        .find(caller.accountId(), id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }
}
