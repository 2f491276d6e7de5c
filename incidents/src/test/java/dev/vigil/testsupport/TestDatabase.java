package dev.vigil.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real PostgreSQL tests run on: {@code SPRING_DATASOURCE_URL} when set (CI with a server), else
 * a Testcontainers container when Docker is up, else an embedded PostgreSQL (zonky). One per test
 * JVM; tests isolate themselves by creating accounts of their own, as tenants are isolated.
 */
public final class TestDatabase {

  private static Connection connection;

  private TestDatabase() {}

  public static void register(DynamicPropertyRegistry registry) {
    Connection db = get();
    registry.add("spring.datasource.url", db::url);
    registry.add("spring.datasource.username", db::username);
    registry.add("spring.datasource.password", db::password);
  }

  /**
   * A new, empty database on the same server, for tests of what happens on a first start. Needs the
   * CREATEDB privilege when {@code SPRING_DATASOURCE_URL} points at a shared server.
   */
  public static Connection fresh() {
    Connection server = get();
    String name =
        "vigil_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (java.sql.Connection c =
            java.sql.DriverManager.getConnection(
                server.url(), server.username(), server.password());
        java.sql.Statement statement = c.createStatement()) {
      statement.execute("create database " + name);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("could not create a fresh test database", e);
    }
    return new Connection(withDatabase(server.url(), name), server.username(), server.password());
  }

  /** jdbc:postgresql://host:port/db?params with another db. */
  static String withDatabase(String url, String database) {
    int slash = url.indexOf('/', "jdbc:postgresql://".length());
    int query = url.indexOf('?', slash);
    return url.substring(0, slash + 1) + database + (query < 0 ? "" : url.substring(query));
  }

  public static synchronized Connection get() {
    if (connection == null) {
      connection = start();
    }
    return connection;
  }

  private static Connection start() {
    String url = System.getenv("SPRING_DATASOURCE_URL");
    if (url != null && !url.isBlank()) {
      return new Connection(
          url,
          System.getenv("SPRING_DATASOURCE_USERNAME"),
          System.getenv("SPRING_DATASOURCE_PASSWORD"));
    }
    if (DockerClientFactory.instance().isDockerAvailable()) {
      PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
      container.start();
      return new Connection(
          container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres)));
      return new Connection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
    } catch (IOException e) {
      throw new UncheckedIOException("could not start an embedded PostgreSQL", e);
    }
  }

  private static void close(EmbeddedPostgres postgres) {
    try {
      postgres.close();
    } catch (IOException ignored) {
      // the JVM is exiting
    }
  }

  public record Connection(String url, String username, String password) {}
}
