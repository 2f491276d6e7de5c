package dev.vigil.incident;

import dev.vigil.escalation.AssignLevel;
import dev.vigil.escalation.EscalationActivities;
import dev.vigil.escalation.EscalationCursor;
import dev.vigil.notification.NotificationStep;
import dev.vigil.refusal.Refusal;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;

public class IncidentWorkflowImpl implements IncidentWorkflow {

  private static final Logger log = Workflow.getLogger(IncidentWorkflowImpl.class);

  /** {@code Workflow.getVersion} change id of duplicates joining in PostgreSQL. */
  static final String ALERT_INTAKE = "alert-intake";

  static final int ALERT_INTAKE_V1 = 1;

  /** {@code Workflow.getVersion} change id of assigning the first level as the incident opens. */
  static final String OPEN_AND_ASSIGN = "open-and-assign";

  static final int OPEN_AND_ASSIGN_V1 = 1;

  /** {@code Workflow.getVersion} change id of continuing a long incident as new. */
  static final String CONTINUE_AS_NEW = "continue-as-new";

  static final int CONTINUE_AS_NEW_V1 = 1;

  /**
   * {@code Workflow.getVersion} change id of responders' actions (notes, priority, snooze, escalate
   * now, reassign, merge): marked by a run's first action, so a run that never took one replays as
   * before and later changes to the actions can tell the runs that did apart (docs/decisions/0033).
   */
  static final String RESPONDER_ACTIONS = "responder-actions";

  static final int RESPONDER_ACTIONS_V1 = 1;

  /**
   * {@code Workflow.getVersion} change id of answering every update before the run ends: a resolve
   * still being answered when a later trigger ends the run (to open the next incident) was refused
   * by that next run as "already resolved", though it had resolved this one. Marked only by runs
   * that end with a handler still running.
   */
  static final String HANDLERS_ANSWERED = "handlers-answered";

  static final int HANDLERS_ANSWERED_V1 = 1;

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

  private final IncidentActivities incidents =
      Workflow.newActivityStub(IncidentActivities.class, RECORDING);
  private final EscalationActivities escalation =
      Workflow.newActivityStub(EscalationActivities.class, RECORDING);
  private final PageSender pages =
      new PageSender(incidents, this::nextSeq, () -> this.status == IncidentStatus.TRIGGERED);
  private final IncidentVisibility visibility = new IncidentVisibility();

  /** Triggers that arrived after resolution: they open the next incident for this key. */
  private final List<AlertSignal> nextIncidentAlerts = new ArrayList<>();

  /** Changes in effect here that the durable record does not show yet. */
  private final UnrecordedChanges unrecorded = new UnrecordedChanges();

  private IncidentStatus status = IncidentStatus.TRIGGERED;
  private OpenedIncident incident;
  private IncidentDeadlines deadlines;
  private int timelineSeq = 1;
  private int alertCount;
  private int round;

  /**
   * Duplicates join this run's incident in PostgreSQL, not by signal (docs/decisions/0022): the
   * auto-resolve timeout then asks the record whether alerts came that the workflow did not hear.
   */
  private boolean joinsAlerts;

  /** Escalations so far: an acknowledgement timeout starts another one from the first level. */
  private int escalations;

  private int level;

  /** Where an escalate-now or a reassignment restarts paging; null when none is pending. */
  private EscalationCursor requestedEscalation;

