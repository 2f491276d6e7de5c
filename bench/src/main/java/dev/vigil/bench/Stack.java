package dev.vigil.bench;

import dev.vigil.temporaldev.TemporalCli;
import dev.vigil.temporaldev.TemporalDevServer;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything a run measures, on loopback, started fresh and stopped at the end: PostgreSQL, the
 * Temporal CLI's dev server (SQLite in a file, as the default run keeps it), the SMS stand-in, the
 * app as a child process, and in this JVM a client of the same server with a worker for the
 * baseline workflow.
 */
final class Stack implements AutoCloseable {

  static final String TOKEN = "bench-admin-token-0123456789abcdef";
  static final String METRICS_TOKEN = "bench-metrics-token-0123456789";

  private final EmbeddedPostgres postgres;
  private final TemporalDevServer temporal;
  private final SmsStandIn sms;
  private final AppProcess app;
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;
  private final WorkerFactory workers;
  private final Api api;
  private final String jdbcUrl;

  private Stack(
      EmbeddedPostgres postgres,
      TemporalDevServer temporal,
      SmsStandIn sms,
      AppProcess app,
      WorkflowServiceStubs stubs,
      WorkerFactory workers,
      Api api,
      String jdbcUrl) {
    this.postgres = postgres;
    this.temporal = temporal;
    this.sms = sms;
    this.app = app;
    this.stubs = stubs;
    this.client = workers.getWorkflowClient();
    this.workers = workers;
    this.api = api;
    this.jdbcUrl = jdbcUrl;
  }

  static Stack start(BenchSettings settings) {
    Path dir = settings.dir();
    deleteRecursively(dir);
    EmbeddedPostgres postgres = null;
    TemporalDevServer temporal = null;
    SmsStandIn sms = null;
    try {
      postgres = EmbeddedPostgres.builder().start();
      String jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
      Path cli =
          TemporalCli.locate(
              Optional.ofNullable(System.getenv("VIGIL_TEMPORAL_CLI"))
                  .filter(s -> !s.isBlank())
                  .map(Path::of),
              dir.getParent().resolve("temporal-cli"),
              true);
      boolean inMemory = "memory".equals(System.getProperty("bench.temporal.db"));
      // bench.temporal.db=rollback-journal: SQLite's own default, to compare with the app's WAL.
      boolean rollbackJournal = "rollback-journal".equals(System.getProperty("bench.temporal.db"));
      temporal =
          TemporalDevServer.start(
              new TemporalDevServer.Options(
                  cli,
                  inMemory ? null : dir.resolve("temporal/temporal.db"),
                  0,
                  0,
                  dir.resolve("temporal/server.log"),
                  rollbackJournal ? List.of() : TemporalDevServer.Options.DURABLE_WAL,
                  dynamicConfig()));
      sms = new SmsStandIn();
      int port = freePort();
      AppProcess app =
          AppProcess.start(
              settings.jar(),
              appEnvironment(temporal, jdbcUrl, sms, port, dir),
              dir.resolve("vigil.log"));
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
      WorkerFactory workers = WorkerFactory.newInstance(WorkflowClient.newInstance(stubs));
      workers
          .newWorker(BareWorkflow.TASK_QUEUE)
          .registerWorkflowImplementationTypes(BareWorkflowImpl.class);
      workers.start();
      return new Stack(
          postgres,
          temporal,
          sms,
          app,
          stubs,
          workers,
          new Api("http://127.0.0.1:" + port, TOKEN, settings.clientThreads()),
          jdbcUrl);
    } catch (RuntimeException | IOException e) {
      if (sms != null) {
        sms.close();
      }
      if (temporal != null) {
        temporal.close();
      }
      closeQuietly(postgres);
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  /** {@code -Dbench.temporal.config=history.cacheMaxSize=8192;...}: the server's dynamic config. */
  private static List<String> dynamicConfig() {
    String values = System.getProperty("bench.temporal.config", "");
    return values.isBlank() ? List.of() : List.of(values.split(";"));
  }

  /**
   * The app's settings. The benchmark's own environment is inherited first, so limits exported
   * before the run apply; {@code -Dbench.app-env=NAME=value,NAME=value} adds more.
   */
  private static Map<String, String> appEnvironment(
      TemporalDevServer temporal, String jdbcUrl, SmsStandIn sms, int port, Path dir) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("TEMPORAL_ADDRESS", temporal.target());
    env.put("SPRING_DATASOURCE_URL", jdbcUrl);
    env.put("SPRING_DATASOURCE_USERNAME", "postgres");
    env.put("SPRING_DATASOURCE_PASSWORD", "postgres");
    env.put("PORT", Integer.toString(port));
    env.put("SERVER_ADDRESS", "127.0.0.1");
    env.put("VIGIL_DATA_DIR", dir.resolve("app-data").toString());
    env.put("VIGIL_BOOTSTRAP_TOKEN", TOKEN);
    env.put("VIGIL_METRICS_TOKEN", METRICS_TOKEN);
    env.put("VIGIL_DEV_INBOX_ENABLED", "true");
    env.put("VIGIL_NOTIFICATIONS_TWILIO_0_ACCOUNTSID", SmsStandIn.ACCOUNT_SID);
    env.put("VIGIL_NOTIFICATIONS_TWILIO_0_AUTHTOKEN", "bench-twilio-auth-token");
    env.put("VIGIL_NOTIFICATIONS_TWILIO_0_FROM", "+15005550006");
    env.put("VIGIL_NOTIFICATIONS_TWILIO_0_APIBASEURL", sms.baseUrl());
    env.put("VIGIL_NOTIFICATIONS_TWILIO_0_NAME", "bench-sms");
    // Throughput is measured, not the limits that protect people and the service from it: the
    // rate limits and page budgets are off unless -Dbench.app-env sets them.
    env.put("VIGIL_RATE_LIMIT_ROUTING_KEY_PER_MINUTE", "0");
    env.put("VIGIL_RATE_LIMIT_ACCOUNT_PER_MINUTE", "0");
    env.put("VIGIL_RATE_LIMIT_API_TOKEN_PER_MINUTE", "0");
    env.put("VIGIL_NOTIFICATIONS_BUDGET_SMS", "none");
    env.put("VIGIL_NOTIFICATIONS_BUDGET_VOICE", "none");
    env.put("VIGIL_NOTIFICATIONS_BUDGET_EMAIL", "none");
    String extra = System.getProperty("bench.app-env", "");
    for (String pair : extra.split(",")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        env.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
    return env;
  }

  Api api() {
    return api;
  }

  SmsStandIn sms() {
    return sms;
  }

  WorkflowClient client() {
    return client;
  }

  WorkflowServiceStubs stubs() {
    return stubs;
  }

  Connection database() {
    try {
      return DriverManager.getConnection(jdbcUrl);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    workers.shutdownNow();
    stubs.shutdownNow();
    app.close();
    sms.close();
    temporal.close();
    closeQuietly(postgres);
  }

  private static void closeQuietly(EmbeddedPostgres postgres) {
    if (postgres == null) {
      return;
    }
    try {
      postgres.close();
    } catch (IOException ignored) {
      // stopping anyway
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
