package dev.vigil.temporaldev;

import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Temporal CLI's dev server ({@code temporal server start-dev}) as a child process: a real
 * Temporal server with SQLite persistence and the Web UI, bound to loopback only.
 *
 * <p>The child runs under a small {@code sh} watchdog that reads this JVM's end of a pipe: when the
 * JVM exits, however it exits ({@code kill -9} included), the pipe closes and the watchdog stops
 * the server. So a crashed Vigil never leaves a server holding the port or the database file, and
 * the next start reopens the same database with every workflow in it.
 */
public final class TemporalDevServer implements AutoCloseable {

  public static final int DEFAULT_PORT = 7233;
  public static final String LOOPBACK = "127.0.0.1";

  private static final Logger log = LoggerFactory.getLogger(TemporalDevServer.class);
  private static final Duration READY_WITHIN = Duration.ofSeconds(90);
  private static final Duration PORT_FREED_WITHIN = Duration.ofSeconds(20);

  private final Options options;
  private final int port;
  private final int uiPort;
  private final Process watchdog;

  private TemporalDevServer(Options options, int port, int uiPort, Process watchdog) {
    this.options = options;
    this.port = port;
    this.uiPort = uiPort;
    this.watchdog = watchdog;
  }

  /**
   * How to run the server.
   *
   * @param cli the {@code temporal} binary
   * @param database the SQLite file, or null to keep state in memory (tests)
   * @param port the gRPC port, 0 for a free one
   * @param uiPort the Web UI's port, 0 for a free one
   * @param logFile where the server's own output goes
   */
  /**
   * How the server starts. {@code sqlitePragmas} apply to a database file: by default a write-ahead
   * log synced at every commit ({@link #DURABLE_WAL}), durable as SQLite's default rollback journal
   * but one sync per commit instead of several, and readers never wait for the writer
   * (docs/decisions/0049).
   */
  public record Options(
      Path cli,
      Path database,
      int port,
      int uiPort,
      Path logFile,
      List<String> sqlitePragmas,
      List<String> dynamicConfig) {

    public static final List<String> DURABLE_WAL = List.of("journal_mode=wal", "synchronous=full");

    public Options(Path cli, Path database, int port, int uiPort, Path logFile) {
      this(cli, database, port, uiPort, logFile, DURABLE_WAL, List.of());
    }
  }

  /** Starts the server and returns once its default namespace answers. */
  public static TemporalDevServer start(Options options) {
    int port = options.port() == 0 ? freePort() : awaitFree(options.port());
    int uiPort = options.uiPort() == 0 ? freePort() : awaitFree(options.uiPort());
    Process watchdog = launch(options, port, uiPort);
    TemporalDevServer server = new TemporalDevServer(options, port, uiPort, watchdog);
    try {
      server.awaitReady();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    log.info(
        "Temporal dev server ready on {} (UI {}, {})",
        server.target(),
        server.uiUrl(),
        options.database() == null ? "in memory" : "database " + options.database());
    return server;
  }

  public int port() {
    return port;
  }

  public String target() {
    return LOOPBACK + ":" + port;
  }

  public String uiUrl() {
    return "http://" + LOOPBACK + ":" + uiPort;
  }

  /** The SQLite file, or null when the server keeps its state in memory. */
  public Path database() {
    return options.database();
  }

  /** Stops the server: closing the pipe tells the watchdog to stop it and wait for it. */
  @Override
  public void close() {
    try {
      watchdog.getOutputStream().close();
    } catch (IOException ignored) {
      // already closed: the watchdog is stopping the server anyway
    }
    try {
      if (!watchdog.waitFor(20, TimeUnit.SECONDS)) {
        watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
        watchdog.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
      watchdog.destroyForcibly();
    }
    log.info("Temporal dev server on port {} stopped", port);
  }

  private static Process launch(Options options, int port, int uiPort) {
    List<String> command = new ArrayList<>();
    command.add("sh");
    command.add("-c");
    // `read` returns at end of input, i.e. when the JVM closed its end or died.
    command.add("\"$@\" & server=$!; read ignored; kill $server 2>/dev/null; wait $server");
    command.add("temporal-dev-watchdog");
    command.add(options.cli().toString());
    command.addAll(
        List.of(
            "server",
            "start-dev",
            "--ip",
            LOOPBACK,
            "--port",
            Integer.toString(port),
            "--ui-port",
            Integer.toString(uiPort),
            "--ui-disable-news-fetch",
            "--log-level",
            "warn"));
    if (options.database() != null) {
      command.add("--db-filename");
      command.add(options.database().toString());
      for (String pragma : options.sqlitePragmas()) {
        command.add("--sqlite-pragma");
        command.add(pragma);
      }
    }
    for (String value : options.dynamicConfig()) {
      command.add("--dynamic-config-value");
      command.add(value);
    }
    try {
      if (options.database() != null) {
        Files.createDirectories(options.database().toAbsolutePath().getParent());
      }
      Files.createDirectories(options.logFile().toAbsolutePath().getParent());
      return new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(options.logFile().toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + options.cli(), e);
    }
  }

  private void awaitReady() {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target()).build());
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    try {
      while (true) {
        if (!watchdog.isAlive()) {
          throw new IllegalStateException(
              "the Temporal dev server exited at start; its output:\n" + tailOfLog());
        }
        try {
          stubs
              .blockingStub()
              .withDeadlineAfter(2, TimeUnit.SECONDS)
              .describeNamespace(
                  DescribeNamespaceRequest.newBuilder().setNamespace("default").build());
          return;
        } catch (RuntimeException notYet) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(
                "the Temporal dev server did not answer within "
                    + READY_WITHIN.toSeconds()
                    + " s; its output:\n"
                    + tailOfLog(),
                notYet);
          }
          sleep(200);
        }
      }
    } finally {
      stubs.shutdownNow();
    }
  }

  private String tailOfLog() {
    try {
      List<String> lines = Files.readAllLines(options.logFile());
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(" + options.logFile() + " unreadable: " + e.getMessage() + ")";
    }
  }

  /**
   * A server of a run that just ended may still be releasing the port (and its database file): wait
   * for it briefly rather than fail a quick restart.
   */
  private static int awaitFree(int port) {
    long deadline = System.nanoTime() + PORT_FREED_WITHIN.toNanos();
    while (!isFree(port)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "port "
                + port
                + " on "
                + LOOPBACK
                + " is taken by another program: stop it, choose another port"
                + " (VIGIL_TEMPORAL_DEV_PORT) or point TEMPORAL_ADDRESS at that server if it is a"
                + " Temporal server");
      }
      sleep(250);
    }
    return port;
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getByName(LOOPBACK))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for the Temporal dev server", e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Temporal dev server", e);
    }
  }
}
