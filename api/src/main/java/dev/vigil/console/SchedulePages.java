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
import dev.vigil.oncall.schedule.StoredSchedules;
import dev.vigil.oncall.user.UserStore;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
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
   * @param position 0 is the bottom layer
   * @param form the layer's fields for an admin's form
   */
  record LayerShifts(
      int position,
      ScheduleEditPages.LayerForm form,
      String name,
      List<ScheduleView.RestrictionView> restrictions,
      List<ScheduleTimeline.TimelineShift> shifts) {}

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
              + ScheduleTimeline.WHEN.format(added.start().atZone(zone))
              + " to "
              + ScheduleTimeline.WHEN.format(added.end().atZone(zone))
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

  /** The schedule's page; a form's typed values the caller put in {@code model} stay. */
  String page(ApiCaller caller, long id, Model model, String problem) {
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
    List<ScheduleTimeline.TimelineShift> timeline =
        ScheduleTimeline.shifts(finalShifts, names, zone, upcoming);
    List<LayerShifts> layers = new ArrayList<>();
    for (int i = layerShifts.size() - 1; i >= 0; i--) {
      layers.add(
          new LayerShifts(
              i,
              ScheduleEditPages.LayerForm.of(ScheduleView.LayerView.of(schedule.layers().get(i))),
              schedule.layers().get(i).name(),
              ScheduleView.LayerView.of(schedule.layers().get(i)).restrictions(),
              ScheduleTimeline.shifts(layerShifts.get(i), names, zone, List.of())));
    }

    model.addAttribute("schedule", named);
    model.addAttribute("zone", zone.getId());
    model.addAttribute("shifts", timeline);
    model.addAttribute("days", ScheduleTimeline.days(finalShifts, names, zone, from, to));
    model.addAttribute("layers", layers);
    model.addAttribute("overrides", upcoming.stream().limit(LIST.limit()).toList());
    model.addAttribute("users", users.list(caller.accountId(), null, null, LIST));
    if (!model.containsAttribute("newLayer")) {
      model.addAttribute("newLayer", ScheduleEditPages.LayerForm.blank(zone));
    }
    if (problem != null) {
      model.addAttribute("problem", problem);
    }
    return "console/schedule";
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
