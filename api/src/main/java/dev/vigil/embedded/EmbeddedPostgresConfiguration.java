package dev.vigil.embedded;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * With no {@code SPRING_DATASOURCE_URL}, a PostgreSQL server runs beside the app (zonky's embedded
 * binaries) on loopback, its data kept under the data directory: routing keys, tokens, incidents
 * and invoices survive a restart, as the embedded Temporal server's workflows do.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatabaseConfigured.class)
class EmbeddedPostgresConfiguration {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres(DataDirectory dataDirectory) throws IOException {
    Path data = dataDirectory.resolve("postgres");
    // A server whose JVM was killed outlives it and still holds the data directory.
    StalePostmaster.stopIfRunning(data);
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(data)
            .setCleanDataDirectory(false)
            .setServerConfig("listen_addresses", "127.0.0.1")
            // Stopped by the context, after the workers drained, not by a JVM hook racing them.
            .setRegisterShutdownHook(false)
            .start();
    log.info("Embedded PostgreSQL started on 127.0.0.1:{}, data in {}", postgres.getPort(), data);
    return postgres;
  }

  @Bean
  DataSource dataSource(EmbeddedPostgres postgres) {
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
    dataSource.setUsername("postgres");
    dataSource.setPassword("postgres");
    dataSource.setPoolName("vigil-embedded");
    return dataSource;
  }
}
