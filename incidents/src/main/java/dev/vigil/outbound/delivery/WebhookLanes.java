package dev.vigil.outbound.delivery;

import dev.vigil.outbound.WebhookDeliveryWorkflow;
import dev.vigil.outbound.WebhookLane;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Tells a lane's delivery workflow that the outbox has something for it (signal-with-start: the
 * lane's one workflow id makes this idempotent and keeps one sender per lane), and sweeps the
 * outbox for pending deliveries whose signal was lost (Temporal away at commit, a crash between
 * commit and signal), starting their lane's workflow when it is not running, so an event written is
 * an event delivered or given up on.
 */
public class WebhookLanes implements WebhookSignals {

  private static final Logger log = LoggerFactory.getLogger(WebhookLanes.class);

  /** A lane as the sweeper finds it. */
  record Lane(long subscriptionId, String lane) {}

  /** How deliveries are retried, from the configuration. */
  public record Retries(Duration giveUpAfter, Duration firstRetry, Duration longestRetry) {}

  private final WorkflowClient temporal;
  private final Retries retries;
  private final Duration sweepEvery;
  private final WebhookOutbox outbox;
  private ScheduledExecutorService scheduler;

  public WebhookLanes(
      WorkflowClient temporal, WebhookOutbox outbox, Retries retries, Duration sweepEvery) {
    this.temporal = temporal;
    this.outbox = outbox;
    this.retries = retries;
    this.sweepEvery = sweepEvery;
  }

  /** Signals the lane's workflow, starting it when none runs; a failure waits for the sweep. */
  @Override
  public void signal(long subscriptionId, String lane) {
    try {
      WorkflowStub.fromTyped(stub(subscriptionId, lane))
          .signalWithStart("pending", new Object[0], new Object[] {input(subscriptionId, lane)});
    } catch (RuntimeException e) {
      log.warn(
          "Webhook {} lane {}: could not signal its delivery workflow ({}); the sweep will",
          subscriptionId,
          lane,
          e.toString());
    }
  }

  /**
   * Starts the lane's workflow unless it runs: a running one reaches the lane's pending rows by
   * itself (or ends and is started by the next sweep), and is not sent a signal a minute while it
   * retries.
   */
  private void startUnlessRunning(long subscriptionId, String lane) {
    WebhookDeliveryWorkflow workflow = stub(subscriptionId, lane);
    try {
      WorkflowClient.start(workflow::deliver, input(subscriptionId, lane));
    } catch (WorkflowExecutionAlreadyStarted running) {
      // delivering already
    }
  }

  private WebhookDeliveryWorkflow stub(long subscriptionId, String lane) {
    return temporal.newWorkflowStub(
        WebhookDeliveryWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(WebhookDeliveryWorkflow.workflowId(subscriptionId, lane))
            .setTaskQueue(WebhookDeliveryWorkflow.TASK_QUEUE)
            .setStaticSummary("Webhook " + subscriptionId + ", " + lane)
            .build());
  }

  private WebhookLane input(long subscriptionId, String lane) {
    return new WebhookLane(
        subscriptionId,
        lane,
        retries.giveUpAfter().toSeconds(),
        Math.max(1, retries.firstRetry().toSeconds()),
        Math.max(1, retries.longestRetry().toSeconds()));
  }

  /** Starts the workflow of every lane with a delivery pending since before the given instant. */
  public int sweep(Instant before) {
    List<Lane> pending = outbox.pendingSince(before);
    pending.forEach(lane -> startUnlessRunning(lane.subscriptionId(), lane.lane()));
    return pending.size();
  }

  @EventListener(ApplicationReadyEvent.class)
  void startSweeping() {
    if (sweepEvery.isZero() || sweepEvery.isNegative()) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "webhook-sweeper");
              thread.setDaemon(true);
              return thread;
            });
    scheduler.scheduleWithFixedDelay(
        this::sweepQuietly, sweepEvery.toMillis(), sweepEvery.toMillis(), TimeUnit.MILLISECONDS);
  }

  @jakarta.annotation.PreDestroy
  void stopSweeping() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  private void sweepQuietly() {
    try {
      // Younger rows are still being signalled by the writer's commit.
      int lanes = sweep(Instant.now().minus(sweepEvery));
      if (lanes > 0) {
        log.debug("Webhook sweep: {} lanes with pending deliveries", lanes);
      }
    } catch (RuntimeException e) {
      log.warn("Webhook sweep failed: {}", e.toString());
    }
  }
}
