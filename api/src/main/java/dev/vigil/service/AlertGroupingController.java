package dev.vigil.service;

import dev.vigil.auth.ApiCaller;
import dev.vigil.oncall.service.AlertGrouping;
import dev.vigil.oncall.service.AlertGroupingRequest;
import dev.vigil.oncall.service.ServiceStore;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** How a service groups alerts into incidents (docs/decisions/0041). */
@RestController
@RequestMapping("/api/v1/services/{id}/alert_grouping")
@Tag(name = "Services")
class AlertGroupingController {

  private final ServiceStore services;

  AlertGroupingController(ServiceStore services) {
    this.services = services;
  }

  @GetMapping
  @Operation(
      summary = "Get a service's alert grouping",
      description = "none (by dedup key only, the default), time or content.")
  Map<String, AlertGrouping> get(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long id) {
    return Map.of("alert_grouping", find(caller, id));
  }

  @PutMapping
  @Operation(
      summary = "Set a service's alert grouping",
      description =
          "time: alerts within time_window_minutes of the group's first alert join its incident;"
              + " content: alerts with the same values of fields join the incident open with"
              + " them. A grouped alert never pages again; resolving the incident closes the"
              + " group. Open incidents keep their alerts; the next alert is grouped the new"
              + " way.")
  Map<String, AlertGrouping> put(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      @RequestBody AlertGroupingRequest request) {
    services.require(caller.accountId(), id);
    services.setAlertGrouping(caller.accountId(), id, request.grouping());
    return Map.of("alert_grouping", find(caller, id));
  }

  private AlertGrouping find(ApiCaller caller, long id) {
    services.require(caller.accountId(), id); // archived services are not found
    return services
        .alertGrouping(caller.accountId(), id)
        .orElseThrow(() -> ApiException.notFound("Service " + id));
  }
}
