package dev.vigil.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Reads of the app's incident record (its PostgreSQL), to find what the figures need. */
final class Incidents {

  private final Stack stack;

  Incidents(Stack stack) {
    this.stack = stack;
  }

  record Row(long number, String workflowId, String runId, String status) {}

  /** The open (or latest) incident for a dedup key. */
  Optional<Row> byDedupKey(String dedupKey) {
    return query(
        "select number, workflow_id, run_id, status from incidents where dedup_key = ?"
            + " order by id desc limit 1",
        dedupKey);
  }

  private Optional<Row> query(String sql, String param) {
    try (Connection db = stack.database();
        PreparedStatement statement = db.prepareStatement(sql)) {
      statement.setString(1, param);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next()
            ? Optional.of(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  long count(String sql, Object... params) {
    try (Connection db = stack.database();
        PreparedStatement statement = db.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Waits for the incident of a dedup key to reach a status; empty after the timeout. */
  Optional<Row> awaitStatus(String dedupKey, String status, long timeoutMillis) {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < deadline) {
      Optional<Row> row = byDedupKey(dedupKey);
      if (row.isPresent() && row.get().status().equals(status)) {
        return row;
      }
      Pause.millis(100);
    }
    return Optional.empty();
  }
}
