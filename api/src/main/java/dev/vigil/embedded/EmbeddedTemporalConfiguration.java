package dev.vigil.embedded;

import dev.vigil.temporaldev.TemporalDevServer;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * With no {@code TEMPORAL_ADDRESS}, the Temporal dev server runs in this process, in real time, and
 * the Temporal starter connects to it. The customizer depends on the server bean, so the server is
 * listening before the starter builds its service stubs.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoTemporalAddressConfigured.class)
class EmbeddedTemporalConfiguration {

  @Bean(destroyMethod = "close")
  TemporalDevServer temporalDevServer(
      @Value("${vigil.temporal.dev-server.port:" + TemporalDevServer.DEFAULT_PORT + "}") int port) {
    return TemporalDevServer.start(port);
  }

  @Bean
  TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder> embeddedTemporalTarget(
      TemporalDevServer server) {
    return builder -> builder.setTarget(server.target());
  }
}
