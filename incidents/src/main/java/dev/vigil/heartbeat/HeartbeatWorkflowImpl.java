package dev.vigil.heartbeat;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class HeartbeatWorkflowImpl implements HeartbeatWorkflow {

  /** Well below Temporal's limits; a monitor pinged every minute continues about every 16 hours. */
  static final int EVENTS_BEFORE_CONTINUING = 2_000;

  // Retried until they succeed: a missed heartbeat must open its incident, however long the
  // database or Temporal is away.
  private final HeartbeatActivities activities =
      Workflow.newActivityStub(
          HeartbeatActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setRetryOptions(
                  RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build())
              .build());

  private boolean pinged;
  private boolean stopped;
  private long intervalSeconds;

  @Override
  public void watch(HeartbeatWatch watch) {
    intervalSeconds = watch.intervalSeconds();
    boolean down = watch.down();
    while (true) {
      if (down) {
        Workflow.await(() -> pinged || stopped);
      } else {
        Workflow.await(Duration.ofSeconds(intervalSeconds), () -> pinged || stopped);
      }
      if (stopped) {
        return;
      }
      if (pinged) {
        pinged = false;
        if (down) {
          if (!activities.recovered(watch.monitorId())) {
            return;
          }
          down = false;
        }
      } else {
        if (!activities.missed(watch.monitorId())) {
          return;
        }
        down = true;
      }
      if (Workflow.getInfo().getHistoryLength() > EVENTS_BEFORE_CONTINUING && !pinged) {
        Workflow.continueAsNew(new HeartbeatWatch(watch.monitorId(), intervalSeconds, down));
      }
    }
  }

  @Override
  public void ping(HeartbeatPing ping) {
    pinged = true;
    intervalSeconds = ping.intervalSeconds();
  }

  @Override
  public void stop() {
    stopped = true;
  }
}
