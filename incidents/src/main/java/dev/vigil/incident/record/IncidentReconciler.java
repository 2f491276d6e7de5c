package dev.vigil.incident.record;

import dev.vigil.incident.IncidentKey;
import dev.vigil.incident.IncidentStart;
import dev.vigil.incident.IncidentVisibility;
import dev.vigil.incident.IncidentWorkflow;
import dev.vigil.incident.record.OpenIncidents.OpenIncidentRow;
import dev.vigil.search.SearchAttributeRegistration;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * PostgreSQL holds the record, Temporal holds what is running: when the Temporal server loses a
 * workflow (its database was lost or restored from an old backup), an incident the record shows
 * open would otherwise stay "triggered" forever with nobody paged. At start and then periodically
 * each open incident's run is looked up: a run the server no longer knows is resumed from the
 * record in a new run; a run that ended without recording a resolution (terminated by an operator,
 * failed, timed out) is closed with a timeline entry that says so (docs/decisions/0016).
 *
 * <p>A bean of the application (it needs the Temporal client), like {@link IncidentEvents}.
 */
public class IncidentReconciler {

  private static final Logger log = LoggerFactory.getLogger(IncidentReconciler.class);

  /** A run records its incident within moments of starting: younger rows are left alone. */
  private static final Duration SETTLING = Duration.ofSeconds(10);

  private final WorkflowClient temporal;
  private final OpenIncidents incidents;
  private final Duration every;
  private final SearchAttributeRegistration searchAttributes;
  private final Runnable ensureSearchAttributes;
  private ScheduledExecutorService scheduler;

  public IncidentReconciler(
      WorkflowClient temporal,
      OpenIncidents incidents,
      Duration every,
      SearchAttributeRegistration searchAttributes,
      Runnable ensureSearchAttributes) {
    this.temporal = temporal;
    this.searchAttributes = searchAttributes;
    this.ensureSearchAttributes = ensureSearchAttributes;
    this.incidents = incidents;
    this.every = every;
  }

  @EventListener(ApplicationReadyEvent.class)
  void startReconciling() {
    if (every.isZero() || every.isNegative()) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "incident-reconciler");
              thread.setDaemon(true);
              return thread;
            });
    scheduler.scheduleWithFixedDelay(
        this::reconcileQuietly, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  @jakarta.annotation.PreDestroy
  void stopReconciling() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  private void reconcileQuietly() {
    try {
      Outcome outcome = reconcile();
      if (outcome.resumed() + outcome.closed() > 0) {
        log.warn(
            "Reconciled open incidents with Temporal: {} resumed, {} closed",
            outcome.resumed(),
            outcome.closed());
      }
    } catch (RuntimeException e) {
      // Temporal or PostgreSQL unreachable: the next round tries again.
      log.warn("Reconciling open incidents failed: {}", e.toString());
    }
  }

  /**
   * One pass over the open incidents. It first makes sure the namespace still has Vigil's search
   * attributes when it had them at start: a server that lost its data lost them too, and would
   * refuse every start that sets them, resumed runs and new incidents alike.
   */
  public Outcome reconcile() {
    if (searchAttributes.registered()) {
      ensureSearchAttributes.run();
    }
    List<OpenIncidentRow> open = incidents.recordedBefore(Instant.now().minus(SETTLING));
    int resumed = 0;
    int closed = 0;
    for (OpenIncidentRow incident : open) {
      WorkflowExecutionStatus status = statusOf(incident, incident.runId());
      if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW) {
        // A long incident handed over to a new run, which points the record at itself as it
        // starts (docs/decisions/0013): judge the run that took over.
        status = statusOf(incident, "");
        if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW) {
          continue;
        }
      }
      if (status == null) {
        resumed += resume(incident) ? 1 : 0;
      } else if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        closed += close(incident, status) ? 1 : 0;
      }
    }
    return new Outcome(open.size(), resumed, closed);
  }

  /** The run's status (the latest run's for an empty id), or null when the server has none. */
  private WorkflowExecutionStatus statusOf(OpenIncidentRow incident, String runId) {
    try {
      return temporal
          .getWorkflowServiceStubs()
          .blockingStub()
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .describeWorkflowExecution(
              DescribeWorkflowExecutionRequest.newBuilder()
                  .setNamespace(temporal.getOptions().getNamespace())
                  .setExecution(
                      WorkflowExecution.newBuilder()
                          .setWorkflowId(incident.workflowId())
                          .setRunId(runId))
                  .build())
          .getWorkflowExecutionInfo()
          .getStatus();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }

  private boolean resume(OpenIncidentRow incident) {
    IncidentKey key =
        new IncidentKey(incident.accountId(), incident.serviceId(), incident.dedupKey());
    IncidentWorkflow workflow =
        temporal.newWorkflowStub(
            IncidentWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(incident.workflowId())
                .setTaskQueue(IncidentWorkflow.TASK_QUEUE)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
                .setTypedSearchAttributes(
                    searchAttributes.registered() ? IncidentVisibility.atStart(key) : null)
                .build());
    try {
      WorkflowClient.start(workflow::run, IncidentStart.resume(key, incident.id()));
      log.warn(
          "Incident #{} (account {}): its workflow was lost by the Temporal server; resumed",
          incident.number(),
          incident.accountId());
      return true;
    } catch (WorkflowExecutionAlreadyStarted newerRun) {
      // A trigger for the same key started a run since: it took the key over, and it closes
      // this stale record when it opens its own incident.
      return false;
    }
  }

  private boolean close(OpenIncidentRow incident, WorkflowExecutionStatus status) {
    String how =
        switch (status) {
          case WORKFLOW_EXECUTION_STATUS_TERMINATED -> "was terminated in Temporal";
          case WORKFLOW_EXECUTION_STATUS_FAILED -> "failed";
          case WORKFLOW_EXECUTION_STATUS_TIMED_OUT -> "timed out";
          case WORKFLOW_EXECUTION_STATUS_CANCELED -> "was cancelled in Temporal";
          default -> "ended";
        };
    boolean changed =
        incidents.close(
            incident,
            Instant.now(),
            "Closed by Vigil: its workflow "
                + how
                + " without recording a resolution; nobody is paged for it any more");
    if (changed) {
      log.warn(
          "Incident #{} (account {}) closed: its workflow {}",
          incident.number(),
          incident.accountId(),
          how);
      return true;
    }
    return false;
  }

  /** What one pass found and did. */
  public record Outcome(int open, int resumed, int closed) {}
}
