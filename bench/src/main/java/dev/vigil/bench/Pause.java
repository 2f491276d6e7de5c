package dev.vigil.bench;

/** Sleeps that turn an interrupt into a stop of the run. */
final class Pause {

  private Pause() {}

  static void millis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("benchmark interrupted", e);
    }
  }

  /** Sleeps until {@code System.nanoTime()} reaches the instant (returns at once if past). */
  static void until(long nanoTime) {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      java.util.concurrent.locks.LockSupport.parkNanos(left);
      if (Thread.interrupted()) {
        throw new IllegalStateException("benchmark interrupted");
      }
    }
  }
}
