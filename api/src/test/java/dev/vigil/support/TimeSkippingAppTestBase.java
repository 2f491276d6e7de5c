package dev.vigil.support;

import dev.vigil.testsupport.TestDatabase;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application, but on Temporal's time-skipping test server instead of the real-time dev
 * server: for scenarios whose rules wait minutes. Time moves when a test calls {@link #advance}.
 * {@code TEMPORAL_ADDRESS} is set only so the embedded dev server stays off.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.temporal.test-server.enabled=true",
      "TEMPORAL_ADDRESS=time-skipping-test-server",
      "vigil.dev-inbox.enabled=true",
      "vigil.demo.enabled=false",
      // Incidents link to their workflow's page in this (unreachable) Temporal UI.
      "vigil.temporal.ui-url=http://temporal-ui.test:8233",
      // Tests share one database: each starts the billing workflows of its own accounts.
      "vigil.billing.resume-on-start=false"
    })
public abstract class TimeSkippingAppTestBase {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @LocalServerPort protected int port;
  @Autowired protected JdbcClient jdbc;
  @Autowired protected TestWorkflowEnvironment temporal;

  protected HttpDriver http() {
    return new HttpDriver("http://127.0.0.1:" + port);
  }

  /** Moves Temporal's clock forward; timers due meanwhile fire. */
  protected void advance(Duration duration) {
    temporal.sleep(duration);
  }
}
