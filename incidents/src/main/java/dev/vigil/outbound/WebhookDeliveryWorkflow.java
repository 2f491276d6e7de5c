package dev.vigil.outbound;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Delivers one subscription's events of one lane in order (docs/decisions/0060): the oldest
 * undelivered first, retried with backoff until it is delivered or given up on, then the next. Ends
 * after a quiet spell; the next event starts it again (signal-with-start).
 */
@WorkflowInterface
public interface WebhookDeliveryWorkflow {

  /** Shares the incidents' worker; deliveries are short HTTP calls. */
  String TASK_QUEUE = "incidents";

  static String workflowId(long subscriptionId, String lane) {
    return "webhook-" + subscriptionId + "-" + lane;
  }

  @WorkflowMethod
  void deliver(WebhookLane lane);

  /** The outbox has something new for this lane. */
  @SignalMethod
  void pending();
}
