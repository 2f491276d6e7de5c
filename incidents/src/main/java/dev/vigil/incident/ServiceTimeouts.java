package dev.vigil.incident;

/**
 * A service's timers for its incidents, taken with the policy snapshot when an incident opens.
 *
 * @param ackTimeoutSeconds an acknowledged incident not resolved within this returns to triggered
 *     and escalates again from the first level; null: never
 * @param autoResolveSeconds an open incident with no new alert for this long resolves itself; null:
 *     never
 */
public record ServiceTimeouts(Integer ackTimeoutSeconds, Integer autoResolveSeconds) {

  public static ServiceTimeouts none() {
    return new ServiceTimeouts(null, null);
  }
}
