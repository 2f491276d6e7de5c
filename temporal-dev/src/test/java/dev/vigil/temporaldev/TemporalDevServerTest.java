package dev.vigil.temporaldev;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TemporalDevServerTest {

  @WorkflowInterface
  public interface Sleeper {
    @WorkflowMethod
    long sleep(long millis);
  }

  public static class SleeperImpl implements Sleeper {
    @Override
    public long sleep(long millis) {
      long start = Workflow.currentTimeMillis();
      Workflow.sleep(Duration.ofMillis(millis));
      return Workflow.currentTimeMillis() - start;
    }
  }

  @Test
  void timersRunOnTheWallClockNotSkipped() {
    try (TemporalDevServer server = TemporalDevServer.start(0)) {
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build());
      WorkflowClient client = WorkflowClient.newInstance(stubs);
      WorkerFactory factory = WorkerFactory.newInstance(client);
      factory.newWorker("q").registerWorkflowImplementationTypes(SleeperImpl.class);
      factory.start();
      try {
        Sleeper sleeper =
            client.newWorkflowStub(
                Sleeper.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue("q")
                    .setWorkflowExecutionTimeout(Duration.ofSeconds(30))
                    .build());
        long started = System.nanoTime();
        long slept = sleeper.sleep(1500);
        long wallMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(slept).isGreaterThanOrEqualTo(1500);
        // A time-skipping server would return in a few milliseconds.
        assertThat(wallMillis).isGreaterThanOrEqualTo(1400);
      } finally {
        factory.shutdownNow();
        stubs.shutdownNow();
      }
    }
  }
}
