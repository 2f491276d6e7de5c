package dev.vigil.schedule;

import dev.vigil.auth.ApiCaller;
import dev.vigil.oncall.schedule.Reference;
import dev.vigil.oncall.schedule.Schedule;
import dev.vigil.oncall.schedule.ScheduleRenderer;
import dev.vigil.oncall.schedule.ScheduleStore;
import dev.vigil.oncall.schedule.Shift;
import dev.vigil.oncall.schedule.ShiftView;
import dev.vigil.oncall.schedule.StoredSchedules;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A schedule rendered into shifts by the engine: the final schedule that escalation pages from, and
 * each layer's own shifts beneath it (PagerDuty's rendered schedule entries).
 */
@RestController
@RequestMapping("/api/v1/schedules/{scheduleId}/shifts")
@Tag(name = "Schedules")
class ShiftController {

  static final Duration DEFAULT_RANGE = Duration.ofDays(7);
  // A year and a day: a whole year from any start, leap years included, and no unbounded work.
  static final Duration MAX_RANGE = Duration.ofDays(366);

  private final StoredSchedules storedSchedules;
  private final ScheduleStore store;

  ShiftController(StoredSchedules storedSchedules, ScheduleStore store) {
    this.storedSchedules = storedSchedules;
    this.store = store;
  }

  /**
   * @param finalShifts who is paged: overrides over layers, higher layers over lower ones
   * @param layers lowest first, as in the schedule
   */
  record RenderedSchedule(
      Reference schedule,
      String timeZone,
      Instant since,
      Instant until,
      List<ShiftView> finalShifts,
      List<LayerShifts> layers) {}

  record LayerShifts(int index, String name, List<ShiftView> shifts) {}

  @GetMapping
  @Operation(
      summary = "Render a schedule's shifts",
      description =
          "Shifts within [since, until), cut to it, adjacent shifts of one user joined; gaps where"
              + " nobody is on call. At most 366 days.")
  RenderedSchedule shifts(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long scheduleId,
      @Parameter(description = "Default: now", example = "2026-10-26T04:00:00Z")
          @RequestParam(required = false)
          Instant since,
      @Parameter(description = "Default: 7 days after since", example = "2026-11-02T05:00:00Z")
          @RequestParam(required = false)
          Instant until) {
    StoredSchedules.Named named =
        storedSchedules
            .find(caller.accountId(), scheduleId)
            .orElseThrow(() -> ScheduleController.notFound(scheduleId));
    Instant from = since == null ? Instant.now() : since;
    Instant to = until == null ? from.plus(DEFAULT_RANGE) : until;
    if (!to.isAfter(from)) {
      throw ApiException.badRequest("until", "must be after since");
    }
    if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
      throw ApiException.badRequest("until", "must be at most 366 days after since");
    }

    Schedule schedule = named.schedule();
    List<Shift> finalShifts = ScheduleRenderer.finalShifts(schedule, from, to);
    List<List<Shift>> layerShifts = new ArrayList<>();
    for (int i = 0; i < schedule.layers().size(); i++) {
      layerShifts.add(ScheduleRenderer.layerShifts(schedule, i, from, to));
    }
    Set<Long> userIds = new HashSet<>();
    finalShifts.forEach(shift -> userIds.add(shift.userId()));
    layerShifts.forEach(shifts -> shifts.forEach(shift -> userIds.add(shift.userId())));
    Map<Long, String> names = store.userNames(caller.accountId(), userIds);

    List<LayerShifts> layers = new ArrayList<>();
    for (int i = 0; i < layerShifts.size(); i++) {
      layers.add(
          new LayerShifts(
              i, schedule.layers().get(i).name(), ShiftView.of(layerShifts.get(i), names)));
    }
    return new RenderedSchedule(
        new Reference(named.id(), named.name()),
        schedule.zone().getId(),
        from,
        to,
        ShiftView.of(finalShifts, names),
        layers);
  }
}
