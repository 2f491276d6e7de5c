package dev.vigil.schedule;

import dev.vigil.auth.ApiCaller;
import dev.vigil.oncall.Paging;
import dev.vigil.oncall.schedule.Schedule;
import dev.vigil.oncall.schedule.ScheduleRequest;
import dev.vigil.oncall.schedule.ScheduleStore;
import dev.vigil.oncall.schedule.ScheduleView;
import dev.vigil.oncall.schedule.StoredSchedules;
import dev.vigil.web.ApiException;
import dev.vigil.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/schedules")
@Tag(
    name = "Schedules",
    description =
        "Who is on call when: rotation layers, time restrictions and overrides, evaluated in the"
            + " schedule's time zone")
class ScheduleController {

  private final ScheduleStore store;
  private final StoredSchedules storedSchedules;

  ScheduleController(ScheduleStore store, StoredSchedules storedSchedules) {
    this.store = store;
    this.storedSchedules = storedSchedules;
  }

  @GetMapping
  @Operation(
      summary = "List schedules",
      description = "Filter by name (query) and team. Layers are left out: get one schedule.")
  Map<String, Object> list(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @RequestParam(required = false) String query,
      @RequestParam(name = "team_id", required = false) Long teamId,
      @RequestParam(defaultValue = "25") int limit,
      @RequestParam(defaultValue = "0") int offset) {
    Page.PageRequest request = Page.PageRequest.of(limit, offset);
    String name = Page.filter(query);
    Page<ScheduleView.Summary> page =
        Page.of(
            store
                .list(
                    caller.accountId(), name, teamId, new Paging(request.limit(), request.offset()))
                .stream()
                .map(ScheduleView.Summary::of)
                .toList(),
            request);
    return page.body("schedules");
  }

  @GetMapping("/{id}")
  @Operation(summary = "Get a schedule with its layers")
  Map<String, ScheduleView> get(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long id) {
    return Map.of("schedule", view(caller, id));
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Create a schedule",
      description =
          "Layers are lowest first: a higher layer wins wherever it has someone on call. A 400"
              + " names every field at fault, e.g. 'layers[0].rotation.length' must be at least 1.")
  @Transactional
  Map<String, ScheduleView> create(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @RequestBody ScheduleRequest request) {
    long id = store.create(caller.accountId(), request);
    return Map.of("schedule", view(caller, id));
  }

  @PutMapping("/{id}")
  @Operation(
      summary = "Replace a schedule",
      description =
          "Name, description, time zone, team and all layers are replaced in one transaction."
              + " Overrides and calendar feeds stay.")
  @Transactional
  Map<String, ScheduleView> update(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      @RequestBody ScheduleRequest request) {
    store.replace(caller.accountId(), id, request);
    return Map.of("schedule", view(caller, id));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(
      summary = "Delete a schedule",
      description =
          "Refused with 409 while an escalation level targets it. Its overrides and calendar feeds"
              + " go with it.")
  @Transactional
  void delete(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long id) {
    store.delete(caller.accountId(), id);
  }

  private ScheduleView view(ApiCaller caller, long id) {
    ScheduleStore.ScheduleRow row =
        store.find(caller.accountId(), id).orElseThrow(() -> notFound(id));
    Schedule schedule =
        storedSchedules.find(caller.accountId(), id).orElseThrow(() -> notFound(id)).schedule();
    return ScheduleView.of(row, schedule);
  }

  static ApiException notFound(long scheduleId) {
    return ApiException.notFound("Schedule " + scheduleId);
  }
}
