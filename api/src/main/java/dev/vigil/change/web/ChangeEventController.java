package dev.vigil.change.web;

import dev.vigil.auth.ApiCaller;
import dev.vigil.change.ChangeEvents;
import dev.vigil.web.ApiException;
import dev.vigil.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Change events sent to {@code POST /v2/change/enqueue}, per service, newest first. */
@RestController
@RequestMapping("/api/v1/change_events")
@Tag(name = "Change events", description = "Deploys and other changes, as integrations send them")
class ChangeEventController {

  private final ChangeEvents changes;
  private final JsonMapper json;

  ChangeEventController(ChangeEvents changes, JsonMapper json) {
    this.changes = changes;
    this.json = json;
  }

  @GetMapping
  @Operation(
      summary = "List change events",
      description =
          "Newest first; service_id, and since/until (ISO 8601, on when the change happened),"
              + " narrow the list: what changed around an incident.")
  Map<String, Object> list(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @RequestParam(name = "service_id", required = false) Long serviceId,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant since,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant until,
      @RequestParam(defaultValue = "25") int limit,
      @RequestParam(defaultValue = "0") int offset) {
    if (since != null && until != null && !until.isAfter(since)) {
      throw ApiException.badRequest("until", "must be after since");
    }
    Page.PageRequest page = Page.PageRequest.of(limit, offset);
    List<ChangeEventView> rows =
        changes
            .list(caller.accountId(), serviceId, since, until, page.fetch(), page.offset())
            .stream()
            .map(this::view)
            .toList();
    return Page.of(rows, page).body("change_events");
  }

  private ChangeEventView view(ChangeEvents.StoredChange change) {
    return new ChangeEventView(
        change.id(),
        new ChangeEventView.ServiceRef(change.serviceId(), change.serviceName()),
        change.summary(),
        change.source(),
        change.happenedAt(),
        change.customDetailsJson() == null
            ? null
            : json.readValue(change.customDetailsJson(), Object.class),
        change.linksJson() == null
            ? List.of()
            : List.of(json.readValue(change.linksJson(), ChangeEventView.LinkView[].class)),
        change.receivedAt());
  }
}
