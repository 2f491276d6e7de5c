package dev.vigil.maintenance;

import dev.vigil.auth.ApiCaller;
import dev.vigil.oncall.Paging;
import dev.vigil.oncall.maintenance.MaintenanceWindowRequest;
import dev.vigil.oncall.maintenance.MaintenanceWindowView;
import dev.vigil.oncall.maintenance.MaintenanceWindows;
import dev.vigil.web.ApiException;
import dev.vigil.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Scheduled quiet for a service or the whole account (docs/decisions/0042). */
@RestController
@RequestMapping("/api/v1/maintenance_windows")
@Tag(
    name = "Maintenance windows",
    description = "Events during a window are accepted and kept as suppressed alerts; none pages")
class MaintenanceWindowController {

  private final MaintenanceWindows windows;

  MaintenanceWindowController(MaintenanceWindows windows) {
    this.windows = windows;
  }

  @GetMapping
  @Operation(
      summary = "List maintenance windows",
      description =
          "Soonest ending first. service_id: the windows covering that service (its own and the"
              + " account's); current=true: only those on now.")
  Map<String, Object> list(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @RequestParam(name = "service_id", required = false) Long serviceId,
      @RequestParam(defaultValue = "false") boolean current,
      @RequestParam(defaultValue = "25") int limit,
      @RequestParam(defaultValue = "0") int offset) {
    Page.PageRequest request = Page.PageRequest.of(limit, offset);
    return Page.of(
            windows.list(
                caller.accountId(),
                serviceId,
                current,
                Instant.now(),
                new Paging(request.limit(), request.offset())),
            request)
        .body("maintenance_windows");
  }

  @GetMapping("/{id}")
  @Operation(
      summary = "Get a maintenance window",
      description = "With the number of alerts it suppressed.")
  Map<String, MaintenanceWindowView> get(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long id) {
    return Map.of("maintenance_window", find(caller, id));
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Schedule a maintenance window",
      description =
          "For service_id, or for every service of the account without one; at most 30 days.")
  Map<String, MaintenanceWindowView> create(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @RequestBody MaintenanceWindowRequest request) {
    return Map.of("maintenance_window", find(caller, windows.create(caller.accountId(), request)));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(
      summary = "Delete a maintenance window",
      description =
          "A window that is on ends at once. Alerts it suppressed stay suppressed and never page.")
  void delete(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long id) {
    windows.delete(caller.accountId(), id);
  }

  private MaintenanceWindowView find(ApiCaller caller, long id) {
    return windows
        .find(caller.accountId(), id)
        .orElseThrow(() -> ApiException.notFound("Maintenance window " + id));
  }
}
