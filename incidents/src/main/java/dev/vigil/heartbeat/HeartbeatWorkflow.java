package dev.vigil.heartbeat;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Watches one heartbeat monitor (docs/decisions/0057): a durable timer of the monitor's interval,
 * reset by each ping. When it fires, the monitor is down and an incident opens on its service; the
 * next ping resolves it and starts the clock again. Started by the first ping (signal-with-start),
 * so a monitor nobody has pinged yet pages nobody.
 */
@WorkflowInterface
public interface HeartbeatWorkflow {

  /** Shares the incidents' queue: a missed heartbeat is as urgent as any alert. */
  String TASK_QUEUE = "incidents";

  static String workflowId(long monitorId) {
    return "heartbeat-" + monitorId;
  }

  @WorkflowMethod
  void watch(HeartbeatWatch watch);

  /** A ping arrived; it carries the monitor's interval now, so a changed interval applies. */
  @SignalMethod
  void ping(HeartbeatPing ping);

  /** The monitor was deleted: stop watching, open nothing. */
  @SignalMethod
  void stop();
}
