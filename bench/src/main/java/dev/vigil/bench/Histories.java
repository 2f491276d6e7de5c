package dev.vigil.bench;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.ArrayList;
import java.util.List;

/**
 * Workflow histories read from the server (GetWorkflowExecutionHistory, DescribeWorkflowExecution).
 */
final class Histories {

  private final WorkflowServiceStubs stubs;

  Histories(WorkflowServiceStubs stubs) {
    this.stubs = stubs;
  }

  List<HistoryEvent> of(String workflowId, String runId) {
    List<HistoryEvent> events = new ArrayList<>();
    ByteString page = ByteString.EMPTY;
    do {
      GetWorkflowExecutionHistoryResponse response =
          stubs
              .blockingStub()
              .getWorkflowExecutionHistory(
                  GetWorkflowExecutionHistoryRequest.newBuilder()
                      .setNamespace("default")
                      .setExecution(execution(workflowId, runId))
                      .setNextPageToken(page)
                      .build());
      events.addAll(response.getHistory().getEventsList());
      page = response.getNextPageToken();
    } while (!page.isEmpty());
    return events;
  }

  long length(String workflowId, String runId) {
    return stubs
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace("default")
                .setExecution(execution(workflowId, runId))
                .build())
        .getWorkflowExecutionInfo()
        .getHistoryLength();
  }

  /** The history length once it has not grown for a second (at most 30 s). */
  long settledLength(String workflowId, String runId) {
    long last = length(workflowId, runId);
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      Pause.millis(1000);
      long now = length(workflowId, runId);
      if (now == last) {
        return now;
      }
      last = now;
    }
    return last;
  }

  private static WorkflowExecution execution(String workflowId, String runId) {
    WorkflowExecution.Builder execution = WorkflowExecution.newBuilder().setWorkflowId(workflowId);
    if (runId != null) {
      execution.setRunId(runId);
    }
    return execution.build();
  }
}
