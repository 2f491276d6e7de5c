package dev.vigil.embedded;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Embedded mode is "no database configured": then Vigil runs its own PostgreSQL and is clearly a
 * machine for trying it out, so the demo account and the dev inbox are on unless switched off, and
 * check invoices carry a placeholder remittance address so the demo's can be approved. With a real
 * database all three default to off. Explicit settings always win: these defaults are added with
 * the lowest precedence.
 */
public class EmbeddedModeDefaults implements EnvironmentPostProcessor {

  public static final String DATASOURCE_URL = "spring.datasource.url";
  static final String DEV_SERVER_UI_URL = "vigil.temporal.dev-server.ui-url";
  static final String DEMO_REMITTANCE =
      "(demo address: set VIGIL_BILLING_REMITTANCE_ADDRESS_0, _1, ... to your own)";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    String embedded = Boolean.toString(isEmbedded(environment));
    Map<String, Object> defaults = new HashMap<>();
    defaults.put("vigil.dev-inbox.enabled", embedded);
    defaults.put("vigil.demo.enabled", embedded);
    if (isEmbedded(environment)) {
      // The demo's check invoice can be approved (docs/decisions/0054); its PDF says what to set.
      defaults.put("vigil.billing.remittance.address[0]", DEMO_REMITTANCE);
    }
    embeddedTemporalUi(environment).ifPresent(url -> defaults.put(DEV_SERVER_UI_URL, url));
    environment
        .getPropertySources()
        .addLast(new MapPropertySource("vigilEmbeddedModeDefaults", defaults));
  }

  /**
   * The embedded Temporal server's UI, when it runs on a port known before start: incidents then
   * link to their workflow there without any setting.
   */
  private static Optional<String> embeddedTemporalUi(ConfigurableEnvironment environment) {
    String address = environment.getProperty(NoTemporalAddressConfigured.TEMPORAL_ADDRESS);
    String uiPort = environment.getProperty("vigil.temporal.dev-server.ui-port", "8233");
    if ((address != null && !address.isBlank()) || "0".equals(uiPort.trim())) {
      return Optional.empty();
    }
    return Optional.of("http://127.0.0.1:" + uiPort.trim());
  }

  static boolean isEmbedded(ConfigurableEnvironment environment) {
    return !environment.containsProperty(DATASOURCE_URL);
  }
}
