package dev.vigil.heartbeat.monitor;

import dev.vigil.heartbeat.HeartbeatPing;
import dev.vigil.heartbeat.HeartbeatWatch;
import dev.vigil.heartbeat.HeartbeatWorkflow;
import dev.vigil.oncall.heartbeat.HeartbeatMonitor;
import dev.vigil.oncall.heartbeat.HeartbeatMonitors;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Instant;
import java.util.Optional;

/** Pings reach a monitor's workflow through here, and deleting a monitor stops it. */
public class Heartbeats {

  private final WorkflowClient temporal;
  private final HeartbeatMonitors monitors;

  public Heartbeats(WorkflowClient temporal, HeartbeatMonitors monitors) {
    this.temporal = temporal;
    this.monitors = monitors;
  }

  /** Who may ping now: throws to refuse (a rate limit), before anything is recorded. */
  @FunctionalInterface
  public interface Admission {
    void admit(long monitorId, long accountId);
  }

  /**
   * Records a ping and hands it to the monitor's workflow, starting it on the first ping. Returns
   * the monitor once Temporal has durably accepted the ping, or empty for an unknown secret.
   */
  public Optional<HeartbeatMonitor> ping(String secret, Admission admission) {
    Optional<HeartbeatMonitor> known = monitors.bySecret(secret);
    known.ifPresent(monitor -> admission.admit(monitor.id(), monitor.accountId()));
    Optional<HeartbeatMonitor> pinged =
        known.flatMap(monitor -> monitors.recordPing(monitor.id(), Instant.now()));
    pinged.ifPresent(this::signal);
    return pinged;
  }

  private void signal(HeartbeatMonitor monitor) {
    HeartbeatWorkflow workflow =
        temporal.newWorkflowStub(
            HeartbeatWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(HeartbeatWorkflow.workflowId(monitor.id()))
                .setTaskQueue(HeartbeatWorkflow.TASK_QUEUE)
                .setStaticSummary("Heartbeat monitor '" + monitor.name() + "'")
                .build());
    WorkflowStub.fromTyped(workflow)
        .signalWithStart(
            "ping",
            new Object[] {new HeartbeatPing(monitor.intervalSeconds())},
            new Object[] {new HeartbeatWatch(monitor.id(), monitor.intervalSeconds(), false)});
  }

  /** Stops the monitor's workflow, if it runs (a monitor never pinged has none). */
  public void stop(long monitorId) {
    try {
      temporal
          .newWorkflowStub(HeartbeatWorkflow.class, HeartbeatWorkflow.workflowId(monitorId))
          .stop();
    } catch (WorkflowNotFoundException notRunning) {
      // Never pinged, or already ended: nothing watches it.
    }
  }
}
