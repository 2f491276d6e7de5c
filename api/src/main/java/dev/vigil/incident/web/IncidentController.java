package dev.vigil.incident.web;

import dev.vigil.auth.ApiCaller;
import dev.vigil.incident.Responder;
import dev.vigil.incident.record.IncidentReader;
import dev.vigil.incident.web.IncidentActions.Action;
import dev.vigil.web.ApiException;
import dev.vigil.web.Page;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/incidents")
class IncidentController {

  private static final Set<String> STATUSES = Set.of("triggered", "acknowledged", "resolved");

  private final IncidentReader reader;
  private final IncidentActions actions;
  private final WorkflowClient temporal;
  private final IncidentViews views;

  IncidentController(
      IncidentReader reader,
      IncidentActions actions,
      WorkflowClient temporal,
      IncidentViews views) {
    this.reader = reader;
    this.actions = actions;
    this.temporal = temporal;
    this.views = views;
  }

  @GetMapping
  Map<String, Object> list(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @RequestParam(defaultValue = "triggered,acknowledged,resolved") String statuses,
      @RequestParam(defaultValue = "25") int limit,
      @RequestParam(defaultValue = "0") int offset) {
    List<String> wanted = Arrays.stream(statuses.split(",")).map(String::strip).toList();
    if (!STATUSES.containsAll(wanted)) {
      throw ApiException.badRequest(
          "statuses", "must be a comma-separated list of triggered, acknowledged, resolved");
    }
    Page.PageRequest page = Page.PageRequest.of(limit, offset);
    return Page.of(
            reader.list(caller.accountId(), wanted, page.fetch(), page.offset()).stream()
                .map(IncidentView::summary)
                .toList(),
            page)
        .body("incidents");
  }

  @GetMapping("/{number}")
  Map<String, IncidentView> get(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long number) {
    return Map.of("incident", view(find(caller, number)));
  }

  /** The incident's Temporal workflow history, for support staff, in Temporal's JSON form. */
  @GetMapping(path = "/{number}/history", produces = MediaType.APPLICATION_JSON_VALUE)
  String history(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long number) {
    IncidentReader.IncidentRow row = find(caller, number);
    try {
      return temporal.fetchHistory(row.workflowId(), row.runId()).toJson(true);
    } catch (WorkflowNotFoundException | io.grpc.StatusRuntimeException e) {
      throw ApiException.notFound("Workflow history of incident " + number);
    }
  }

  @PostMapping("/{number}/acknowledge")
  Map<String, IncidentView> acknowledge(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long number) {
    return act(caller, number, Action.ACKNOWLEDGE);
  }

  @PostMapping("/{number}/resolve")
  Map<String, IncidentView> resolve(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long number) {
    return act(caller, number, Action.RESOLVE);
  }

  /**
   * Acts through a workflow update: it answers once the workflow has recorded the change, or
   * refuses (resolved already), so the response is the truth, not a hope.
   */
  /**
   * Acts through the workflow update (see {@link IncidentActions}): it answers once the workflow
   * recorded the change, so the response is the truth. Acknowledging twice is answered like the
   * first time; acting on a resolved incident is a conflict.
   */
  private Map<String, IncidentView> act(ApiCaller caller, long number, Action action) {
    IncidentActions.Outcome outcome =
        actions.act(
            caller.accountId(),
            number,
            action,
            new Responder(null, caller.tokenName(), "REST API"));
    switch (outcome.result()) {
      case NOT_FOUND -> throw ApiException.notFound("Incident " + number);
      case ALREADY_RESOLVED ->
          throw ApiException.conflict("Incident " + number + " is already resolved");
      case RECOVERING -> throw ApiException.unavailable(outcome.message());
      case DONE, ALREADY_ACKNOWLEDGED -> {}
    }
    return Map.of("incident", view(find(caller, number)));
  }

  private IncidentReader.IncidentRow find(ApiCaller caller, long number) {
    return reader
        .find(caller.accountId(), number)
        .orElseThrow(() -> ApiException.notFound("Incident " + number));
  }

  private IncidentView view(IncidentReader.IncidentRow row) {
    return views.full(row);
  }
}