  @Override
  public IncidentOutcome run(IncidentStart start) {
    // Only runs started by reconciliation carry an incident to resume; every run recorded before
    // that path existed reads null here and takes the unchanged path.
    if (start.continued() != null) {
      // Nothing was being paged when the previous run handed over: no escalation to start.
      goOn(start.continued());
    } else {
      if (start.resumeIncidentId() != null) {
        resume(start.resumeIncidentId());
      } else {
        open(start);
      }
      escalate();
    }
    while (status != IncidentStatus.RESOLVED) {
      continueAsNewIfLong(start.key());
      awaitChangeUntil(deadlines.earliest(IncidentDeadlines.NEVER));
      recordPending();
      long now = Workflow.currentTimeMillis();
      if (status != IncidentStatus.RESOLVED && autoResolveDue(now)) {
        resolve(Responder.timer("auto-resolve"));
      } else if (requestedEscalation != null) {
        escalate(); // a responder escalated or reassigned an exhausted or acknowledged incident
      } else if (status == IncidentStatus.ACKNOWLEDGED && deadlines.acknowledgementExpired(now)) {
        // Acknowledged and forgotten, or snoozed until now: page again from the first level, as
        // if just triggered.
        changeStatus(
            IncidentStatus.TRIGGERED,
            Responder.timer(deadlines.snoozed() ? "end of snooze" : "acknowledgement timeout"));
        escalate();
      }
    }
    recordPending();
    if (!Workflow.isEveryHandlerFinished()
        && Workflow.getVersion(HANDLERS_ANSWERED, Workflow.DEFAULT_VERSION, HANDLERS_ANSWERED_V1)
            == HANDLERS_ANSWERED_V1) {
      Workflow.await(Workflow::isEveryHandlerFinished);
    }
    if (!nextIncidentAlerts.isEmpty()) {
      // A trigger after resolve opens a new incident under the same workflow id.
      Workflow.continueAsNew(IncidentStart.next(start.key(), List.copyOf(nextIncidentAlerts)));
    }
    return new IncidentOutcome(incident.incidentId(), incident.number(), status, alertCount);
  }

  /** Records a new incident from its first alert. */
  private void open(IncidentStart start) {
    unrecorded.alerts(start.carriedAlerts());
    // Signal-with-start delivers the first trigger together with the start.
    Workflow.await(unrecorded::hasAlerts);
    AlertSignal first = unrecorded.firstAlert();
    var info = Workflow.getInfo();
    // Version 1: duplicates join in PostgreSQL. Runs recorded before it hear them by signal.
    joinsAlerts =
        Workflow.getVersion(ALERT_INTAKE, Workflow.DEFAULT_VERSION, ALERT_INTAKE_V1)
            == ALERT_INTAKE_V1;
    // Version 1: the first level is assigned by the activity that opens the incident, one task
    // and one activity less before the first page. Runs recorded before it assign it as it fires.
    boolean assignOnOpen =
        Workflow.getVersion(OPEN_AND_ASSIGN, Workflow.DEFAULT_VERSION, OPEN_AND_ASSIGN_V1)
            == OPEN_AND_ASSIGN_V1;
    int openSeq = nextSeq();
    incident =
        incidents.openIncident(
            new OpenIncident(
                start.key(),
                info.getWorkflowId(),
                info.getRunId(),
                first,
                now(),
                openSeq,
                joinsAlerts,
                assignOnOpen ? nextSeq() : 0));
    alertCount = 1;
    visibility.opened(incident);
    deadlines = new IncidentDeadlines(incident.timeouts(), Workflow.currentTimeMillis());
    log.info("Incident #{} opened for service {}", incident.number(), start.key().serviceId());
  }

  /**
   * Takes over an open incident whose run the Temporal server lost: a triggered one escalates again
   * from the first level, an acknowledged one waits, its acknowledgement timeout counted from now
   * (docs/decisions/0016).
   */
  private void resume(long incidentId) {
    var info = Workflow.getInfo();
    ResumedIncident resumed =
        incidents.resumeIncident(
            new ResumeIncident(incidentId, info.getWorkflowId(), info.getRunId(), now()));
    joinsAlerts = true; // the resume activity opened the record to duplicates
    incident = resumed.incident();
    status = resumed.status();
    alertCount = resumed.alertCount();
    timelineSeq = resumed.nextSeq();
    visibility.resumed(incident, status);
    deadlines = new IncidentDeadlines(incident.timeouts(), Workflow.currentTimeMillis());
    if (status == IncidentStatus.ACKNOWLEDGED) {
      deadlines.acknowledged(Workflow.currentTimeMillis());
    }
    log.info("Incident #{} resumed ({})", incident.number(), status);
  }

