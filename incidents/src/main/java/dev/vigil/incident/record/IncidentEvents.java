package dev.vigil.incident.record;

import dev.vigil.incident.AlertSignal;
import dev.vigil.incident.IncidentKey;
import dev.vigil.incident.IncidentStart;
import dev.vigil.incident.IncidentVisibility;
import dev.vigil.incident.IncidentWorkflow;
import dev.vigil.incident.Responder;
import dev.vigil.search.SearchAttributeRegistration;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Hands events to incident workflows: the one way triggers, acknowledgements and resolutions reach
 * them from outside, whether from the Events API or a test.
 */
public final class IncidentEvents {

  /** Attempts of one signal-with-start; see {@link #trigger}. */
  private static final int SIGNAL_WITH_START_ATTEMPTS = 5;

  private final WorkflowClient temporal;
  private final AlertStore alerts;
  private final SearchAttributeRegistration searchAttributes;
  private final PagingFence fence;
  private final AlertResolutions resolutions;

  public IncidentEvents(
      WorkflowClient temporal,
      AlertStore alerts,
      SearchAttributeRegistration searchAttributes,
      PagingFence fence,
      AlertResolutions resolutions) {
    this.fence = fence;
    this.resolutions = resolutions;
    this.temporal = temporal;
    this.alerts = alerts;
    this.searchAttributes = searchAttributes;
  }

  /**
   * Stores the alert, then signal-with-starts the key's workflow: it opens the incident, or joins
   * the one open for the key. Returns once Temporal has durably accepted the signal.
   */
  public Triggered trigger(IncidentKey key, AlertStore.NewAlert alert) {
    return trigger(key, key.dedupKey(), alert);
  }

  /**
   * As above, for an alert with a dedup key of its own that its service's grouping put under {@code
   * key} (docs/decisions/0041): it joins the group's incident as a duplicate would, and is stored
   * with its own key.
   */
  public Triggered trigger(IncidentKey key, String alertDedupKey, AlertStore.NewAlert alert) {
    // A duplicate of an open incident needs nothing from its workflow: it is one row, and an
    // alert storm costs the workflow's history nothing (docs/decisions/0022).
    Optional<AlertStore.Joined> joined = alerts.joinOpenIncident(key, alertDedupKey, alert);
    if (joined.isPresent()) {
      return new Triggered(
          joined.get().alertId(),
          WorkflowExecution.newBuilder()
              .setWorkflowId(joined.get().workflowId())
              .setRunId(joined.get().runId())
              .build());
    }
    return start(key, alerts.store(key.accountId(), alertDedupKey, alert), alert);
  }

  /**
   * Opens an incident made by hand, as a trigger with a key of its own would: same workflow, same
   * paging, with the urgency chosen and, when given, the assignee instead of the service's policy.
   */
  public Triggered openByHand(
      IncidentKey key, AlertStore.NewAlert alert, String urgency, Long assigneeUserId) {
    return start(key, alerts.storeManual(key.accountId(), alert, urgency, assigneeUserId), alert);
  }

  private Triggered start(IncidentKey key, long alertId, AlertStore.NewAlert alert) {
    AlertSignal signal =
        new AlertSignal(alertId, alert.summary(), alert.severity(), alert.receivedAt());
    for (int attempt = 1; ; attempt++) {
      try {
        return new Triggered(alertId, signalWithStart(key, signal));
      } catch (WorkflowExecutionAlreadyStarted race) {
        // A Temporal server makes signal-with-start atomic per workflow id. The SDK's test server
        // (time-skipping tests) can lose a race between two concurrent ones and refuse the second
        // as "already started", without delivering its signal. Trying again signals the run that
        // won, which is what a real server would have done.
        if (attempt == SIGNAL_WITH_START_ATTEMPTS) {
          throw race;
        }
      } catch (WorkflowServiceException completing) {
        // The same test server can also answer NOT_FOUND ("Completed workflow") to a
        // signal-with-start that meets a run as it completes; a real server starts the next run.
        if (attempt == SIGNAL_WITH_START_ATTEMPTS || !isNotFound(completing)) {
          throw completing;
        }
      }
    }
  }

