package dev.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.vigil.heartbeat.HeartbeatWorkflowImpl;
import dev.vigil.outbound.WebhookDeliveryWorkflowImpl;
import dev.vigil.slack.SlackWorkflowImpl;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays recorded incident histories against the current workflow code. A change that would make a
 * running incident fail its next workflow task (a new activity, timer or reordering in {@link
 * IncidentWorkflowImpl}) fails here first; ship such changes behind {@code Workflow.getVersion}.
 *
 * <p>The histories come from the activities module's IncidentWorkflowTest, run with {@code
 * -Dvigil.recordHistories=true}; re-record them only for a deliberate, versioned change.
 */
class IncidentWorkflowReplayTest {

  @TestFactory
  Stream<DynamicTest> everyRecordedHistoryReplaysAgainstTheCurrentWorkflow() throws Exception {
    List<Path> histories;
    try (Stream<Path> files = Files.list(historiesDirectory())) {
      histories = files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
    }
    // A replay test that replays nothing would pass whatever the workflow does.
    assertThat(histories).as("recorded histories in %s", historiesDirectory()).isNotEmpty();
    return histories.stream()
        .map(
            history ->
                dynamicTest(
                    history.getFileName().toString(),
                    () ->
                        WorkflowReplayer.replayWorkflowExecution(
                            Files.readString(history),
                            IncidentWorkflowImpl.class,
                            HeartbeatWorkflowImpl.class,
                            WebhookDeliveryWorkflowImpl.class,
                            SlackWorkflowImpl.class)));
  }

  private static Path historiesDirectory() throws IOException, URISyntaxException {
    URL directory = IncidentWorkflowReplayTest.class.getResource("/histories");
    if (directory == null) {
      throw new IOException(
          "no histories/ on the test classpath (incidents/src/test/resources/histories)");
    }
    return Path.of(directory.toURI());
  }
}
