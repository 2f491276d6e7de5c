package dev.vigil.heartbeat.web;

import dev.vigil.auth.ApiCaller;
import dev.vigil.heartbeat.monitor.Heartbeats;
import dev.vigil.oncall.heartbeat.HeartbeatMonitorRequest;
import dev.vigil.oncall.heartbeat.HeartbeatMonitors;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A service's heartbeat monitors (docs/decisions/0057). */
@RestController
@RequestMapping("/api/v1/services/{serviceId}/heartbeats")
@Tag(
    name = "Heartbeat monitors",
    description =
        "A job pings its monitor's URL at least once per interval; a missed interval opens an"
            + " incident on the service, the next ping resolves it")
class HeartbeatMonitorController {

  private final HeartbeatMonitors monitors;
  private final Heartbeats heartbeats;
  private final String publicUrl;

  HeartbeatMonitorController(
      HeartbeatMonitors monitors,
      Heartbeats heartbeats,
      @Value("${vigil.public-url}") String publicUrl) {
    this.monitors = monitors;
    this.heartbeats = heartbeats;
    this.publicUrl = publicUrl.replaceAll("/+$", "");
  }

  @GetMapping
  @Operation(summary = "List a service's heartbeat monitors", description = "By name.")
  Map<String, List<HeartbeatMonitorView>> list(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long serviceId) {
    return Map.of(
        "heartbeats",
        monitors.list(caller.accountId(), serviceId).stream()
            .map(m -> HeartbeatMonitorView.of(m, null))
            .toList());
  }

  @GetMapping("/{id}")
  @Operation(
      summary = "Get a heartbeat monitor",
      description = "With its status and last ping; not its URL, which is shown once.")
  Map<String, HeartbeatMonitorView> get(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long serviceId,
      @PathVariable long id) {
    return Map.of(
        "heartbeat",
        HeartbeatMonitorView.of(
            monitors
                .find(caller.accountId(), serviceId, id)
                .orElseThrow(HeartbeatMonitorController::notFound),
            null));
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Create a heartbeat monitor",
      description =
          "Answers its ping URL, once. The clock starts at the first ping: a monitor nobody has"
              + " pinged yet pages nobody.")
  Map<String, HeartbeatMonitorView> create(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long serviceId,
      @RequestBody HeartbeatMonitorRequest request) {
    HeartbeatMonitors.Created created = monitors.create(caller.accountId(), serviceId, request);
    return Map.of("heartbeat", HeartbeatMonitorView.of(created.monitor(), url(created.secret())));
  }

  @PutMapping("/{id}")
  @Operation(
      summary = "Change a heartbeat monitor",
      description = "Its name and interval; a new interval applies from the next ping.")
  Map<String, HeartbeatMonitorView> update(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long serviceId,
      @PathVariable long id,
      @RequestBody HeartbeatMonitorRequest request) {
    return Map.of(
        "heartbeat",
        HeartbeatMonitorView.of(monitors.update(caller.accountId(), serviceId, id, request), null));
  }

  @PostMapping("/{id}/replace_url")
  @Operation(
      summary = "Replace a heartbeat monitor's ping URL",
      description = "The old URL stops working at once (404); the new one is answered once.")
  Map<String, HeartbeatMonitorView> replaceUrl(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long serviceId,
      @PathVariable long id) {
    HeartbeatMonitors.Created replaced = monitors.replaceSecret(caller.accountId(), serviceId, id);
    return Map.of("heartbeat", HeartbeatMonitorView.of(replaced.monitor(), url(replaced.secret())));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(
      summary = "Delete a heartbeat monitor",
      description = "Stops watching it; an incident it opened stays open until resolved.")
  void delete(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long serviceId,
      @PathVariable long id) {
    if (!monitors.delete(caller.accountId(), serviceId, id)) {
      throw notFound();
    }
    heartbeats.stop(id);
  }

  private String url(String secret) {
    return publicUrl + "/heartbeats/" + secret;
  }

  private static ApiException notFound() {
    return ApiException.notFound("heartbeat monitor");
  }
}