  /** Goes on with an incident its previous run carried over (docs/decisions/0013). */
  private void goOn(IncidentCarryOver carried) {
    var info = Workflow.getInfo();
    incident = carried.incident();
    status = carried.status();
    alertCount = carried.alertCount();
    timelineSeq = carried.nextSeq();
    escalations = carried.escalations();
    round = carried.round();
    level = carried.level();
    joinsAlerts = true; // only runs whose duplicates join in PostgreSQL continue as new
    deadlines =
        IncidentDeadlines.carried(
            incident.timeouts(),
            carried.lastAlertAt(),
            carried.acknowledgedAt(),
            carried.snoozedUntil());
    visibility.continued(carried);
    incidents.continueIncident(
        new ContinueIncident(
            incident.incidentId(),
            info.getWorkflowId(),
            info.getRunId(),
            carried.previousRunId(),
            now()));
  }

  /**
   * Hands the incident over to a new run once this one's history is long, so an incident open for
   * weeks (acknowledged, timing out, paged again) never reaches Temporal's history limit. Called
   * only where nothing is being paged; a change still unrecorded waits for the next quiet point.
   */
  private void continueAsNewIfLong(IncidentKey key) {
    var info = Workflow.getInfo();
    boolean tooLong =
        info.isContinueAsNewSuggested()
            || info.getHistoryLength() >= incident.effectiveHistoryLimit();
    if (!tooLong || !joinsAlerts || hasUnrecorded()) {
      return;
    }
    // An update still running answers from this run first; one that changes something meanwhile
    // leaves a change to record, and the handover waits for the next quiet point.
    Workflow.await(() -> Workflow.isEveryHandlerFinished() || hasUnrecorded());
    if (hasUnrecorded()) {
      return;
    }
    // Version 1: long incidents continue as new. Runs recorded before it (no marker) go on.
    if (Workflow.getVersion(CONTINUE_AS_NEW, Workflow.DEFAULT_VERSION, CONTINUE_AS_NEW_V1)
        != CONTINUE_AS_NEW_V1) {
      return;
    }
    log.info(
        "Incident #{} continues as new after {} history events",
        incident.number(),
        info.getHistoryLength());
    IncidentCarryOver carried =
        new IncidentCarryOver(
            incident,
            status,
            visibility.changedBy(),
            deadlines.lastAlertAt(),
            deadlines.acknowledgedAt(),
            timelineSeq,
            alertCount,
            escalations,
            round,
            level,
            info.getRunId(),
            visibility.upserting(),
            deadlines.snoozedUntil());
    ContinueAsNewOptions.Builder options = ContinueAsNewOptions.newBuilder();
    if (visibility.upserting()) {
      options.setTypedSearchAttributes(Workflow.getTypedSearchAttributes());
    }
    Workflow.continueAsNew(options.build(), IncidentStart.continued(key, carried));
  }

  /**
   * Pages level after level until someone acknowledges, it resolves, or the policy runs out. A
   * responder escalating or reassigning meanwhile restarts the walk where they asked, as a new
   * escalation (so its pages have keys of their own).
   */
  private void escalate() {
    EscalationCursor cursor =
        requestedEscalation != null ? requestedEscalation : new EscalationCursor(incident.policy());
    requestedEscalation = null;
    while (true) {
      escalations++;
      walk(cursor);
      if (requestedEscalation == null || status != IncidentStatus.TRIGGERED) {
        requestedEscalation = null;
        break;
      }
      cursor = requestedEscalation;
      requestedEscalation = null;
    }
    if (status == IncidentStatus.TRIGGERED) {
      visibility.exhausted();
      incidents.recordNote(
          new RecordNote(
              incident.incidentId(),
              "escalation_exhausted",
              "Escalation policy \"" + incident.policy().name() + "\" exhausted; still triggered",
              now(),
              nextSeq()));
    }
  }

