package dev.vigil.embedded;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Embedded mode is "no database configured": then Vigil runs its own PostgreSQL and is clearly a
 * machine for trying it out, so the demo account and the dev inbox are on unless switched off. With
 * a real database both default to off. Explicit settings always win: these defaults are added with
 * the lowest precedence.
 */
public class EmbeddedModeDefaults implements EnvironmentPostProcessor {

  public static final String DATASOURCE_URL = "spring.datasource.url";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    String embedded = Boolean.toString(isEmbedded(environment));
    environment
        .getPropertySources()
        .addLast(
            new MapPropertySource(
                "vigilEmbeddedModeDefaults",
                Map.of("vigil.dev-inbox.enabled", embedded, "vigil.demo.enabled", embedded)));
  }

  static boolean isEmbedded(ConfigurableEnvironment environment) {
    return !environment.containsProperty(DATASOURCE_URL);
  }
}
