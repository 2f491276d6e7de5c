package dev.vigil.console;

import dev.vigil.auth.ApiCaller;
import dev.vigil.oncall.OnCallRefusal;
import dev.vigil.oncall.Paging;
import dev.vigil.oncall.schedule.ScheduleRequest;
import dev.vigil.oncall.schedule.ScheduleStore;
import dev.vigil.oncall.schedule.ScheduleView;
import dev.vigil.oncall.schedule.StoredSchedules;
import dev.vigil.oncall.user.UserStore;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An admin's changes to schedules: creating one with its first layer, adding, changing and deleting
 * layers, and deleting the schedule. Each goes through the REST API's {@link ScheduleStore} with a
 * {@link ScheduleRequest}, so the same checks refuse the same things (docs/decisions/0074): a layer
 * is changed by sending the whole schedule back with that layer replaced, as {@code PUT
 * /api/v1/schedules/{id}} does.
 */
@Controller
@Hidden
@RequestMapping("/console/admin/schedules")
class ScheduleEditPages {

  /** How many people a layer form offers to put in turn. */
  static final int MEMBER_SLOTS = 6;

  private static final Paging LIST = new Paging(200, 0);

  private final ScheduleStore store;
  private final StoredSchedules schedules;
  private final UserStore users;
  private final SchedulePages pages;

  ScheduleEditPages(
      ScheduleStore store, StoredSchedules schedules, UserStore users, SchedulePages pages) {
    this.store = store;
    this.schedules = schedules;
    this.users = users;
    this.pages = pages;
  }

  /**
   * A layer's fields as typed: people in turn (blank slots are skipped), the rotation, the local
   * hand-off in the schedule's zone, and at most one daily window (blank: always on).
   *
   * @param keepsWindows the layer has windows the form cannot show (weekly ones, or several): they
   *     stay as they are
   */
  record LayerForm(
      String name,
      List<String> members,
      String length,
      String unit,
      String handoff,
      String dailyFrom,
      String dailyMinutes,
      boolean keepsWindows) {

    LayerForm {
      List<String> slots = new ArrayList<>(members == null ? List.of() : members);
      while (slots.size() < MEMBER_SLOTS) {
        slots.add("");
      }
      members = List.copyOf(slots);
    }

    static LayerForm blank(ZoneId zone) {
      LocalDateTime nine = LocalDateTime.now(zone).truncatedTo(ChronoUnit.DAYS).withHour(9);
      return new LayerForm(
          "Rotation", List.of(), "1", "weeks", ScheduleTimeline.FIELD.format(nine), "", "", false);
    }

    static LayerForm of(ScheduleView.LayerView layer) {
      var daily = oneDailyWindow(layer) ? layer.restrictions().get(0) : null;
      return new LayerForm(
          layer.name(),
          layer.members().stream().map(String::valueOf).toList(),
          String.valueOf(layer.rotation().length()),
          layer.rotation().unit(),
          layer.rotation().firstHandoff().substring(0, 16),
          daily == null ? "" : daily.startTime(),
          daily == null ? "" : String.valueOf(daily.durationMinutes()),
          !layer.restrictions().isEmpty() && daily == null);
    }

    LayerForm keepingWindows(boolean keeps) {
      return new LayerForm(name, members, length, unit, handoff, dailyFrom, dailyMinutes, keeps);
    }
  }

  private static boolean oneDailyWindow(ScheduleView.LayerView layer) {
    return layer.restrictions().size() == 1 && layer.restrictions().get(0).type().equals("daily");
  }

  @GetMapping("/new")
  String newSchedule(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, Model model) {
    return form(caller, model, "", "UTC", "", LayerForm.blank(ZoneOffset.UTC), null);
  }

  @PostMapping
  String create(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @RequestParam(defaultValue = "") String name,
      @RequestParam(defaultValue = "") String timeZone,
      @RequestParam(defaultValue = "") String description,
      @ModelAttribute LayerFields fields,
      Model model,
      RedirectAttributes redirect) {
    LayerForm layer = fields.form();
    try {
      ZoneId zone = zoneOrUtc(timeZone);
      ScheduleRequest request =
          new ScheduleRequest(
              name,
              ConsoleForms.blankToNull(description),
              ConsoleForms.blankToNull(timeZone),
              null,
              List.of(layer(layer, zone, null)));
      long id = store.create(caller.accountId(), request);
      redirect.addFlashAttribute("notice", "Schedule created.");
      return "redirect:/console/schedules/" + id;
    } catch (ApiException refused) {
      return form(
          caller, model, name, timeZone, description, layer, ConsoleModel.sentence(refused));
    } catch (OnCallRefusal refused) {
      return form(caller, model, name, timeZone, description, layer, sentence(refused));
    }
  }

