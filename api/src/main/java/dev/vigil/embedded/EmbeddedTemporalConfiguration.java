package dev.vigil.embedded;

import dev.vigil.temporaldev.TemporalCli;
import dev.vigil.temporaldev.TemporalDevServer;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * With no {@code TEMPORAL_ADDRESS}, Vigil runs the Temporal CLI's dev server as a child process: a
 * real Temporal server on loopback, its state in a SQLite file under the data directory (so open
 * incidents survive a restart of Vigil, {@code kill -9} included) and its Web UI beside it. The
 * customizer depends on the server bean, so the server answers before the starter builds its stubs.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoTemporalAddressConfigured.class)
class EmbeddedTemporalConfiguration {

  @Bean(destroyMethod = "close")
  TemporalDevServer temporalDevServer(
      DataDirectory dataDirectory,
      @Value("${vigil.temporal.cli:}") String cli,
      @Value("${vigil.temporal.dev-server.install:true}") boolean install,
      @Value("${vigil.temporal.dev-server.port:" + TemporalDevServer.DEFAULT_PORT + "}") int port,
      @Value("${vigil.temporal.dev-server.ui-port:8233}") int uiPort,
      @Value("${vigil.temporal.dev-server.persistent:true}") boolean persistent) {
    Path home = dataDirectory.resolve("temporal");
    Path binary =
        TemporalCli.locate(
            cli.isBlank() ? Optional.empty() : Optional.of(Path.of(cli)),
            dataDirectory.resolve("temporal-cli"),
            install);
    return TemporalDevServer.start(
        new TemporalDevServer.Options(
            binary,
            persistent ? home.resolve("temporal.db") : null,
            port,
            uiPort,
            home.resolve("server.log")));
  }

  @Bean
  TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder> embeddedTemporalTarget(
      TemporalDevServer server) {
    return builder -> builder.setTarget(server.target());
  }
}
