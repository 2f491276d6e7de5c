package dev.vigil.embedded;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Which PostgreSQL the app is connected to, the embedded one or {@code SPRING_DATASOURCE_URL}'s:
 * infrastructure, like the embedded server, so it sits beside it and reads no table.
 */
@Component
public class ConnectedDatabase {

  private final DataSource dataSource;

  ConnectedDatabase(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The JDBC URL without credentials. */
  public String url() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.getMetaData().getURL().replaceAll("(?i)(password|user)=[^&]*&?", "");
    } catch (SQLException e) {
      return "unreachable (" + e.getMessage() + ")";
    }
  }
}
