package dev.vigil.incident;

import dev.vigil.notification.NotificationActivities;
import dev.vigil.notification.NotificationStep;
import dev.vigil.notification.SendNotification;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.slf4j.Logger;

/**
 * Sends one notification step through its channel's providers in order: one activity per provider,
 * retried briefly, then the next provider, each failover noted on the timeline. The provider list
 * comes from an activity at each step, so a configuration change reaches running incidents, and the
 * history shows which providers were tried and why each failed.
 *
 * <p>Idempotency stays per step, not per provider: every attempt carries the step's key, so a step
 * that any provider already sent is never sent again (see decision 0004).
 */
final class ProviderFailover {

  private static final Logger log = Workflow.getLogger(ProviderFailover.class);

  /**
   * Two quick attempts per provider. Providers time out their own calls well within the 15 s (5 s
   * by default), so a dead primary hands over to the backup within seconds. Rejections and bad
   * numbers never heal by retrying.
   */
  static final ActivityOptions PER_PROVIDER =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(15))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumAttempts(2)
                  .setDoNotRetry(
                      NotificationActivities.PROVIDER_REJECTED,
                      NotificationActivities.INVALID_DESTINATION,
                      NotificationActivities.UNKNOWN_PROVIDER,
                      NotificationActivities.UNKNOWN_CONTACT_METHOD)
                  .build())
          .build();

  /** {@code Workflow.getVersion} change id of the send path made safe against acks and crashes. */
  static final String PAGE_SEND = "page-send";

  static final int PAGE_SEND_V1 = 1;

  /** Version 2: an immediate step sends through the providers its level assignment listed. */
  static final int PAGE_SEND_V2 = 2;

  /**
   * Version 1: a provider attempt retries its own quick tries inside the activity (two, as before),
   * so Temporal's retries are left for what is not the provider's fault: a worker that died or was
   * restarted mid-send times the attempt out, and the retry must not use up the provider's chances
   * (a crash loop would otherwise fail the page over, then drop it). Ten minutes bound a step whose
   * workers never come back. Decision 0021.
   */
  static final ActivityOptions PER_PROVIDER_CRASH_SAFE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(Duration.ofMinutes(10))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofSeconds(10))
                  .setDoNotRetry(
                      NotificationActivities.PROVIDER_UNAVAILABLE,
                      NotificationActivities.PROVIDER_REJECTED,
                      NotificationActivities.INVALID_DESTINATION,
                      NotificationActivities.UNKNOWN_PROVIDER,
                      NotificationActivities.UNKNOWN_CONTACT_METHOD)
                  .build())
          .build();

  /** Reads the worker's configuration: fails only when the worker itself is unwell. */
  static final ActivityOptions LOOKUP =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(5))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumAttempts(3)
                  .build())
          .build();

  /** Failures no other provider can fix: the contact method is gone or its address is invalid. */
  private static final List<String> STEP_FAILURES =
      List.of(
          NotificationActivities.INVALID_DESTINATION,
          NotificationActivities.UNKNOWN_CONTACT_METHOD);

  private final NotificationActivities lookup =
      Workflow.newActivityStub(NotificationActivities.class, LOOKUP);
  private final NotificationActivities sending =
      Workflow.newActivityStub(NotificationActivities.class, PER_PROVIDER);
  private final NotificationActivities crashSafeSending =
      Workflow.newActivityStub(NotificationActivities.class, PER_PROVIDER_CRASH_SAFE);
  private final IncidentActivities incidents;
  private final IntSupplier nextSeq;
  private final BooleanSupplier stillPaging;

  ProviderFailover(IncidentActivities incidents, IntSupplier nextSeq, BooleanSupplier stillPaging) {
    this.incidents = incidents;
    this.nextSeq = nextSeq;
    this.stillPaging = stillPaging;
  }

  /** True when a provider took the page; false when the step failed (the timeline says why). */
  boolean send(long incidentId, NotificationStep step, String idempotencyKey) {
    // Version 1: the incident's status is checked again after every wait of the send path, and
    // provider attempts survive worker crashes. Runs recorded before it replay the old path.
    int version = Workflow.getVersion(PAGE_SEND, Workflow.DEFAULT_VERSION, PAGE_SEND_V2);
    boolean safe = version >= PAGE_SEND_V1;
    boolean listed =
        version >= PAGE_SEND_V2 && step.providers() != null && step.delaySeconds() == 0;
    List<String> providers;
    try {
      // A delayed step asks again: a configuration change meanwhile reaches it.
      providers = listed ? step.providers() : lookup.providersFor(step.channel());
    } catch (ActivityFailure failure) {
      log.warn("Could not list the providers of {}", step.channel(), failure);
      note(
          incidentId,
          "notification_failed",
          couldNotNotify(step) + ": its providers could not be listed (" + reasonOf(failure) + ")");
      return false;
    }
    if (providers.isEmpty()) {
      note(incidentId, "notification_failed", couldNotNotify(step) + ": no provider is configured");
      return false;
    }
    for (int i = 0; i < providers.size(); i++) {
      String provider = providers.get(i);
      if (safe && !stillPaging.getAsBoolean()) {
        // Acknowledged or resolved while the providers were listed or the last one failed.
        return false;
      }
      try {
        // A fresh timeline number per attempt: the "notified" entry follows the failover notes.
        (safe ? crashSafeSending : sending)
            .send(
                new SendNotification(
                    incidentId, step, idempotencyKey, now(), nextSeq.getAsInt(), provider));
        return true;
      } catch (ActivityFailure failure) {
        String reason = reasonOf(failure);
        log.warn("Notification {} via {} failed: {}", idempotencyKey, provider, reason);
        boolean last = i == providers.size() - 1;
        if (last || STEP_FAILURES.contains(typeOf(failure))) {
          note(
              incidentId,
              "notification_failed",
              couldNotNotify(step) + " via " + provider + ": " + reason);
          return false;
        }
        note(
            incidentId,
            "notification_failover",
            step.channel().label()
                + " via "
                + provider
                + " failed ("
                + reason
                + "); trying "
                + providers.get(i + 1));
      }
    }
    return false;
  }

  private void note(long incidentId, String kind, String message) {
    incidents.recordNote(new RecordNote(incidentId, kind, message, now(), nextSeq.getAsInt()));
  }

  private static String couldNotNotify(NotificationStep step) {
    return "Could not notify " + step.userName() + " by " + step.channel().wireName();
  }

  /** What the activity said went wrong: short, without addresses ("HTTP 500", "timed out"). */
  static String reasonOf(ActivityFailure failure) {
    Throwable cause = failure.getCause();
    if (cause instanceof ApplicationFailure application) {
      return application.getOriginalMessage();
    }
    if (cause instanceof TimeoutFailure) {
      return "timed out";
    }
    return cause == null ? "failed" : cause.getClass().getSimpleName();
  }

  private static String typeOf(ActivityFailure failure) {
    return failure.getCause() instanceof ApplicationFailure application
        ? application.getType()
        : "";
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
