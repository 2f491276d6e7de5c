package dev.vigil.incident;

import dev.vigil.escalation.AssignLevel;
import dev.vigil.escalation.EscalationActivities;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;

public class IncidentWorkflowImpl implements IncidentWorkflow {

  private static final Logger log = Workflow.getLogger(IncidentWorkflowImpl.class);

  /** {@code Workflow.getVersion} change id of sending through the channel's providers in order. */
  static final String PROVIDER_FAILOVER = "provider-failover";

  static final int PROVIDER_FAILOVER_V1 = 1;

  /**
   * The record must be written, whatever the wait: a database outage delays the timeline, it never
   * loses it. Errors that cannot heal (unknown service) are thrown as non-retryable by the
   * activity.
   */
  private static final ActivityOptions RECORDING =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(15))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofMillis(500))
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .build())
          .build();

  /**
   * A page that keeps failing must not hold up escalation: a few quick attempts, then the failure
   * goes on the timeline and the next step runs. Only histories from before provider failover still
   * send this way (see {@link #send}); {@link ProviderFailover} has its own options.
   */
  private static final ActivityOptions SENDING =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofSeconds(5))
                  .setMaximumAttempts(3)
                  .build())
          .build();

  private final IncidentActivities incidents =
      Workflow.newActivityStub(IncidentActivities.class, RECORDING);
  private final EscalationActivities escalation =
      Workflow.newActivityStub(EscalationActivities.class, RECORDING);
  private final NotificationActivities notifications =
      Workflow.newActivityStub(NotificationActivities.class, SENDING);
  private final ProviderFailover failover = new ProviderFailover(incidents, this::nextSeq);

  /** Triggers not yet attached to this incident, in arrival order. */
  private final Deque<AlertSignal> newAlerts = new ArrayDeque<>();

  /** Triggers that arrived after resolution: they open the next incident for this key. */
  private final List<AlertSignal> nextIncidentAlerts = new ArrayList<>();

  /** Status changes already in effect here, not yet on the durable record. */
  private final Deque<RecordTransition> unrecorded = new ArrayDeque<>();

  private IncidentStatus status = IncidentStatus.TRIGGERED;
  private OpenedIncident incident;
  private IncidentDeadlines deadlines;
  private int timelineSeq = 1;
  private int alertCount;
  private int round;

  /** Escalations so far: an acknowledgement timeout starts another one from the first level. */
  private int escalations;

  private int level;

  @Override
  public IncidentOutcome run(IncidentStart start) {
    newAlerts.addAll(start.carriedAlerts());
    // Signal-with-start delivers the first trigger together with the start.
    Workflow.await(() -> !newAlerts.isEmpty());
    AlertSignal first = newAlerts.poll();
    var info = Workflow.getInfo();
    incident =
        incidents.openIncident(
            new OpenIncident(
                start.key(), info.getWorkflowId(), info.getRunId(), first, now(), nextSeq()));
    alertCount = 1;
    deadlines = new IncidentDeadlines(incident.timeouts(), Workflow.currentTimeMillis());
    log.info("Incident #{} opened for service {}", incident.number(), start.key().serviceId());

    escalate();
    while (status != IncidentStatus.RESOLVED) {
      awaitChangeUntil(deadlines.earliest(IncidentDeadlines.NEVER));
      recordPending();
      long now = Workflow.currentTimeMillis();
      if (status != IncidentStatus.RESOLVED && deadlines.autoResolveDue(now)) {
        resolve(Responder.timer("auto-resolve"));
      } else if (status == IncidentStatus.ACKNOWLEDGED && deadlines.acknowledgementExpired(now)) {
        // Acknowledged and forgotten: page again from the first level, as if just triggered.
        changeStatus(IncidentStatus.TRIGGERED, Responder.timer("acknowledgement timeout"));
        escalate();
      }
    }
    recordPending();
    if (!nextIncidentAlerts.isEmpty()) {
      // A trigger after resolve opens a new incident under the same workflow id.
      Workflow.continueAsNew(new IncidentStart(start.key(), List.copyOf(nextIncidentAlerts)));
    }
    return new IncidentOutcome(incident.incidentId(), incident.number(), status, alertCount);
  }

  /** Pages level after level until someone acknowledges, it resolves, or the policy runs out. */
  private void escalate() {
    escalations++;
    EscalationCursor cursor = new EscalationCursor(incident.policy());
    while (status == IncidentStatus.TRIGGERED && cursor.hasNext()) {
      EscalationCursor.Step step = cursor.next();
      round = step.round();
      level = step.level();
      long firedAt = Workflow.currentTimeMillis();
      List<NotificationStep> plan =
          escalation.assignLevel(
              new AssignLevel(
                  incident.incidentId(),
                  round,
                  level,
                  step.definition().targets(),
                  now(),
                  nextSeq()));
      long levelEndsAt = firedAt + step.definition().delaySeconds() * 1000L;
      boolean last = step.isLast(incident.policy());
      for (NotificationStep notification : byDelay(plan)) {
        long dueAt = firedAt + notification.delaySeconds() * 1000L;
        if (!last && notification.delaySeconds() > 0 && dueAt >= levelEndsAt) {
          break; // the next level takes over before this step is due; immediate steps always go
        }
        if (!waitWhileTriggered(dueAt)) {
          return;
        }
        send(notification, step);
      }
      if (!last && !waitWhileTriggered(levelEndsAt)) {
        return;
      }
    }
    if (status == IncidentStatus.TRIGGERED) {
      incidents.recordNote(
          new RecordNote(
              incident.incidentId(),
              "escalation_exhausted",
              "Escalation policy \"" + incident.policy().name() + "\" exhausted; still triggered",
              now(),
              nextSeq()));
    }
  }

  private void send(NotificationStep notification, EscalationCursor.Step step) {
    var info = Workflow.getInfo();
    // Unique per page: the same step of the same escalation never pages twice, whatever retries.
    String key =
        String.join(
            "/",
            info.getWorkflowId(),
            info.getRunId(),
            "e" + escalations,
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
      notifications.send(
          new SendNotification(incident.incidentId(), notification, key, now(), nextSeq()));
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
              nextSeq()));
    }
  }

  /** Waits until the deadline; false as soon as the incident is acknowledged or resolved. */
  private boolean waitWhileTriggered(long deadlineMillis) {
    while (true) {
      recordPending();
      if (status != IncidentStatus.TRIGGERED) {
        return false;
      }
      long now = Workflow.currentTimeMillis();
      if (deadlines.autoResolveDue(now)) {
        resolve(Responder.timer("auto-resolve"));
        continue;
      }
      if (now >= deadlineMillis) {
        return true;
      }
      awaitChangeUntil(deadlines.earliest(deadlineMillis));
    }
  }

  /** Sleeps until the deadline, or until a signal or update changed something. */
  private void awaitChangeUntil(long deadlineMillis) {
    IncidentStatus before = status;
    if (deadlineMillis == IncidentDeadlines.NEVER) {
      Workflow.await(() -> status != before || hasUnrecorded());
    } else {
      long remaining = Math.max(1, deadlineMillis - Workflow.currentTimeMillis());
      Workflow.await(Duration.ofMillis(remaining), () -> status != before || hasUnrecorded());
    }
  }

  private boolean hasUnrecorded() {
    return !newAlerts.isEmpty() || !unrecorded.isEmpty();
  }

  /** Writes what signals and updates changed in memory to the durable record, in order. */
  private void recordPending() {
    if (!newAlerts.isEmpty()) {
      // One activity per burst, not per alert: an alert storm grows history by its signals only.
      List<AlertSignal> burst = List.copyOf(newAlerts);
      newAlerts.clear();
      incidents.attachAlerts(new AttachAlerts(incident.incidentId(), burst));
      alertCount += burst.size();
    }
    while (!unrecorded.isEmpty()) {
      RecordTransition transition = unrecorded.peek();
      incidents.recordTransition(
          new RecordTransition(
              incident.incidentId(),
              transition.status(),
              transition.by(),
              transition.at(),
              nextSeq()));
      unrecorded.poll();
    }
  }

  @Override
  public void trigger(AlertSignal alert) {
    if (status == IncidentStatus.RESOLVED) {
      nextIncidentAlerts.add(alert);
    } else {
      newAlerts.add(alert);
      if (deadlines != null) {
        deadlines.alertArrived(Workflow.currentTimeMillis());
      }
    }
  }

  @Override
  public void acknowledge(Responder by) {
    if (status == IncidentStatus.TRIGGERED) {
      changeStatus(IncidentStatus.ACKNOWLEDGED, by);
    }
  }

  @Override
  public void resolve(Responder by) {
    if (status != IncidentStatus.RESOLVED) {
      changeStatus(IncidentStatus.RESOLVED, by);
    }
  }

  private void changeStatus(IncidentStatus newStatus, Responder by) {
    status = newStatus;
    if (deadlines != null && newStatus == IncidentStatus.ACKNOWLEDGED) {
      deadlines.acknowledged(Workflow.currentTimeMillis());
    } else if (deadlines != null && newStatus == IncidentStatus.TRIGGERED) {
      deadlines.retriggered();
    }
    // incidentId is filled in when recorded: the incident may not be recorded yet.
    unrecorded.add(new RecordTransition(0, newStatus, by, now(), 0));
  }

  @Override
  public IncidentState acknowledgeNow(Responder by) {
    acknowledge(by);
    return stateOnceRecorded();
  }

  @Override
  public void validateAcknowledgeNow(Responder by) {
    refuseIfResolved();
  }

  @Override
  public IncidentState resolveNow(Responder by) {
    resolve(by);
    return stateOnceRecorded();
  }

  @Override
  public void validateResolveNow(Responder by) {
    refuseIfResolved();
  }

  private void refuseIfResolved() {
    if (status == IncidentStatus.RESOLVED) {
      throw new IllegalStateException("incident is already resolved");
    }
  }

  /** Updates answer once the change is on the record, so a read right after sees it. */
  private IncidentState stateOnceRecorded() {
    Workflow.await(() -> incident != null && unrecorded.isEmpty());
    return state();
  }

  @Override
  public IncidentState state() {
    return new IncidentState(
        incident == null ? null : incident.number(), status, round, level, alertCount);
  }

  private int nextSeq() {
    return timelineSeq++;
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  private static List<NotificationStep> byDelay(List<NotificationStep> plan) {
    List<NotificationStep> sorted = new ArrayList<>(plan);
    sorted.sort(Comparator.comparingInt(NotificationStep::delaySeconds)); // stable: deterministic
    return sorted;
  }
}
