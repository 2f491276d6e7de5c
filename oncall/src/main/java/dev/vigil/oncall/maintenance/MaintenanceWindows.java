package dev.vigil.oncall.maintenance;

import dev.vigil.oncall.OnCallRefusal;
import dev.vigil.oncall.Paging;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Maintenance windows of one account (docs/decisions/0042): while one is on, the Events API keeps
 * its service's triggers as suppressed alerts and pages nobody. Every statement is scoped by
 * account id.
 */
@Component
public class MaintenanceWindows {

  private static final String COLUMNS =
      """
      select w.id, w.service_id, s.name as service_name, w.description, w.starts_at, w.ends_at,
             w.created_at,
             (select count(*) from alerts a where a.maintenance_window_id = w.id) as suppressed_alerts
      from maintenance_windows w left join services s on s.id = w.service_id
      """;

  private final JdbcClient jdbc;

  MaintenanceWindows(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public long create(long accountId, MaintenanceWindowRequest window) {
    List<String> problems = window.problems();
    if (!problems.isEmpty()) {
      throw OnCallRefusal.invalid(problems);
    }
    if (window.serviceId() != null && !serviceExists(accountId, window.serviceId())) {
      throw OnCallRefusal.invalid("service_id", "is not a service of this account");
    }
    return jdbc.sql(
            """
            insert into maintenance_windows (account_id, service_id, description, starts_at, ends_at)
            values (?, ?, ?, ?, ?) returning id""")
        .params(
            accountId,
            window.serviceId(),
            window.descriptionOrEmpty(),
            Timestamp.from(window.startsAt()),
            Timestamp.from(window.endsAt()))
        .query(Long.class)
        .single();
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

  public Optional<MaintenanceWindowView> find(long accountId, long windowId) {
    return jdbc.sql(COLUMNS + " where w.account_id = ? and w.id = ?")
        .params(accountId, windowId)
        .query(MaintenanceWindowView.class)
        .optional();
  }

  /**
   * Soonest ending first. {@code serviceId}: the windows that cover that service (its own and the
   * account's); {@code current}: only those on at the moment.
   */
  public List<MaintenanceWindowView> list(
      long accountId, Long serviceId, boolean current, Instant now, Paging page) {
    return jdbc.sql(
            COLUMNS
                + """
                where w.account_id = :account
                  and (cast(:service as bigint) is null or w.service_id is null
                       or w.service_id = :service)
                  and (not :current or (w.starts_at <= :now and w.ends_at > :now))
                order by w.ends_at, w.id limit :limit offset :offset""")
        .param("account", accountId)
        .param("service", serviceId)
        .param("current", current)
        .param("now", Timestamp.from(now))
        .param("limit", page.fetch())
        .param("offset", page.offset())
        .query(MaintenanceWindowView.class)
        .list();
  }

  /**
   * Deletes the window; one that is on ends at once. Alerts it suppressed stay suppressed: ending a
   * window never pages what arrived during it.
   */
  public void delete(long accountId, long windowId) {
    if (jdbc.sql("delete from maintenance_windows where account_id = ? and id = ?")
            .params(accountId, windowId)
            .update()
        == 0) {
      throw OnCallRefusal.notFound("Maintenance window " + windowId);
    }
  }

  /** The window that is on for the service at that instant, if any (the one ending last). */
  public Optional<Long> activeFor(long accountId, long serviceId, Instant at) {
    return jdbc.sql(
            """
            select id from maintenance_windows
            where account_id = ? and (service_id is null or service_id = ?)
              and starts_at <= ? and ends_at > ?
            order by ends_at desc, id limit 1""")
        .params(accountId, serviceId, Timestamp.from(at), Timestamp.from(at))
        .query(Long.class)
        .optional();
  }
}