  /** One walk of the policy from the cursor; returns early once it stops being triggered. */
  private void walk(EscalationCursor cursor) {
    while (status == IncidentStatus.TRIGGERED && cursor.hasNext()) {
      EscalationCursor.Step step = cursor.next();
      round = step.round();
      level = step.level();
      visibility.paging(round, level);
      long firedAt = Workflow.currentTimeMillis();
      List<NotificationStep> plan = assignedOnOpen(step);
      if (plan == null) {
        plan =
            escalation.assignLevel(
                new AssignLevel(
                    incident.incidentId(),
                    round,
                    level,
                    step.definition().targets(),
                    now(),
                    nextSeq()));
      }
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
        pages.send(incident, notification, step, escalations);
      }
      if (!last && !waitWhileTriggered(levelEndsAt)) {
        return;
      }
    }
  }

  /**
   * The first level's plan, when the incident's opening assigned it: used once, by the first
   * escalation's first step. Every later step, and a re-escalation, assigns as it fires.
   */
  private List<NotificationStep> assignedOnOpen(EscalationCursor.Step step) {
    if (escalations != 1 || step.round() != 1 || step.level() != 1) {
      return null;
    }
    return incident.firstLevel();
  }

  /**
   * Waits until the deadline; false as soon as the incident is acknowledged or resolved, or a
   * responder asked for another level.
   */
  private boolean waitWhileTriggered(long deadlineMillis) {
    while (true) {
      recordPending();
      if (status != IncidentStatus.TRIGGERED || requestedEscalation != null) {
        return false;
      }
      long now = Workflow.currentTimeMillis();
      if (autoResolveDue(now)) {
        resolve(Responder.timer("auto-resolve"));
        continue;
      }
      if (now >= deadlineMillis) {
        return true;
      }
      awaitChangeUntil(deadlines.earliest(deadlineMillis));
    }
  }

  /**
   * Quiet for the auto-resolve timeout: as heard by the workflow, and, when duplicates join in
   * PostgreSQL, as recorded there (the check also closes the incident to duplicates, under the
   * row's lock, so none can join between the check and the resolution).
   */
  private boolean autoResolveDue(long now) {
    if (!deadlines.autoResolveDue(now)) {
      return false;
    }
    if (!joinsAlerts) {
      return true;
    }
    Instant quietSince =
        Instant.ofEpochMilli(now - incident.timeouts().autoResolveSeconds() * 1000L);
    AutoResolveCheck check =
        incidents.checkAutoResolve(new CheckAutoResolve(incident.incidentId(), quietSince));
    if (check.quiet()) {
      return true;
    }
    deadlines.alertArrived(check.lastAlertAt().toEpochMilli());
    return false;
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
    return !unrecorded.isEmpty();
  }

  /** Writes what signals and updates changed in memory to the durable record, in order. */
  private void recordPending() {
    alertCount += unrecorded.record(incidents, incident.incidentId(), this::nextSeq);
  }

  @Override
  public void trigger(AlertSignal alert) {
    if (status == IncidentStatus.RESOLVED) {
      nextIncidentAlerts.add(alert);
    } else {
      unrecorded.alert(alert);
      if (deadlines != null) {
        deadlines.alertArrived(Workflow.currentTimeMillis());
      }
    }
  }

  @Override
  public void acknowledge(Responder by) {
    if (status == IncidentStatus.TRIGGERED) {
      changeStatus(IncidentStatus.ACKNOWLEDGED, by);
    } else if (status == IncidentStatus.ACKNOWLEDGED && deadlines != null && deadlines.snoozed()) {
      // Acknowledging a snoozed incident again ends the snooze (only runs that snoozed get here).
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
    unrecorded.transition(newStatus, by, now());
    visibility.statusChanged(newStatus, by);
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
      throw Refusal.wrongState("incident is already resolved");
    }
  }

  @Override
  public IncidentState addNote(AddNote note) {
    actionsVersion();
    unrecorded.action(new UnrecordedChanges.ActionTaken("note", note.content(), note.by(), now()));
    return stateOnceRecorded();
  }

  @Override
  public void validateAddNote(AddNote note) {
    IncidentActionRules.refuseInput(IncidentActionRules.noteProblem(note.content()));
    refuseActionIfResolved();
  }

  @Override
  public IncidentState setPriority(SetPriority change) {
    actionsVersion();
    unrecorded.action(new UnrecordedChanges.PriorityChanged(change.priority(), change.by(), now()));
    return stateOnceRecorded();
  }

  @Override
  public void validateSetPriority(SetPriority change) {
    IncidentActionRules.refuseInput(IncidentActionRules.priorityProblem(change.priority()));
    refuseActionIfResolved();
  }

  @Override
  public IncidentState snooze(Snooze snooze) {
    actionsVersion();
    long until = Workflow.currentTimeMillis() + snooze.durationMinutes() * 60_000L;
    deadlines.snooze(until);
    unrecorded.action(
        new UnrecordedChanges.Snoozed(
            Instant.ofEpochMilli(until), snooze.durationMinutes(), snooze.by(), now()));
    return stateOnceRecorded();
  }

  @Override
  public void validateSnooze(Snooze snooze) {
    IncidentActionRules.refuseInput(IncidentActionRules.snoozeProblem(snooze.durationMinutes()));
    if (status != IncidentStatus.ACKNOWLEDGED || deadlines == null) {
      IncidentActionRules.refuseState(
          "only an acknowledged incident can be snoozed; this one is " + status.wireName());
    }
  }

  @Override
  public IncidentState escalateNow(EscalateNow request) {
    actionsVersion();
    int levels = incident.policy().levels().size();
    int target = request.level() != null ? request.level() : Math.min(level + 1, levels);
    if (status == IncidentStatus.ACKNOWLEDGED) {
      changeStatus(IncidentStatus.TRIGGERED, request.by());
    }
    unrecorded.action(
        new UnrecordedChanges.ActionTaken(
            "escalated_by_hand",
            "Escalated to level " + target + " by " + request.by().describe(),
            request.by(),
            now()));
    requestedEscalation = new EscalationCursor(incident.policy(), Math.max(round, 1), target);
    return stateOnceRecorded();
  }

  @Override
  public void validateEscalateNow(EscalateNow request) {
    refuseActionIfResolved();
    if (incident == null) {
      IncidentActionRules.refuseState("the incident is still being opened; try again");
    }
    int levels = incident.policy().levels().size();
    IncidentActionRules.refuseInput(IncidentActionRules.levelProblem(request.level(), levels));
    if (levels == 0) {
      IncidentActionRules.refuseState("the incident's escalation policy has no levels");
    }
  }

  @Override
  public IncidentState reassign(Reassign request) {
    actionsVersion();
    incident = incident.withPolicy(request.policy());
    if (status == IncidentStatus.ACKNOWLEDGED) {
      changeStatus(IncidentStatus.TRIGGERED, request.by());
    }
    unrecorded.action(
        new UnrecordedChanges.ActionTaken(
            "reassigned",
            "Reassigned to " + request.assignee() + " by " + request.by().describe(),
            request.by(),
            now()));
    requestedEscalation = new EscalationCursor(request.policy());
    return stateOnceRecorded();
  }

  @Override
  public void validateReassign(Reassign request) {
    refuseActionIfResolved();
    if (incident == null) {
      IncidentActionRules.refuseState("the incident is still being opened; try again");
    }
    if (request.policy() == null || request.policy().levels().isEmpty()) {
      IncidentActionRules.refuseInput(
          java.util.Optional.of("'escalation_policy_id' names a policy with no levels"));
    }
  }

  @Override
  public IncidentState mergeInto(MergeInto merge) {
    actionsVersion();
    unrecorded.action(
        new UnrecordedChanges.Merged(
            merge.targetIncidentId(), merge.targetNumber(), merge.by(), now()));
    resolve(merge.by());
    return stateOnceRecorded();
  }

  @Override
  public void validateMergeInto(MergeInto merge) {
    refuseActionIfResolved();
    if (incident == null) {
      IncidentActionRules.refuseState("the incident is still being opened; try again");
    }
    if (merge.targetIncidentId() == incident.incidentId()) {
      IncidentActionRules.refuseInput(
          java.util.Optional.of("'source_incidents' cannot hold the incident merged into"));
    }
  }

  private void refuseActionIfResolved() {
    if (status == IncidentStatus.RESOLVED) {
      IncidentActionRules.refuseState("the incident is already resolved");
    }
  }

  /** Marks the run's first action in its history (see {@link #RESPONDER_ACTIONS}). */
  private void actionsVersion() {
    Workflow.getVersion(RESPONDER_ACTIONS, Workflow.DEFAULT_VERSION, RESPONDER_ACTIONS_V1);
  }

  /** Updates answer once the change is on the record, so a read right after sees it. */
  private IncidentState stateOnceRecorded() {
    Workflow.await(() -> incident != null && unrecorded.changesRecorded());
    return state();
  }

  @Override
  public IncidentState state() {
    return new IncidentState(
        incident == null ? null : incident.number(), status, round, level, alertCount);
  }

  @Override
  public int escalationLevels() {
    return incident == null ? 0 : incident.policy().levels().size();
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
