package dev.vigil.slack;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Shows one incident in Slack (docs/decisions/0062): its timeline entries wait in an outbox, and
 * this workflow delivers them one pass at a time, so the channel's message follows the incident in
 * order. Started (or woken) by signal-with-start after each entry commits; it ends after a quiet
 * while and the next entry starts it again.
 */
@WorkflowInterface
public interface SlackWorkflow {

  /** Shares the incidents' queue: a message in the team's channel is part of the page. */
  String TASK_QUEUE = "incidents";

  static String workflowId(long incidentId) {
    return "slack-" + incidentId;
  }

  @WorkflowMethod
  void follow(long incidentId);

  /** Entries are waiting in the outbox. */
  @SignalMethod
  void changed();
}
