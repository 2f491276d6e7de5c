package dev.vigil.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged app ({@code java -jar api/target/vigil.jar}) as a child process, run as the README
 * says, with only a data directory and ports of its own: the default run, embedded PostgreSQL and
 * Temporal server included.
 */
final class VigilProcess {

  private static final Pattern DEMO_TOKEN = Pattern.compile("Demo API token:\\s+(\\S+)");

  private final Path jar;
  private final Map<String, String> environment;
  private final Path log;
  private Process process;

  VigilProcess(Path dataDir, Map<String, String> environment) {
    this.jar = Path.of(System.getProperty("vigil.jar", "target/vigil.jar")).toAbsolutePath();
    this.environment = Map.copyOf(environment);
    this.log = dataDir.resolve("vigil.log");
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the app and returns once it printed that it is ready. */
  void start() {
    try {
      long offset = Files.exists(log) ? Files.size(log) : 0;
      ProcessBuilder builder =
          new ProcessBuilder(List.of(javaBinary(), "-jar", jar.toString()))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(environment);
      process = builder.start();
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (!outputSince(offset).contains("Vigil is ready")) {
        if (!process.isAlive()) {
          throw new IllegalStateException("Vigil exited at start:\n" + outputSince(offset));
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "Vigil not ready after 3 minutes:\n" + outputSince(offset));
        }
        Thread.sleep(250);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code kill -9}: no shutdown hook runs. */
  void kill() {
    process.destroyForcibly();
    awaitExit();
  }

  /** {@code kill -TERM}: a graceful stop. */
  void terminate() {
    process.destroy();
    awaitExit();
  }

  long pid() {
    return process.pid();
  }

  /** The demo token, printed on the first start only. */
  Optional<String> demoToken() {
    Matcher matcher = DEMO_TOKEN.matcher(outputSince(0));
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  String output() {
    return outputSince(0);
  }

  private void awaitExit() {
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("Vigil did not stop within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String outputSince(long offset) {
    try {
      byte[] all = Files.readAllBytes(log);
      return new String(
          all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset));
    } catch (IOException e) {
      return "";
    }
  }

  /** The JVM running the tests runs the app too. */
  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
