package dev.vigil.incident;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One incident, from first trigger to resolution: records it, walks its escalation policy, stops
 * paging on acknowledge and completes on resolve.
 *
 * <p>Signals are fire-and-forget (the Events API); updates answer with the new state or refuse (the
 * REST API).
 */
@WorkflowInterface
public interface IncidentWorkflow {

  String TASK_QUEUE = "incidents";

  @WorkflowMethod
  IncidentOutcome run(IncidentStart start);

  @SignalMethod
  void trigger(AlertSignal alert);

  @SignalMethod
  void acknowledge(Responder by);

  @SignalMethod
  void resolve(Responder by);

  @UpdateMethod
  IncidentState acknowledgeNow(Responder by);

  @UpdateValidatorMethod(updateName = "acknowledgeNow")
  void validateAcknowledgeNow(Responder by);

  @UpdateMethod
  IncidentState resolveNow(Responder by);

  @UpdateValidatorMethod(updateName = "resolveNow")
  void validateResolveNow(Responder by);

  // A responder's actions (docs/decisions/0033): each refused by its validator for bad input or the
  // wrong state, so nothing is written to history, and answered once the record shows it.

  @UpdateMethod
  IncidentState addNote(AddNote note);

  @UpdateValidatorMethod(updateName = "addNote")
  void validateAddNote(AddNote note);

  @UpdateMethod
  IncidentState setPriority(SetPriority change);

  @UpdateValidatorMethod(updateName = "setPriority")
  void validateSetPriority(SetPriority change);

  @UpdateMethod
  IncidentState snooze(Snooze snooze);

  @UpdateValidatorMethod(updateName = "snooze")
  void validateSnooze(Snooze snooze);

  @UpdateMethod
  IncidentState escalateNow(EscalateNow request);

  @UpdateValidatorMethod(updateName = "escalateNow")
  void validateEscalateNow(EscalateNow request);

  @UpdateMethod
  IncidentState reassign(Reassign request);

  @UpdateValidatorMethod(updateName = "reassign")
  void validateReassign(Reassign request);

  @UpdateMethod
  IncidentState mergeInto(MergeInto merge);

  @UpdateValidatorMethod(updateName = "mergeInto")
  void validateMergeInto(MergeInto merge);

  @QueryMethod
  IncidentState state();

  /** How many levels the policy the incident follows has (0 until it is recorded). */
  @QueryMethod
  int escalationLevels();
}
