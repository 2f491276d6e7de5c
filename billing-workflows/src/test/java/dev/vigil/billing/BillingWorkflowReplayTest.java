package dev.vigil.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.vigil.billing.cycle.BillingCycleWorkflowImpl;
import dev.vigil.billing.invoice.InvoiceWorkflowImpl;
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
 * Replays recorded billing histories against the current workflow code. An invoice workflow runs
 * for weeks (a check in the mail, reminders after the due date) and a billing cycle forever: a
 * change that would break a running one must fail here and ship behind {@code Workflow.getVersion}.
 *
 * <p>The histories come from this module's workflow tests, run with {@code
 * -Dvigil.recordHistories=true -Dvigil.historiesDir=src/test/resources/billing-histories}.
 */
class BillingWorkflowReplayTest {

  @TestFactory
  Stream<DynamicTest> everyRecordedHistoryReplaysAgainstTheCurrentWorkflows() throws Exception {
    List<Path> histories;
    try (Stream<Path> files = Files.list(historiesDirectory())) {
      histories = files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
    }
    assertThat(histories).as("recorded histories in %s", historiesDirectory()).isNotEmpty();
    return histories.stream()
        .map(
            history ->
                dynamicTest(
                    history.getFileName().toString(),
                    () ->
                        WorkflowReplayer.replayWorkflowExecution(
                            Files.readString(history),
                            InvoiceWorkflowImpl.class,
                            BillingCycleWorkflowImpl.class)));
  }

  private static Path historiesDirectory() throws IOException, URISyntaxException {
    URL directory = BillingWorkflowReplayTest.class.getResource("/billing-histories");
    if (directory == null) {
      throw new IOException("no billing-histories/ on the test classpath");
    }
    return Path.of(directory.toURI());
  }
}