  private static boolean isNotFound(WorkflowServiceException e) {
    return e.getCause() instanceof StatusRuntimeException status
        && status.getStatus().getCode() == Status.Code.NOT_FOUND;
  }

  private WorkflowExecution signalWithStart(IncidentKey key, AlertSignal signal) {
    WorkflowOptions.Builder options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(key.workflowId())
            .setTaskQueue(IncidentWorkflow.TASK_QUEUE)
            // The Temporal UI's summary of the execution; ignored when the signal joins a run.
            .setStaticSummary(signal.summary());
    if (searchAttributes.registered()) {
      options.setTypedSearchAttributes(IncidentVisibility.atStart(key));
    }
    IncidentWorkflow workflow = temporal.newWorkflowStub(IncidentWorkflow.class, options.build());
    BatchRequest request = temporal.newSignalWithStartRequest();
    request.add(workflow::run, IncidentStart.of(key));
    request.add(workflow::trigger, signal);
    return temporal.signalWithStart(request);
  }

  /**
   * Acknowledges the open incident for the key, or the open incident its service's grouping put an
   * alert with the key into (docs/decisions/0069); false when none is open.
   */
  public boolean acknowledge(IncidentKey key, Responder by) {
    try {
      temporal.newWorkflowStub(IncidentWorkflow.class, key.workflowId()).acknowledge(by);
    } catch (WorkflowNotFoundException noIncidentOfItsOwn) {
      Optional<String> holding = resolutions.workflowHolding(key);
      if (holding.isEmpty() || !signalled(holding.get(), workflow -> workflow.acknowledge(by))) {
        return false;
      }
      stopPaging(holding.get(), false);
      return true;
    }
    stopPaging(key.workflowId(), true);
    return true;
  }

  /**
   * Resolves the open incident for the key; for an alert its service's grouping put into another
   * incident, resolves that alert, and the incident once none of its alerts is open
   * (docs/decisions/0069). False when no open incident holds the key.
   */
  public boolean resolve(IncidentKey key, Responder by) {
    try {
      temporal.newWorkflowStub(IncidentWorkflow.class, key.workflowId()).resolve(by);
    } catch (WorkflowNotFoundException noIncidentOfItsOwn) {
      Optional<AlertResolutions.Holder> holder = resolutions.resolve(key, Instant.now());
      if (holder.isEmpty()) {
        return false;
      }
      if (holder.get().lastOpen()) {
        // Its resolution is on the record already (the incident takes no more alerts): tell the
        // workflow, and answer once pages already on their way are out.
        signalled(holder.get().workflowId(), workflow -> workflow.resolve(by));
        fence.awaitSendsInFlight(holder.get().incidentId());
      }
      return true;
    }
    stopPaging(key.workflowId(), true);
    return true;
  }

  /** False when the workflow's run ended meanwhile (resolved by someone else). */
  private boolean signalled(String workflowId, Consumer<IncidentWorkflow> signal) {
    try {
      signal.accept(temporal.newWorkflowStub(IncidentWorkflow.class, workflowId));
      return true;
    } catch (WorkflowNotFoundException ended) {
      return false;
    }
  }

  /**
   * The signal is durable but not yet applied: paging stops on the record now, and the answer waits
   * for pages already on their way, so none is sent after it (docs/decisions/0021).
   */
  private void stopPaging(String workflowId, boolean resolving) {
    fence.stop(workflowId, resolving).ifPresent(fence::awaitSendsInFlight);
  }

  /** The stored alert and the workflow run that took it. */
  public record Triggered(long alertId, WorkflowExecution run) {

    public String runId() {
      return run.getRunId();
    }
  }
}
