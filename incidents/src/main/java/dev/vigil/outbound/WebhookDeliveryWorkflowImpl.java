package dev.vigil.outbound;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class WebhookDeliveryWorkflowImpl implements WebhookDeliveryWorkflow {

  /** How long a lane's workflow waits for more before it ends. */
  static final Duration QUIET = Duration.ofSeconds(30);

  static final int EVENTS_BEFORE_CONTINUING = 2_000;

  /**
   * Requests not subject to give-up: the outbox must be read and written, however long it takes.
   */
  private final WebhookDeliveryActivities outbox =
      Workflow.newActivityStub(
          WebhookDeliveryActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setRetryOptions(
                  RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build())
              .build());

  private boolean signalled;

  @Override
  public void deliver(WebhookLane lane) {
    // Every attempt of one delivery is one activity: its retry policy is the backoff, its
    // schedule-to-close timeout the give-up (docs/decisions/0060).
    WebhookDeliveryActivities receiver =
        Workflow.newActivityStub(
            WebhookDeliveryActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setScheduleToCloseTimeout(Duration.ofSeconds(lane.giveUpAfterSeconds()))
                .setRetryOptions(
                    RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(lane.firstRetrySeconds()))
                        .setBackoffCoefficient(2.0)
                        .setMaximumInterval(Duration.ofSeconds(lane.longestRetrySeconds()))
                        .build())
                .build());
    while (true) {
      signalled = false;
      Long next = outbox.nextPending(lane.subscriptionId(), lane.lane());
      if (next == null) {
        if (!Workflow.await(QUIET, () -> signalled)) {
          return;
        }
        continue;
      }
      try {
        receiver.send(next);
      } catch (ActivityFailure failure) {
        outbox.giveUp(next, reason(failure, lane));
      }
      if (Workflow.getInfo().getHistoryLength() > EVENTS_BEFORE_CONTINUING) {
        Workflow.continueAsNew(lane);
      }
    }
  }

  @Override
  public void pending() {
    signalled = true;
  }

  private static String reason(ActivityFailure failure, WebhookLane lane) {
    // Not retried (a refused target): its own words. Otherwise the retries ran out of time, and
    // the outbox adds the last attempt's error to this.
    Throwable cause = failure.getCause();
    if (cause instanceof ApplicationFailure application && application.isNonRetryable()) {
      return application.getOriginalMessage();
    }
    if (cause instanceof ApplicationFailure || cause instanceof TimeoutFailure) {
      return "gave up after " + Duration.ofSeconds(lane.giveUpAfterSeconds());
    }
    return cause == null ? failure.getMessage() : cause.getMessage();
  }
}