  /** Adds a layer on top of the others. */
  @PostMapping("/{id}/layers")
  String addLayer(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      @ModelAttribute LayerFields fields,
      Model model,
      RedirectAttributes redirect) {
    ScheduleView schedule = view(caller, id);
    LayerForm layer = fields.form();
    try {
      List<ScheduleRequest.LayerRequest> layers = requests(schedule);
      layers.add(layer(layer, ZoneId.of(schedule.timeZone()), null));
      store.replace(caller.accountId(), id, request(schedule, layers));
      redirect.addFlashAttribute("notice", "Layer added.");
      return "redirect:/console/schedules/" + id;
    } catch (ApiException refused) {
      model.addAttribute("newLayer", layer);
      model.addAttribute("newLayerOpen", true);
      return pages.page(caller, id, model, ConsoleModel.sentence(refused));
    } catch (OnCallRefusal refused) {
      model.addAttribute("newLayer", layer);
      model.addAttribute("newLayerOpen", true);
      return pages.page(caller, id, model, sentence(refused));
    }
  }

  /** Replaces layer {@code position} (0 is the bottom) with what the form says. */
  @PostMapping("/{id}/layers/{position}")
  String changeLayer(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      @PathVariable int position,
      @ModelAttribute LayerFields fields,
      Model model,
      RedirectAttributes redirect) {
    ScheduleView schedule = view(caller, id);
    List<ScheduleRequest.LayerRequest> layers = requests(schedule);
    if (position < 0 || position >= layers.size()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    ScheduleView.LayerView old = schedule.layers().get(position);
    boolean keepsWindows = !old.restrictions().isEmpty() && !oneDailyWindow(old);
    LayerForm layer = fields.form().keepingWindows(keepsWindows);
    try {
      ScheduleRequest.LayerRequest changed =
          layer(layer, ZoneId.of(schedule.timeZone()), old.start());
      if (keepsWindows) {
        changed =
            new ScheduleRequest.LayerRequest(
                changed.name(),
                changed.start(),
                old.end(),
                changed.rotation(),
                changed.members(),
                layers.get(position).restrictions());
      } else {
        changed =
            new ScheduleRequest.LayerRequest(
                changed.name(),
                changed.start(),
                old.end(),
                changed.rotation(),
                changed.members(),
                changed.restrictions());
      }
      layers.set(position, changed);
      store.replace(caller.accountId(), id, request(schedule, layers));
      redirect.addFlashAttribute("notice", "Layer changed.");
      return "redirect:/console/schedules/" + id;
    } catch (ApiException refused) {
      model.addAttribute("editing", position);
      model.addAttribute("editingForm", layer);
      return pages.page(caller, id, model, ConsoleModel.sentence(refused));
    } catch (OnCallRefusal refused) {
      model.addAttribute("editing", position);
      model.addAttribute("editingForm", layer);
      return pages.page(caller, id, model, sentence(refused));
    }
  }

  @PostMapping("/{id}/layers/{position}/delete")
  String deleteLayer(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      @PathVariable int position,
      Model model,
      RedirectAttributes redirect) {
    ScheduleView schedule = view(caller, id);
    List<ScheduleRequest.LayerRequest> layers = requests(schedule);
    if (position < 0 || position >= layers.size()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    layers.remove(position);
    try {
      store.replace(caller.accountId(), id, request(schedule, layers));
      redirect.addFlashAttribute("notice", "Layer deleted.");
      return "redirect:/console/schedules/" + id;
    } catch (OnCallRefusal refused) {
      return pages.page(caller, id, model, sentence(refused));
    }
  }

  /** Refused, with the API's reason, while an escalation level pages through it. */
  @PostMapping("/{id}/delete")
  String delete(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      Model model,
      RedirectAttributes redirect) {
    ScheduleView schedule = view(caller, id);
    try {
      store.delete(caller.accountId(), id);
      redirect.addFlashAttribute("notice", "Schedule " + schedule.name() + " deleted.");
      return "redirect:/console/schedules";
    } catch (OnCallRefusal refused) {
      return pages.page(caller, id, model, ConsoleForms.sentence(refused));
    }
  }

  /** The layer form's request parameters, bound by name. */
  record LayerFields(
      String layerName,
      List<String> members,
      String length,
      String unit,
      String handoff,
      String dailyFrom,
      String dailyMinutes) {
    LayerForm form() {
      return new LayerForm(
          layerName == null ? "" : layerName,
          members,
          length == null ? "" : length,
          unit == null ? "" : unit,
          handoff == null ? "" : handoff,
          dailyFrom == null ? "" : dailyFrom,
          dailyMinutes == null ? "" : dailyMinutes,
          false);
    }
  }

  /**
   * The layer as the API receives it. A new layer starts at its hand-off; a changed one keeps its
   * start unless the new hand-off is earlier.
   */
  private static ScheduleRequest.LayerRequest layer(LayerForm form, ZoneId zone, Instant start) {
    List<Long> members = new ArrayList<>();
    for (String member : form.members()) {
      Long id = ConsoleForms.id("members", member);
      if (id != null) {
        members.add(id);
      }
    }
    Integer length = ConsoleForms.number("rotation length", form.length());
    String handoff = ConsoleForms.blankToNull(form.handoff());
    Instant handoffAt = null;
    if (handoff != null) {
      try {
        handoffAt = LocalDateTime.parse(handoff).atZone(zone).toInstant();
      } catch (DateTimeParseException e) {
        throw ApiException.badRequest("first_handoff", "must be a date and time");
      }
    }
    Instant layerStart = start;
    if (layerStart == null || (handoffAt != null && handoffAt.isBefore(layerStart))) {
      layerStart = handoffAt == null ? Instant.now().truncatedTo(ChronoUnit.MINUTES) : handoffAt;
    }
    List<ScheduleRequest.RestrictionRequest> restrictions = new ArrayList<>();
    if (ConsoleForms.blankToNull(form.dailyFrom()) != null) {
      restrictions.add(
          new ScheduleRequest.RestrictionRequest(
              "daily",
              null,
              form.dailyFrom().strip(),
              ConsoleForms.number("duration_minutes", form.dailyMinutes())));
    }
    return new ScheduleRequest.LayerRequest(
        form.name(),
        layerStart,
        null,
        new ScheduleRequest.RotationRequest(handoff, length, ConsoleForms.blankToNull(form.unit())),
        members,
        restrictions);
  }

  /** The schedule's layers as a request would send them back, ready to change. */
  private static List<ScheduleRequest.LayerRequest> requests(ScheduleView schedule) {
    List<ScheduleRequest.LayerRequest> layers = new ArrayList<>();
    for (ScheduleView.LayerView layer : schedule.layers()) {
      layers.add(
          new ScheduleRequest.LayerRequest(
              layer.name(),
              layer.start(),
              layer.end(),
              new ScheduleRequest.RotationRequest(
                  layer.rotation().firstHandoff(),
                  layer.rotation().length(),
                  layer.rotation().unit()),
              layer.members(),
              layer.restrictions().stream()
                  .map(
                      r ->
                          new ScheduleRequest.RestrictionRequest(
                              r.type(), r.startDay(), r.startTime(), (int) r.durationMinutes()))
                  .toList()));
    }
    return layers;
  }

  private static ScheduleRequest request(
      ScheduleView schedule, List<ScheduleRequest.LayerRequest> layers) {
    return new ScheduleRequest(
        schedule.name(), schedule.description(), schedule.timeZone(), schedule.teamId(), layers);
  }

  /**
   * The API's refusal, its fields named as on the form: "'layers[1].rotation.length'" reads
   * "'rotation.length'" (a form edits one layer).
   */
  static String sentence(OnCallRefusal refused) {
    return ConsoleForms.sentence(refused).replaceAll("'layers\\[\\d+]\\.", "'");
  }

  private static ZoneId zoneOrUtc(String timeZone) {
    try {
      return ZoneId.of(timeZone.strip());
    } catch (DateTimeException e) {
      return ZoneOffset.UTC;
    }
  }

  private ScheduleView view(ApiCaller caller, long id) {
    ScheduleStore.ScheduleRow row =
        store
            .find(caller.accountId(), id)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    StoredSchedules.Named named =
        schedules
            .find(caller.accountId(), id)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    return ScheduleView.of(row, named.schedule());
  }

  private String form(
      ApiCaller caller,
      Model model,
      String name,
      String timeZone,
      String description,
      LayerForm layer,
      String problem) {
    model.addAttribute("name", name);
    model.addAttribute("timeZone", timeZone);
    model.addAttribute("description", description);
    model.addAttribute("layer", layer);
    model.addAttribute("zones", ZoneId.getAvailableZoneIds().stream().sorted().toList());
    model.addAttribute("users", users.list(caller.accountId(), null, null, LIST));
    if (problem != null) {
      model.addAttribute("problem", problem);
    }
    return "console/admin-schedule-new";
  }
}
