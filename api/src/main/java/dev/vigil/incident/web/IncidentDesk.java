package dev.vigil.incident.web;

import dev.vigil.auth.ApiCaller;
import dev.vigil.incident.Responder;
import dev.vigil.incident.record.IncidentReader;
import dev.vigil.incident.web.IncidentActions.Action;
import dev.vigil.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Incidents as the console shows and changes them, for a person logged in: the REST API's reader,
 * views and actions, so a click and an API call take the same path and leave the same timeline
 * entry, said to come "via console" (docs/decisions/0046). Refusals are the API's {@link
 * ApiException}s.
 */
@Component
public class IncidentDesk {

  /** How many of the newest incidents in the asked statuses the list's other filters look at. */
  public static final int LIST_WINDOW = 100;

  static final String VIA = "console";

  private final IncidentReader reader;
  private final IncidentViews views;
  private final IncidentActions actions;
  private final ResponderActionController responderActions;

  IncidentDesk(
      IncidentReader reader,
      IncidentViews views,
      IncidentActions actions,
      ResponderActionController responderActions) {
    this.reader = reader;
    this.views = views;
    this.actions = actions;
    this.responderActions = responderActions;
  }

  /**
   * @param statuses triggered, acknowledged, resolved
   * @param serviceId only this service's incidents; null for every service
   * @param urgency high or low; null for both
   * @param mine only incidents assigned to the caller
   */
  public record Filter(List<String> statuses, Long serviceId, String urgency, boolean mine) {}

  /** Newest first, each shown as the REST API's list shows it. */
  public List<?> list(ApiCaller caller, Filter filter) {
    List<IncidentReader.IncidentRow> rows =
        reader.list(caller.accountId(), filter.statuses(), LIST_WINDOW, 0);
    List<Object> shown = new ArrayList<>();
    for (IncidentReader.IncidentRow row : rows.subList(0, Math.min(LIST_WINDOW, rows.size()))) {
      if (filter.serviceId() != null && filter.serviceId() != row.serviceId()) {
        continue;
      }
      if (filter.urgency() != null && !filter.urgency().equals(row.urgency())) {
        continue;
      }
      if (filter.mine() && !assignedTo(row, caller.userId())) {
        continue;
      }
      shown.add(IncidentView.summary(row));
    }
    return shown;
  }

  /** The incident with its assignees and timeline, as {@code GET /api/v1/incidents/{n}}. */
  public Optional<Object> incident(ApiCaller caller, long number) {
    return reader.find(caller.accountId(), number).map(views::full);
  }

  /** Acknowledges or resolves, as the REST API does; answers a sentence for the responder. */
  public String act(ApiCaller caller, long number, Action action) {
    IncidentActions.Outcome outcome = actions.act(caller.accountId(), number, action, by(caller));
    if (outcome.result() == IncidentActions.Result.NOT_FOUND) {
      throw ApiException.notFound("Incident " + number);
    }
    return outcome.message();
  }

  public void addNote(ApiCaller caller, long number, String content) {
    responderActions.addNote(
        caller, number, new ResponderActionController.NoteBody(content), by(caller));
  }

  /** A blank priority clears it. */
  public void setPriority(ApiCaller caller, long number, String priority) {
    String value = priority == null || priority.isBlank() ? null : priority;
    responderActions.setPriority(
        caller, number, new ResponderActionController.PriorityBody(value), by(caller));
  }

  public void snooze(ApiCaller caller, long number, Integer minutes) {
    responderActions.snooze(
        caller, number, new ResponderActionController.SnoozeBody(minutes), by(caller));
  }

  /** Pages the next level of the incident's policy now. */
  public void escalate(ApiCaller caller, long number) {
    responderActions.escalate(caller, number, null, by(caller));
  }

  /** Pages the user from now on, instead of the incident's policy. */
  public void reassignToUser(ApiCaller caller, long number, long userId) {
    responderActions.reassign(
        caller, number, new ResponderActionController.ReassignBody(userId, null), by(caller));
  }

  /** Pages the policy from its first level, instead of the incident's. */
  public void reassignToPolicy(ApiCaller caller, long number, long policyId) {
    responderActions.reassign(
        caller, number, new ResponderActionController.ReassignBody(null, policyId), by(caller));
  }

  /** Merges the other incidents into this one: their alerts move here and they resolve. */
  public void merge(ApiCaller caller, long number, List<Long> sources) {
    responderActions.merge(
        caller, number, new ResponderActionController.MergeBody(sources), by(caller));
  }

  private boolean assignedTo(IncidentReader.IncidentRow row, Long userId) {
    return userId != null && reader.assignees(row.id()).stream().anyMatch(a -> a.id() == userId);
  }

  private Responder by(ApiCaller caller) {
    String name =
        caller.userId() == null
            ? caller.tokenName()
            : reader.userName(caller.accountId(), caller.userId()).orElse(caller.tokenName());
    return new Responder(caller.userId(), name, VIA);
  }
}
