package dev.vigil.incident;

import dev.vigil.escalation.EscalationCursor;
import dev.vigil.notification.NotificationActivities;
import dev.vigil.notification.NotificationStep;
import dev.vigil.notification.SendNotification;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.slf4j.Logger;

/** Sends one page of an escalation step, once, whatever retries and replays happen. */
final class PageSender {

  private static final Logger log = Workflow.getLogger(PageSender.class);

  /** {@code Workflow.getVersion} change id of sending through the channel's providers in order. */
  static final String PROVIDER_FAILOVER = "provider-failover";

  static final int PROVIDER_FAILOVER_V1 = 1;

  /**
   * Before provider failover: a few quick attempts on the primary, then the failure goes on the
   * timeline and escalation goes on. Only runs recorded before the change still send this way.
   */
  private static final ActivityOptions PRIMARY_ONLY =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofSeconds(5))
                  .setMaximumAttempts(3)
                  .build())
          .build();

  private final IncidentActivities incidents;
  private final NotificationActivities primaryOnly =
      Workflow.newActivityStub(NotificationActivities.class, PRIMARY_ONLY);
  private final ProviderFailover failover;
  private final IntSupplier nextSeq;

  /**
   * @param stillPaging whether the incident is still triggered: a page is never sent once an
   *     acknowledgement or resolution reached the workflow, whatever the send was waiting for
   */
  PageSender(IncidentActivities incidents, IntSupplier nextSeq, BooleanSupplier stillPaging) {
    this.incidents = incidents;
    this.nextSeq = nextSeq;
    this.failover = new ProviderFailover(incidents, nextSeq, stillPaging);
  }

  void send(
      OpenedIncident incident,
      NotificationStep notification,
      EscalationCursor.Step step,
      int escalation) {
    var info = Workflow.getInfo();
    // Unique per page: the same step of the same escalation never pages twice, whatever retries.
    String key =
        String.join(
            "/",
            info.getWorkflowId(),
            info.getRunId(),
            "e" + escalation,
            "r" + step.round(),
            "l" + step.level(),
            "cm" + notification.contactMethodId(),
            notification.channel().wireName(),
            "t" + notification.delaySeconds());
    // Version 1: one activity per provider, in order, with the failovers on the timeline. Runs
    // recorded before it (no marker in their history) replay the single send to the primary.
    int version =
        Workflow.getVersion(PROVIDER_FAILOVER, Workflow.DEFAULT_VERSION, PROVIDER_FAILOVER_V1);
    if (version == PROVIDER_FAILOVER_V1) {
      failover.send(incident.incidentId(), notification, key);
      return;
    }
    try {
      primaryOnly.send(
          new SendNotification(
              incident.incidentId(), notification, key, now(), nextSeq.getAsInt()));
    } catch (ActivityFailure failure) {
      log.warn("Incident #{}: notification {} failed", incident.number(), key, failure);
      incidents.recordNote(
          new RecordNote(
              incident.incidentId(),
              "notification_failed",
              "Could not notify "
                  + notification.userName()
                  + " by "
                  + notification.channel().wireName(),
              now(),
              nextSeq.getAsInt()));
    }
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
