package dev.vigil.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged app ({@code java -jar api/target/vigil.jar}) as a child process, configured only by
 * environment variables, as an operator runs it. It inherits the benchmark's environment, so a
 * {@code VIGIL_...} setting exported before the run (a rate limit raised or switched off) reaches
 * it unchanged.
 */
final class AppProcess implements AutoCloseable {

  private final Process process;
  private final Path log;

  private AppProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static AppProcess start(Path jar, Map<String, String> environment, Path log) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build it (./mvnw -pl bench -am verify)");
    }
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(
                  List.of(
                      Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                      "-jar",
                      jar.toString()))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
      builder.environment().putAll(environment);
      AppProcess app = new AppProcess(builder.start(), log);
      app.awaitReady();
      return app;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    while (!output().contains("Vigil is ready")) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Vigil exited at start; see " + log);
      }
      if (System.nanoTime() > deadline) {
        close();
        throw new IllegalStateException("Vigil not ready after 4 minutes; see " + log);
      }
      Pause.millis(250);
    }
  }

  private String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "";
    }
  }

  /** SIGTERM, a graceful stop; forcibly after a minute. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
