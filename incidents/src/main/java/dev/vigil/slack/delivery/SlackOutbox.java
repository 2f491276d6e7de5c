package dev.vigil.slack.delivery;

import dev.vigil.incident.record.TimelineEntry;
import dev.vigil.incident.record.TimelineListener;
import dev.vigil.slack.SlackWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps the timeline entries Slack shows in the outbox, in the transaction that writes them, and
 * wakes the incident's {@link SlackWorkflow} once that transaction commits. A wake-up that fails
 * (Temporal away for a moment) is made good by the sweeper, which wakes every incident with entries
 * waiting longer than a delivery takes.
 */
public class SlackOutbox implements TimelineListener {

  private static final Logger log = LoggerFactory.getLogger(SlackOutbox.class);

  /**
   * What changes what the message shows (status, who, priority) or, for notes, its thread; pages,
   * escalations and provider reports do not.
   */
  static final Set<String> SHOWN =
      Set.of(
          "triggered",
          "acknowledged",
          "resolved",
          "retriggered",
          "priority_changed",
          "merged",
          "note");

  private static final Duration SETTLING = Duration.ofSeconds(30);

  private final SlackStore store;
  private final WorkflowClient temporal;
  private final Duration sweepEvery;
  private ScheduledExecutorService sweeper;

  public SlackOutbox(SlackStore store, WorkflowClient temporal, Duration sweepEvery) {
    this.store = store;
    this.temporal = temporal;
    this.sweepEvery = sweepEvery;
  }

  @Override
  public void entryWritten(TimelineEntry entry) {
    if (!SHOWN.contains(entry.kind()) || !store.enqueue(entry)) {
      return;
    }
    long incidentId = entry.incidentId();
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              wake(incidentId);
            }
          });
    } else {
      wake(incidentId);
    }
  }

  /** Starts the incident's Slack workflow, or tells the running one: entries are waiting. */
  public void wake(long incidentId) {
    try {
      SlackWorkflow workflow =
          temporal.newWorkflowStub(
              SlackWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(SlackWorkflow.workflowId(incidentId))
                  .setTaskQueue(SlackWorkflow.TASK_QUEUE)
                  .build());
      WorkflowStub.fromTyped(workflow)
          .signalWithStart("changed", new Object[0], new Object[] {incidentId});
    } catch (RuntimeException e) {
      log.warn("Could not wake Slack delivery of incident {}: {}", incidentId, e.toString());
    }
  }

  @EventListener(ApplicationReadyEvent.class)
  void startSweeping() {
    if (sweepEvery.isZero() || sweepEvery.isNegative()) {
      return;
    }
    sweeper =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "slack-sweeper");
              thread.setDaemon(true);
              return thread;
            });
    sweeper.scheduleWithFixedDelay(
        this::sweepQuietly, sweepEvery.toMillis(), sweepEvery.toMillis(), TimeUnit.MILLISECONDS);
  }

  @jakarta.annotation.PreDestroy
  void stopSweeping() {
    if (sweeper != null) {
      sweeper.shutdownNow();
    }
  }

  /** Wakes every incident with entries waiting longer than a delivery takes; answers how many. */
  public int sweep() {
    int woken = 0;
    for (long incidentId : store.stalled(Instant.now().minus(SETTLING), 500)) {
      wake(incidentId);
      woken++;
    }
    return woken;
  }

  private void sweepQuietly() {
    try {
      int woken = sweep();
      if (woken > 0) {
        log.info("Woke Slack delivery of {} incidents with entries waiting", woken);
      }
    } catch (RuntimeException e) {
      log.warn("Sweeping the Slack outbox failed: {}", e.toString());
    }
  }
}
