package dev.vigil.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.temporaldev.TemporalDevServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** What is embedded and what is real follows from configuration alone. */
class EmbeddedSwitchesTest {

  private final ApplicationContextRunner temporal =
      new ApplicationContextRunner()
          .withUserConfiguration(EmbeddedTemporalConfiguration.class, DataDirectory.class)
          .withPropertyValues("vigil.data-dir=target/test-data");
  private final ApplicationContextRunner postgres =
      new ApplicationContextRunner()
          .withUserConfiguration(EmbeddedPostgresConfiguration.class, DataDirectory.class)
          .withPropertyValues("vigil.data-dir=target/test-data");

  @Test
  void temporalAddressMeansNoDevServer() {
    temporal
        .withPropertyValues("TEMPORAL_ADDRESS=temporal.internal:7233")
        .run(context -> assertThat(context).doesNotHaveBean(TemporalDevServer.class));
  }

  @Test
  void noTemporalAddressStartsTheDevServer() {
    temporal
        .withPropertyValues(
            "vigil.temporal.dev-server.port=0",
            "vigil.temporal.dev-server.ui-port=0",
            "vigil.temporal.dev-server.persistent=false")
        .run(context -> assertThat(context).hasSingleBean(TemporalDevServer.class));
  }

  @Test
  void datasourceUrlMeansNoEmbeddedPostgres() {
    postgres
        .withPropertyValues("spring.datasource.url=jdbc:postgresql://db.internal/vigil")
        .run(context -> assertThat(context).doesNotHaveBean(EmbeddedPostgres.class));
  }

  @Test
  void demoAndDevInboxDefaultOnOnlyInEmbeddedMode() {
    assertThat(defaultsWith(Map.of()))
        .containsEntry("vigil.demo.enabled", "true")
        .containsEntry("vigil.dev-inbox.enabled", "true");
    assertThat(defaultsWith(Map.of("spring.datasource.url", "jdbc:postgresql://db/vigil")))
        .containsEntry("vigil.demo.enabled", "false")
        .containsEntry("vigil.dev-inbox.enabled", "false");
    assertThat(
            defaultsWith(
                Map.of(
                    "spring.datasource.url",
                    "jdbc:postgresql://db/vigil",
                    "vigil.dev-inbox.enabled",
                    "true")))
        .as("an explicit setting wins over the default")
        .containsEntry("vigil.dev-inbox.enabled", "true");
  }

  @Test
  void onlyEmbeddedModeHasAPlaceholderRemittanceAddressAndAConfiguredOneWins() {
    assertThat(remittanceWith(Map.of())).isEqualTo(EmbeddedModeDefaults.DEMO_REMITTANCE);
    assertThat(remittanceWith(Map.of("spring.datasource.url", "jdbc:postgresql://db/vigil")))
        .isNull();
    assertThat(remittanceWith(Map.of("vigil.billing.remittance.address[0]", "PO Box 1")))
        .isEqualTo("PO Box 1");
  }

  private static String remittanceWith(Map<String, Object> configured) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("configured", configured));
    new EmbeddedModeDefaults().postProcessEnvironment(environment, new SpringApplication());
    return environment.getProperty("vigil.billing.remittance.address[0]");
  }

  private static Map<String, String> defaultsWith(Map<String, Object> configured) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("configured", configured));
    new EmbeddedModeDefaults().postProcessEnvironment(environment, new SpringApplication());
    return Map.of(
        "vigil.demo.enabled", environment.getProperty("vigil.demo.enabled"),
        "vigil.dev-inbox.enabled", environment.getProperty("vigil.dev-inbox.enabled"));
  }
}
