package dev.vigil.slack;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class SlackWorkflowImpl implements SlackWorkflow {

  /** A run with nothing to deliver for this long ends; the next entry starts a new one. */
  static final Duration QUIET = Duration.ofMinutes(10);

  static final int EVENTS_BEFORE_CONTINUING = 1_000;

  // Slack down or rate limiting: backs off to five minutes (a 429's Retry-After sets the next
  // wait), and gives up after about half an hour rather than retrying forever.
  private final SlackActivities activities =
      Workflow.newActivityStub(
          SlackActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(1))
                      .setBackoffCoefficient(2)
                      .setMaximumInterval(Duration.ofMinutes(5))
                      .setMaximumAttempts(12)
                      .build())
              .build());

  // Recording a give-up only touches the database: retried until it succeeds.
  private final SlackActivities bookkeeping =
      Workflow.newActivityStub(
          SlackActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setRetryOptions(
                  RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build())
              .build());

  // Started by a signal or the sweeper: there is something to look at.
  private boolean changed = true;

  @Override
  public void follow(long incidentId) {
    while (true) {
      if (!Workflow.await(QUIET, () -> changed)) {
        return;
      }
      changed = false;
      try {
        activities.deliverToSlack(incidentId);
      } catch (ActivityFailure gaveUp) {
        bookkeeping.giveUpOnSlack(incidentId, reason(gaveUp));
      }
      if (Workflow.getInfo().getHistoryLength() > EVENTS_BEFORE_CONTINUING && !changed) {
        Workflow.continueAsNew(incidentId);
      }
    }
  }

  /** Slack's last answer, as the activity said it. */
  private static String reason(ActivityFailure gaveUp) {
    return gaveUp.getCause() instanceof ApplicationFailure failure
        ? failure.getOriginalMessage()
        : String.valueOf(gaveUp.getCause() == null ? gaveUp.getMessage() : gaveUp.getCause());
  }

  @Override
  public void changed() {
    changed = true;
  }
}
