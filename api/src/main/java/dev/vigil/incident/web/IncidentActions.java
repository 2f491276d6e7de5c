package dev.vigil.incident.web;

import dev.vigil.incident.IncidentWorkflow;
import dev.vigil.incident.Responder;
import dev.vigil.incident.record.IncidentReader;
import dev.vigil.incident.record.PagingFence;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Acknowledges or resolves an incident through the workflow's updates, for every path a responder
 * takes: the REST API, an SMS reply, a key pressed on a call, an email link.
 */
@Component
public class IncidentActions {

  public enum Action {
    ACKNOWLEDGE("acknowledged"),
    RESOLVE("resolved");

    private final String done;

    Action(String done) {
      this.done = done;
    }

    public String done() {
      return done;
    }
  }

  public enum Result {
    DONE,
    ALREADY_ACKNOWLEDGED,
    ALREADY_RESOLVED,
    NOT_FOUND,
    /** Open on the record, but its workflow is gone: reconciliation resumes it shortly. */
    RECOVERING
  }

  /** What happened, and to which incident number. */
  public record Outcome(Result result, long number, Action action) {

    /** A sentence for the responder: "Incident #12 acknowledged." */
    public String message() {
      return switch (result) {
        case DONE -> "Incident #" + number + " " + action.done() + ".";
        case ALREADY_ACKNOWLEDGED -> "Incident #" + number + " is already acknowledged.";
        case ALREADY_RESOLVED -> "Incident #" + number + " is already resolved.";
        case NOT_FOUND -> "There is no incident #" + number + ".";
        case RECOVERING -> "Incident #" + number + " is being recovered; try again in a minute.";
      };
    }
  }

  /** How long an update waits for the record to name the run a long incident handed over to. */
  private static final Duration HANDOVER_WAIT = Duration.ofSeconds(3);

  private final IncidentReader reader;
  private final WorkflowClient temporal;

  private final PagingFence fence;

  IncidentActions(IncidentReader reader, WorkflowClient temporal, PagingFence fence) {
    this.fence = fence;
    this.reader = reader;
    this.temporal = temporal;
  }

  public Outcome act(long accountId, long number, Action action, Responder by) {
    Optional<IncidentReader.IncidentRow> found = reader.find(accountId, number);
    if (found.isEmpty()) {
      return new Outcome(Result.NOT_FOUND, number, action);
    }
    IncidentReader.IncidentRow row = found.get();
    if ("resolved".equals(row.status())) {
      return new Outcome(Result.ALREADY_RESOLVED, number, action);
    }
    // Acknowledging a snoozed incident again ends its snooze: that one goes to the workflow.
    if (action == Action.ACKNOWLEDGE
        && "acknowledged".equals(row.status())
        && row.snoozedUntil() == null) {
      return new Outcome(Result.ALREADY_ACKNOWLEDGED, number, action);
    }
    try {
      updateTheRunThatPages(
          row,
          workflow -> {
            if (action == Action.ACKNOWLEDGE) {
              workflow.acknowledgeNow(by);
            } else {
              workflow.resolveNow(by);
            }
          });
      // Recorded, so no new page can be claimed; the answer waits for pages already claimed.
      fence.awaitSendsInFlight(row.id());
    } catch (WorkflowUpdateException refused) {
      return new Outcome(Result.ALREADY_RESOLVED, number, action);
    } catch (WorkflowNotFoundException lost) {
      // The record says open, so the run ended or was lost without recording it: the
      // reconciler resumes or closes it (docs/decisions/0016); until then, no answer is true.
      return new Outcome(Result.RECOVERING, number, action);
    }
    return new Outcome(Result.DONE, number, action);
  }

  /**
   * Sends the update to the run the record names. A long incident hands over to a new run now and
   * then, and the record names the new run a moment later (docs/decisions/0013): an update that
   * meets the closed run follows the record to the run that took over.
   */
  void updateTheRunThatPages(IncidentReader.IncidentRow row, Consumer<IncidentWorkflow> update) {
    String runId = row.runId();
    long giveUpAt = System.nanoTime() + HANDOVER_WAIT.toNanos();
    while (true) {
      IncidentWorkflow workflow =
          temporal.newWorkflowStub(IncidentWorkflow.class, row.workflowId(), Optional.of(runId));
      try {
        update.accept(workflow);
        return;
      } catch (WorkflowNotFoundException closed) {
        String current = reader.runOf(row.id()).orElse(runId);
        if (current.equals(runId) && System.nanoTime() > giveUpAt) {
          throw closed;
        }
        if (current.equals(runId)) {
          pause();
        }
        runId = current;
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while an incident changed runs", e);
    }
  }
}
