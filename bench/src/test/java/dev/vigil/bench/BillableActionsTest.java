package dev.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.WorkflowExecutionHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The counting rule on incidents recorded by the workflow module, counted by hand from the JSON.
 */
class BillableActionsTest {

  private static final Path HISTORIES = Path.of("../incidents/src/test/resources/histories");

  private static BillableActions.Count count(String name) throws Exception {
    return BillableActions.of(
        WorkflowExecutionHistory.fromJson(Files.readString(HISTORIES.resolve(name))).getEvents());
  }

  @Test
  void countsStartSignalActivitiesTimersAndUpdates() throws Exception {
    BillableActions.Count count = count("acknowledged-then-resolved.json");

    // 1 start, 1 signal (of the signal-with-start), 9 activities, 2 timers, 2 updates.
    assertThat(count.byKind())
        .containsEntry("workflow started", 1)
        .containsEntry("signal", 1)
        .containsEntry("activity", 9)
        .containsEntry("timer", 2)
        .containsEntry("update", 2);
    assertThat(count.total()).isEqualTo(15);
  }

  @Test
  void countsSearchAttributeUpsertsButNotVersionMarkers() throws Exception {
    BillableActions.Count count = count("search-attributes-and-details.json");

    // Two Version markers (getVersion) are free; three upserts of Vigil's attributes are not.
    assertThat(count.byKind())
        .containsEntry("search attribute upsert", 3)
        .doesNotContainKey("side effect or local activity");
    assertThat(count.total()).isEqualTo(1 + 2 + 1 + 13 + 2 + 3);
  }
}
