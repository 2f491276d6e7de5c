package dev.vigil.bench;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * What the same Temporal server does for a workflow that does nothing (BareWorkflow), measured in
 * the same run with the same client threads: the yardstick each figure is printed beside.
 */
final class Baselines {

  private final WorkflowClient client;
  private final Histories histories;
  private final int threads;

  Baselines(WorkflowClient client, Histories histories, int threads) {
    this.client = client;
    this.histories = histories;
    this.threads = threads;
  }

  private WorkflowStub stub(String id) {
    return client.newUntypedWorkflowStub(
        "BareWorkflow",
        WorkflowOptions.newBuilder()
            .setWorkflowId(id)
            .setTaskQueue(BareWorkflow.TASK_QUEUE)
            .build());
  }

  /** Signal-with-start, as the Events API does for a new incident; answers the started stub. */
  private WorkflowStub signalWithStart(String id, long mode) {
    WorkflowStub stub = stub(id);
    stub.signalWithStart("signal", new Object[] {"go"}, new Object[] {mode});
    return stub;
  }

  /** Workflows started by signal-with-start and completed, per second, over {@code n}. */
  double signalWithStartRate(int n) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<CompletableFuture<Long>> results = new ArrayList<>();
    String run = UUID.randomUUID().toString().substring(0, 8);
    long start = System.nanoTime();
    List<CompletableFuture<CompletableFuture<Long>>> started = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = "bare-" + run + "-" + i;
      started.add(
          CompletableFuture.supplyAsync(
              () -> signalWithStart(id, BareWorkflow.COMPLETE_ON_SIGNAL).getResultAsync(Long.class),
              pool));
    }
    started.forEach(s -> results.add(s.join()));
    CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).join();
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    return n / seconds;
  }

  /** One at a time: signal-with-start until the workflow completed. */
  Latencies signalWithStartLatency(int samples) {
    Latencies latencies = new Latencies();
    String run = UUID.randomUUID().toString().substring(0, 8);
    for (int i = 0; i < samples; i++) {
      long start = System.nanoTime();
      signalWithStart("bare-lat-" + run + "-" + i, BareWorkflow.COMPLETE_ON_SIGNAL)
          .getResult(Long.class);
      latencies.add(System.nanoTime() - start);
    }
    return latencies;
  }

  /** Billable actions and history events of a bare signal-with-start workflow, completed. */
  BillableActions.Count actionsOfOne(long[] eventsOut) {
    String id = "bare-actions-" + UUID.randomUUID();
    WorkflowStub stub = signalWithStart(id, BareWorkflow.COMPLETE_ON_SIGNAL);
    stub.getResult(Long.class);
    var history = histories.of(id, stub.getExecution().getRunId());
    eventsOut[0] = history.size();
    return BillableActions.of(history);
  }

  /** History events each signal adds to an open bare workflow, signals spaced as given. */
  double eventsPerSignal(int signals, long spacingMillis) {
    String id = "bare-signals-" + UUID.randomUUID();
    WorkflowStub stub = signalWithStart(id, BareWorkflow.UNTIL_STOP);
    String runId = stub.getExecution().getRunId();
    long before = histories.settledLength(id, runId);
    for (int i = 0; i < signals; i++) {
      stub.signal("signal", "again");
      Pause.millis(spacingMillis);
    }
    long after = histories.settledLength(id, runId);
    stub.signal("signal", "stop");
    return (after - before) / (double) signals;
  }

  /** {@code n} bare workflows that each sleep {@code sleepMillis}, started together: lateness. */
  Latencies timerLateness(int n, long sleepMillis) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<CompletableFuture<CompletableFuture<Long>>> started = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = "bare-timer-" + run + "-" + i;
      started.add(
          CompletableFuture.supplyAsync(
              () -> {
                WorkflowStub stub = stub(id);
                stub.start(sleepMillis);
                return stub.getResultAsync(Long.class);
              },
              pool));
    }
    Latencies lateness = new Latencies();
    for (var s : started) {
      lateness.add(TimeUnit.MILLISECONDS.toNanos(s.join().join()));
    }
    pool.shutdown();
    return lateness;
  }
}
