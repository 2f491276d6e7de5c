package dev.vigil.temporaldev;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Temporal server, run by the CLI: it keeps time for real and keeps its state on disk. */
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

  @TempDir Path dir;

  @Test
  void timersRunOnTheWallClockNotSkipped() {
    try (TemporalDevServer server = TemporalDevServer.start(options(null))) {
      withClient(
          server,
          client -> {
            WorkerFactory factory = WorkerFactory.newInstance(client);
            factory.newWorker("q").registerWorkflowImplementationTypes(SleeperImpl.class);
            factory.start();
            try {
              long started = System.nanoTime();
              long slept = sleeper(client, "sleep-" + System.nanoTime()).sleep(1500);
              long wallMillis = (System.nanoTime() - started) / 1_000_000;

              assertThat(slept).isGreaterThanOrEqualTo(1500);
              // A time-skipping server would return in a few milliseconds.
              assertThat(wallMillis).isGreaterThanOrEqualTo(1400);
            } finally {
              factory.shutdownNow();
            }
          });
    }
  }

  @Test
  void aWorkflowStartedBeforeARestartIsStillRunningAfterIt() {
    Path database = dir.resolve("temporal.db");
    try (TemporalDevServer server = TemporalDevServer.start(options(database))) {
      withClient(
          server,
          client ->
              WorkflowClient.start(
                  sleeper(client, "survivor")::sleep, Duration.ofHours(1).toMillis()));
    }
    try (TemporalDevServer server = TemporalDevServer.start(options(database))) {
      withClient(
          server,
          client ->
              assertThat(client.newUntypedWorkflowStub("survivor").describe().getStatus())
                  .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING));
    }
  }

  @Test
  void aWorkflowStartedBeforeTheServerIsKilledIsStillRunningAfterIt() {
    Path database = dir.resolve("killed.db");
    TemporalDevServer first = TemporalDevServer.start(options(database));
    try {
      withClient(
          first,
          client ->
              WorkflowClient.start(
                  sleeper(client, "survivor-of-a-kill")::sleep, Duration.ofHours(1).toMillis()));
      // The write-ahead log is in use (decision 0049), and a kill gives it no chance to checkpoint.
      assertThat(database.resolveSibling("killed.db-wal")).exists();
      long killed =
          ProcessHandle.allProcesses()
              .filter(p -> p.info().commandLine().orElse("").contains(database.toString()))
              .filter(p -> p.info().command().orElse("").contains("temporal"))
              .filter(ProcessHandle::destroyForcibly)
              .count();
      assertThat(killed).isEqualTo(1);
    } finally {
      first.close();
    }
    try (TemporalDevServer server = TemporalDevServer.start(options(database))) {
      withClient(
          server,
          client ->
              assertThat(client.newUntypedWorkflowStub("survivor-of-a-kill").describe().getStatus())
                  .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING));
    }
  }

  @Test
  void closingStopsTheServerAndFreesItsPort() {
    TemporalDevServer server = TemporalDevServer.start(options(null));
    int port = server.port();
    assertThat(accepts(port)).isTrue();

    server.close();

    assertThat(accepts(port)).isFalse();
  }

  private TemporalDevServer.Options options(Path database) {
    Path cli = TemporalCli.locate(Optional.empty(), dir.resolve("cli"), false);
    return new TemporalDevServer.Options(cli, database, 0, 0, dir.resolve("temporal.log"));
  }

  private static Sleeper sleeper(WorkflowClient client, String id) {
    return client.newWorkflowStub(
        Sleeper.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(id)
            .setTaskQueue("q")
            .setWorkflowExecutionTimeout(Duration.ofHours(2))
            .build());
  }

  private static void withClient(TemporalDevServer server, Consumer<WorkflowClient> use) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build());
    try {
      use.accept(WorkflowClient.newInstance(stubs));
    } finally {
      stubs.shutdownNow();
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(TemporalDevServer.LOOPBACK, port), 1000);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
