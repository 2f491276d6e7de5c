package dev.vigil.testsupport;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Records workflow histories for the replay test of the workflows module, on request only: run the
 * workflow tests with {@code -Dvigil.recordHistories=true} after a deliberate change of behaviour,
 * review the diff of the JSON files, commit them. Every recorded history is then replayed against
 * the workflow code on every build, so a change that is not replay-safe fails before it ships.
 */
public final class WorkflowHistories {

  public static final String RECORD_PROPERTY = "vigil.recordHistories";
  public static final String DIRECTORY_PROPERTY = "vigil.historiesDir";

  /** Relative to the activities module, where surefire runs its tests. */
  private static final String DEFAULT_DIRECTORY = "../incidents/src/test/resources/histories";

  private WorkflowHistories() {}

  public static boolean recording() {
    return Boolean.getBoolean(RECORD_PROPERTY);
  }

  /** Writes the run's history to {@code <scenario>.json} when recording is on. */
  public static void recordIfEnabled(
      WorkflowClient client, WorkflowExecution run, String scenario) {
    if (!recording()) {
      return;
    }
    write(scenario, client.fetchHistory(run.getWorkflowId(), run.getRunId()).toJson(true));
  }

  /** As above, for the latest run of a workflow id (a workflow the test did not start itself). */
  public static void recordIfEnabled(WorkflowClient client, String workflowId, String scenario) {
    if (!recording()) {
      return;
    }
    write(scenario, client.fetchHistory(workflowId).toJson(true));
  }

  private static void write(String scenario, String json) {
    Path directory = directory();
    try {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve(scenario + ".json"), json);
    } catch (IOException e) {
      throw new UncheckedIOException("could not record history " + scenario, e);
    }
  }

  private static Path directory() {
    Path directory =
        Path.of(System.getProperty(DIRECTORY_PROPERTY, DEFAULT_DIRECTORY))
            .toAbsolutePath()
            .normalize();
    if (!Files.isDirectory(directory.getParent())) {
      throw new IllegalStateException(
          "no "
              + directory.getParent()
              + ": run from the incidents module or set -D"
              + DIRECTORY_PROPERTY);
    }
    return directory;
  }
}
