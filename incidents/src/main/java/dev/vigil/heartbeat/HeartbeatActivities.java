package dev.vigil.heartbeat;

import io.temporal.activity.ActivityInterface;

/** What a heartbeat monitor's workflow does outside itself. */
@ActivityInterface
public interface HeartbeatActivities {

  /**
   * The interval passed without a ping: marks the monitor down and opens (or joins) its incident.
   * Safe to repeat: the incident is keyed by the monitor, so a retry joins it as a duplicate.
   *
   * @return false if the monitor no longer exists (the workflow then ends)
   */
  boolean missed(long monitorId);

  /**
   * A ping came after a miss: marks the monitor up and resolves its incident.
   *
   * @return false if the monitor no longer exists
   */
  boolean recovered(long monitorId);
}
