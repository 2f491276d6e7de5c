package dev.vigil.bootstrap;

import dev.vigil.embedded.ConnectedDatabase;
import dev.vigil.temporaldev.TemporalDevServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Says, once the app is ready, which Temporal and database are in use and what to open. */
@Component
class StartupReport {

  private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

  private final ConnectedDatabase database;
  private final ObjectProvider<TemporalDevServer> devServer;
  private final StartupInfo info;
  private final Environment environment;
  private final String publicUrl;

  StartupReport(
      ConnectedDatabase database,
      ObjectProvider<TemporalDevServer> devServer,
      StartupInfo info,
      Environment environment,
      @Value("${vigil.public-url}") String publicUrl) {
    this.database = database;
    this.devServer = devServer;
    this.info = info;
    this.environment = environment;
    this.publicUrl = publicUrl.replaceAll("/+$", "");
  }

  @EventListener(ApplicationReadyEvent.class)
  void report() {
    TemporalDevServer server = devServer.getIfAvailable();
    String temporal =
        server != null
            ? "embedded dev server on "
                + server.target()
                + (server.database() == null
                    ? " (in memory: state is lost when it stops)"
                    : " (data in " + server.database() + ")")
            : environment.getProperty("spring.temporal.connection.target")
                + " (namespace "
                + environment.getProperty("spring.temporal.namespace", "default")
                + ")";
    StringBuilder report = new StringBuilder("\n\n  Vigil is ready\n");
    report.append("  Temporal:   ").append(temporal).append('\n');
    String temporalUi = environment.getProperty("vigil.temporal.ui-url", "");
    if (!temporalUi.isBlank()) {
      report.append("  Temporal UI: ").append(temporalUi).append('\n');
    }
    report.append("  PostgreSQL: ").append(database.url()).append('\n');
    report.append("  Console:    ").append(publicUrl).append("/\n");
    info.invitations()
        .forEach(
            (who, link) ->
                report
                    .append("    password for ")
                    .append(who)
                    .append(": ")
                    .append(link)
                    .append('\n'));
    report.append("  Events API: POST ").append(publicUrl).append("/v2/enqueue\n");
    report.append("  REST API:   ").append(publicUrl).append("/api/v1/incidents\n");
    report.append("  Invoices:   ").append(publicUrl).append("/api/v1/invoices\n");
    if (environment.getProperty("vigil.dev-inbox.enabled", Boolean.class, false)) {
      report.append("  Dev inbox:  ").append(publicUrl).append("/dev/inbox\n");
    }
    if (info.demoRoutingKey() != null) {
      report.append("  Demo routing key: ").append(info.demoRoutingKey()).append('\n');
    }
    if (info.demoApiToken() != null) {
      // Printed once, on purpose: it is the newcomer's only way to the REST API of a fresh demo.
      report.append("  Demo API token:   ").append(info.demoApiToken()).append('\n');
    }
    if (info.operatorApiToken() != null) {
      report.append("  Operator token:   ").append(info.operatorApiToken()).append('\n');
    }
    log.info(report.toString());
  }
}
