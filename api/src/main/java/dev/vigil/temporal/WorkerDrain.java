package dev.vigil.temporal;

import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On shutdown, the workers stop polling and finish the tasks they hold before anything they need
 * goes away: lifecycle beans stop before any bean is destroyed, so the database (the embedded one
 * included) and the Temporal connection are still there while a page in flight is sent and
 * recorded. The phase puts this after the web server's graceful shutdown, which stops new requests.
 */
@Component
class WorkerDrain implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WorkerDrain.class);

  private final WorkerFactory workers;
  private final Duration timeout;
  private volatile boolean running;

  WorkerDrain(
      WorkerFactory workers, @Value("${vigil.temporal.drain-timeout:30s}") Duration timeout) {
    this.workers = workers;
    this.timeout = timeout;
  }

  @Override
  public void start() {
    running = true; // the Temporal starter starts the workers once the app is ready
  }

  @Override
  public void stop() {
    running = false;
    if (!workers.isStarted() || workers.isShutdown()) {
      return;
    }
    log.info("Draining Temporal workers (up to {} s)", timeout.toSeconds());
    workers.shutdown();
    workers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!workers.isTerminated()) {
      log.warn("Temporal workers still busy after {} s; stopping them", timeout.toSeconds());
      workers.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /**
   * A worker factory cannot start again once shut down, so a pause (a cached test context set
   * aside, a context restart) must not drain it: only the close does.
   */
  @Override
  public boolean isPauseable() {
    return false;
  }

  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 4096;
  }
}
