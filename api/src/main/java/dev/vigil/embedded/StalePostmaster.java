package dev.vigil.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL is a separate process: when Vigil is killed ({@code kill -9}, a crash,
 * the OOM killer) it keeps running and keeps its lock on the data directory, and the next start
 * could not open it. Its {@code postmaster.pid} names it; a fast shutdown ({@code SIGINT}) rolls
 * back what the dead app left open and writes everything committed, then the new start reopens the
 * same data.
 */
final class StalePostmaster {

  private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);

  private StalePostmaster() {}

  static void stopIfRunning(Path dataDirectory) {
    Optional<ProcessHandle> postmaster = readPid(dataDirectory).flatMap(ProcessHandle::of);
    if (postmaster.isEmpty() || !postmaster.get().isAlive() || !isPostgres(postmaster.get())) {
      return;
    }
    ProcessHandle process = postmaster.get();
    log.warn(
        "PostgreSQL (pid {}) of an earlier run still holds {}; stopping it",
        process.pid(),
        dataDirectory);
    signal(process, "INT");
    try {
      process.onExit().get(30, TimeUnit.SECONDS);
    } catch (Exception slow) {
      process.destroyForcibly();
      process.onExit().join();
    }
  }

  private static Optional<Long> readPid(Path dataDirectory) {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    try {
      List<String> lines = Files.readAllLines(pidFile);
      return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
    } catch (IOException | NumberFormatException noServer) {
      return Optional.empty();
    }
  }

  private static boolean isPostgres(ProcessHandle process) {
    return process.info().command().map(command -> command.contains("postgres")).orElse(false);
  }

  private static void signal(ProcessHandle process, String signal) {
    try {
      new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      process.destroy();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
