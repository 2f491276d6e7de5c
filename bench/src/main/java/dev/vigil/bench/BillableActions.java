package dev.vigil.bench;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Temporal Cloud's billable actions of one workflow run, counted from its history, after
 * https://docs.temporal.io/cloud/actions (docs/decisions/0020 has the rule and what it leaves out):
 *
 * <ul>
 *   <li>workflow started (client start, signal-with-start, continue-as-new, child start): 1;
 *   <li>each signal received ({@code WorkflowExecutionSignaled}, the one that came with a
 *       signal-with-start included): 1;
 *   <li>each update accepted: 1 (a rejected update is billed too but leaves no event);
 *   <li>each activity attempt: the attempt number of its {@code ActivityTaskStarted} (retries are
 *       billed; the history keeps only the last attempt's start);
 *   <li>each timer started: 1;
 *   <li>each search attribute upsert: 1, unless it only sets {@code TemporalChangeVersion};
 *   <li>side effects and local activities (markers other than versions): 1;
 *   <li>a child workflow started, an external signal sent: 1.
 * </ul>
 *
 * Queries and heartbeats are billed but leave no event: not counted.
 */
final class BillableActions {

  private BillableActions() {}

  /** Actions per kind, and their total. */
  record Count(Map<String, Integer> byKind) {

    int total() {
      return byKind.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  static Count of(List<HistoryEvent> history) {
    Map<String, Integer> byKind = new TreeMap<>();
    for (HistoryEvent event : history) {
      int actions = actions(event);
      if (actions > 0) {
        byKind.merge(kind(event.getEventType()), actions, Integer::sum);
      }
    }
    return new Count(byKind);
  }

  private static int actions(HistoryEvent event) {
    EventType type = event.getEventType();
    switch (type) {
      case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
      EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED,
      EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
      EVENT_TYPE_TIMER_STARTED,
      EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED,
      EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED:
        return 1;
      case EVENT_TYPE_ACTIVITY_TASK_STARTED:
        return Math.max(1, event.getActivityTaskStartedEventAttributes().getAttempt());
      case EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES:
        var fields =
            event
                .getUpsertWorkflowSearchAttributesEventAttributes()
                .getSearchAttributes()
                .getIndexedFieldsMap()
                .keySet();
        return fields.size() == 1 && fields.contains("TemporalChangeVersion") ? 0 : 1;
      case EVENT_TYPE_MARKER_RECORDED:
        return "Version".equals(event.getMarkerRecordedEventAttributes().getMarkerName()) ? 0 : 1;
      default:
        return 0;
    }
  }

  private static String kind(EventType type) {
    return switch (type) {
      case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> "workflow started";
      case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED -> "signal";
      case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED -> "update";
      case EVENT_TYPE_TIMER_STARTED -> "timer";
      case EVENT_TYPE_ACTIVITY_TASK_STARTED -> "activity";
      case EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES -> "search attribute upsert";
      case EVENT_TYPE_MARKER_RECORDED -> "side effect or local activity";
      default -> "child or external signal";
    };
  }
}
