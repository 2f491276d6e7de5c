package dev.vigil.temporaldev;

import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Temporal frontend on a TCP port, running in this JVM on the SDK's test server.
 *
 * <p>Time runs for real: time skipping is locked, so a one-minute escalation waits one minute. All
 * state is in memory and gone when the process ends. The server implements workflows, activities,
 * timers, signals, queries, updates and history, but not visibility queries or schedules, which is
 * why Vigil lists incidents from PostgreSQL and runs monthly cycles as sleeping workflows.
 */
public final class TemporalDevServer implements AutoCloseable {

  public static final int DEFAULT_PORT = 7233;

  private static final Logger log = LoggerFactory.getLogger(TemporalDevServer.class);

  private final int port;
  private final TestServer.PortBoundTestServer server;

  private TemporalDevServer(int port, TestServer.PortBoundTestServer server) {
    this.port = port;
    this.server = server;
  }

  /**
   * Starts a server on the port, or on a free port when it is 0.
   *
   * <p>The test server binds all interfaces, not only loopback: run it behind a firewall.
   */
  public static TemporalDevServer start(int port) {
    int bound = port == 0 ? freePort() : port;
    // true locks time skipping: timers fire on the wall clock, as in production.
    TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(bound, true);
    log.info("Temporal dev server listening on port {} (in memory, real time)", bound);
    return new TemporalDevServer(bound, server);
  }

  public int port() {
    return port;
  }

  public String target() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    server.close();
    log.info("Temporal dev server on port {} stopped", port);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for the Temporal dev server", e);
    }
  }
}
