package dev.vigil.oncall.heartbeat;

import dev.vigil.oncall.OnCallRefusal;
import dev.vigil.oncall.access.ApiTokens;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Heartbeat monitors of services (docs/decisions/0057). A monitor is found by the secret of its
 * ping URL, which is stored only as a SHA-256 hash and shown once, when made or replaced. Every
 * other statement is scoped by account id.
 */
@Component
public class HeartbeatMonitors {

  private static final String COLUMNS =
      "select id, account_id, service_id, name, interval_seconds, status, last_ping_at, created_at"
          + " from heartbeat_monitors";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;
  private final int shortestInterval;

  HeartbeatMonitors(
      JdbcClient jdbc,
      @Value("${vigil.heartbeats.shortest-interval-seconds:60}") int shortestInterval) {
    this.jdbc = jdbc;
    this.shortestInterval = shortestInterval;
  }

  /** A new monitor with the secret of its ping URL, which is not kept. */
  public record Created(HeartbeatMonitor monitor, String secret) {}

  public Created create(long accountId, long serviceId, HeartbeatMonitorRequest request) {
    check(request);
    if (!serviceExists(accountId, serviceId)) {
      throw OnCallRefusal.notFound("service");
    }
    String secret = newSecret();
    try {
      long id =
          jdbc.sql(
                  """
                  insert into heartbeat_monitors
                    (account_id, service_id, name, interval_seconds, token_hash)
                  values (?, ?, ?, ?, ?) returning id""")
              .params(
                  accountId,
                  serviceId,
                  request.name().strip(),
                  request.intervalSeconds(),
                  ApiTokens.hash(secret))
              .query(Long.class)
              .single();
      return new Created(find(accountId, serviceId, id).orElseThrow(), secret);
    } catch (DuplicateKeyException e) {
      throw OnCallRefusal.conflict("the service already has a heartbeat monitor with that name");
    }
  }

  /** New settings; the ping URL stays. */
  public HeartbeatMonitor update(
      long accountId, long serviceId, long id, HeartbeatMonitorRequest request) {
    check(request);
    try {
      int updated =
          jdbc.sql(
                  "update heartbeat_monitors set name = ?, interval_seconds = ?"
                      + " where account_id = ? and service_id = ? and id = ?")
              .params(request.name().strip(), request.intervalSeconds(), accountId, serviceId, id)
              .update();
      if (updated == 0) {
        throw OnCallRefusal.notFound("heartbeat monitor");
      }
    } catch (DuplicateKeyException e) {
      throw OnCallRefusal.conflict("the service already has a heartbeat monitor with that name");
    }
    return find(accountId, serviceId, id).orElseThrow();
  }

  /** A new secret for the ping URL; the old URL stops working at once. */
  public Created replaceSecret(long accountId, long serviceId, long id) {
    String secret = newSecret();
    int updated =
        jdbc.sql(
                "update heartbeat_monitors set token_hash = ?"
                    + " where account_id = ? and service_id = ? and id = ?")
            .params(ApiTokens.hash(secret), accountId, serviceId, id)
            .update();
    if (updated == 0) {
      throw OnCallRefusal.notFound("heartbeat monitor");
    }
    return new Created(find(accountId, serviceId, id).orElseThrow(), secret);
  }

  public boolean delete(long accountId, long serviceId, long id) {
    return jdbc.sql(
                "delete from heartbeat_monitors where account_id = ? and service_id = ? and id = ?")
            .params(accountId, serviceId, id)
            .update()
        > 0;
  }

  public Optional<HeartbeatMonitor> find(long accountId, long serviceId, long id) {
    return jdbc.sql(COLUMNS + " where account_id = ? and service_id = ? and id = ?")
        .params(accountId, serviceId, id)
        .query(HeartbeatMonitor.class)
        .optional();
  }

  /** By name; refused as not found when the service is not the account's. */
  public List<HeartbeatMonitor> list(long accountId, long serviceId) {
    if (!serviceExists(accountId, serviceId)) {
      throw OnCallRefusal.notFound("service");
    }
    return jdbc.sql(COLUMNS + " where account_id = ? and service_id = ? order by name, id")
        .params(accountId, serviceId)
        .query(HeartbeatMonitor.class)
        .list();
  }

  /** The monitor a workflow watches, whatever its account (the workflow knows only its id). */
  public Optional<HeartbeatMonitor> byId(long id) {
    return jdbc.sql(COLUMNS + " where id = ?").params(id).query(HeartbeatMonitor.class).optional();
  }

  /** The monitor whose ping URL has this secret. */
  public Optional<HeartbeatMonitor> bySecret(String secret) {
    return jdbc.sql(COLUMNS + " where token_hash = ?")
        .params(ApiTokens.hash(secret))
        .query(HeartbeatMonitor.class)
        .optional();
  }

  /**
   * Records a ping and returns the monitor as it is now, or empty if it was deleted meanwhile. A
   * monitor that was waiting for its first ping is up from now; one that is down stays down until
   * its workflow has resolved the incident.
   */
  public Optional<HeartbeatMonitor> recordPing(long id, Instant at) {
    return jdbc.sql(
            """
            update heartbeat_monitors
               set last_ping_at = ?, status = case when status = 'waiting' then 'up' else status end
             where id = ?
            returning id, account_id, service_id, name, interval_seconds, status, last_ping_at,
                      created_at""")
        .params(Timestamp.from(at), id)
        .query(HeartbeatMonitor.class)
        .optional();
  }

  /** Marks a monitor down or up again; false if it no longer exists. */
  public boolean markStatus(long id, String status) {
    return jdbc.sql("update heartbeat_monitors set status = ? where id = ?")
            .params(status, id)
            .update()
        > 0;
  }

  private void check(HeartbeatMonitorRequest request) {
    List<String> problems = request.problems(shortestInterval);
    if (!problems.isEmpty()) {
      throw OnCallRefusal.invalid(problems);
    }
  }

  private boolean serviceExists(long accountId, long serviceId) {
    return jdbc.sql(
            "select id from services where account_id = ? and id = ? and archived_at is null"
                + " for key share")
        .params(accountId, serviceId)
        .query(Long.class)
        .optional()
        .isPresent();
  }

  private static String newSecret() {
    byte[] secret = new byte[24];
    RANDOM.nextBytes(secret);
    return HexFormat.of().formatHex(secret);
  }
}
