package dev.vigil.testsupport;

import dev.vigil.search.SearchAttributeRegistration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * The activities' Spring context for tests: every {@code dev.vigil} component (the real activity
 * implementations, the dev inbox provider, on-call setup), a real PostgreSQL from {@link
 * TestDatabase}, migrated by Flyway from the migrations module.
 *
 * <p>Use it with {@code @SpringBootTest(classes = ActivitiesTestApplication.class)}. It is a {@link
 * TestComponent}, so a {@code @SpringBootTest} of another module whose scan reaches this package
 * (the api module reuses the test-jar) does not pick it up as a second configuration.
 */
@SpringBootApplication(scanBasePackages = "dev.vigil")
@PropertySource("classpath:dev/vigil/testsupport/activities-test.properties")
@TestComponent
public class ActivitiesTestApplication {

  /** Every test's Temporal server has Vigil's search attributes ({@link TestSearchAttributes}). */
  @Bean
  SearchAttributeRegistration searchAttributeRegistration() {
    return SearchAttributeRegistration.REGISTERED;
  }

  /** One database per test JVM; each test isolates itself with accounts of its own. */
  @Bean
  static DynamicPropertyRegistrar testDatabase() {
    return TestDatabase::register;
  }
}
