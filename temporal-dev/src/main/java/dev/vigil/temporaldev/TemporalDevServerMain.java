package dev.vigil.temporaldev;

import java.util.concurrent.CountDownLatch;

/** {@code java -jar vigil-temporal-dev-<version>-exec.jar [port]}: runs until stopped. */
public final class TemporalDevServerMain {

  private TemporalDevServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : TemporalDevServer.DEFAULT_PORT;
    TemporalDevServer server = TemporalDevServer.start(port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                }));
    System.out.println("Temporal dev server ready on " + server.target() + " (Ctrl-C to stop)");
    stopped.await();
  }
}
