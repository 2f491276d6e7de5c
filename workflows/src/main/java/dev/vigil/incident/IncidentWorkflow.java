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

  @QueryMethod
  IncidentState state();
}
