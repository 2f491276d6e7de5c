package dev.vigil.slack;

import io.temporal.activity.ActivityInterface;

/** What a Slack workflow does outside itself. */
@ActivityInterface
public interface SlackActivities {

  /**
   * Delivers the incident's waiting outbox entries: posts its message the first time, then updates
   * it (and answers notes in its thread). A refusal Slack will repeat (a channel that does not
   * exist, a revoked token) is recorded as a failed delivery, not thrown; a passing failure (rate
   * limit, Slack or the network down) is thrown, to be retried.
   */
  void deliverToSlack(long incidentId);

  /** Retries ran out: the waiting entries are marked failed, and the admin sees why. */
  void giveUpOnSlack(long incidentId, String reason);
}
