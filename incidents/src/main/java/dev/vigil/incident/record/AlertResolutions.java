package dev.vigil.incident.record;

import dev.vigil.incident.IncidentKey;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Events with one alert's dedup key for an incident that its service's grouping opened under a key
 * of Vigil's making (docs/decisions/0041, 0069), as PagerDuty treats them: a resolve resolves that
 * alert, and the incident once none of its alerts is open; an acknowledge acknowledges the
 * incident. The incident row is locked as a duplicate's join locks it, so an alert joining and the
 * last one resolving are ordered: the join comes first and keeps the incident open, or it finds the
 * incident's resolution requested and opens the group's next incident.
 */
@Component
public class AlertResolutions {

  static final String KIND = "alert_resolved";

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final IncidentTimeline timeline;

  public AlertResolutions(JdbcClient jdbc, TransactionTemplate tx, IncidentTimeline timeline) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.timeline = timeline;
  }

  /**
   * The open incident of the key's service that holds an alert with the key under another key of
   * its own.
   *
   * @param lastOpen true when no alert of it is open any more: its workflow is to resolve it
   */
  public record Holder(long incidentId, String workflowId, boolean lastOpen) {}

  /**
   * Resolves the alerts of the key in the open incident holding them, says so on its timeline and,
   * when none is left open, requests the incident's resolution (it takes no more alerts). A resolve
   * repeated after that finds the incident again, so its workflow can be told again. Empty when no
   * open incident holds the key.
   */
  public Optional<Holder> resolve(IncidentKey alertKey, Instant at) {
    return tx.execute(
        status -> {
          Optional<Row> found =
              jdbc.sql(
                      """
                      select i.id, i.account_id, i.workflow_id, i.resolve_requested_at is not null
                                 as resolve_requested,
                             exists (select 1 from alerts a where a.incident_id = i.id
                                       and a.dedup_key = :key and a.resolved_at is null) as open
                      from incidents i
                      where i.account_id = :account and i.service_id = :service
                        and i.status <> 'resolved' and i.dedup_key <> :key
                        and exists (select 1 from alerts a where a.incident_id = i.id
                                      and a.dedup_key = :key)
                      order by open desc, i.id desc limit 1
                      for update of i""")
                  .param("key", alertKey.dedupKey())
                  .param("account", alertKey.accountId())
                  .param("service", alertKey.serviceId())
                  .query(
                      (rs, n) ->
                          new Row(
                              rs.getLong("id"),
                              rs.getLong("account_id"),
                              rs.getString("workflow_id"),
                              rs.getBoolean("resolve_requested"),
                              rs.getBoolean("open")))
                  .optional();
          if (found.isEmpty()) {
            return Optional.<Holder>empty();
          }
          Row incident = found.get();
          if (!incident.open()) {
            // Resolved already: a repeat, or the alert of an incident whose resolution is pending.
            return incident.resolveRequested()
                ? Optional.of(new Holder(incident.id(), incident.workflowId(), true))
                : Optional.<Holder>empty();
          }
          jdbc.sql(
                  """
                  update alerts set resolved_at = ?
                  where incident_id = ? and dedup_key = ? and resolved_at is null""")
              .params(Timestamp.from(at), incident.id(), alertKey.dedupKey())
              .update();
          Counts counts =
              jdbc.sql(
                      """
                      select count(distinct coalesce(a.dedup_key, i.dedup_key)) as alerts,
                             count(distinct coalesce(a.dedup_key, i.dedup_key))
                                 filter (where a.resolved_at is null) as still_open,
                             (select summary from alerts where incident_id = i.id and dedup_key = ?
                              order by id desc limit 1) as summary
                      from alerts a join incidents i on i.id = a.incident_id
                      where a.incident_id = ? group by i.id""")
                  .params(alertKey.dedupKey(), incident.id())
                  .query(Counts.class)
                  .single();
          boolean last = counts.stillOpen() == 0;
          timeline.appendUnnumbered(
              incident.accountId(),
              incident.id(),
              at,
              KIND,
              "Alert \""
                  + counts.summary()
                  + "\" resolved (dedup key "
                  + alertKey.dedupKey()
                  + "; "
                  + (last
                      ? "none of " + counts.alerts() + " still open: the incident resolves"
                      : counts.stillOpen() + " of " + counts.alerts() + " still open")
                  + ")");
          if (last) {
            // As the Events API's resolve does (PagingFence.stop), before the workflow hears it.
            jdbc.sql(
                    """
                    update incidents set paging_stopped_at = coalesce(paging_stopped_at, now()),
                           resolve_requested_at = coalesce(resolve_requested_at, now())
                    where id = ?""")
                .param(incident.id())
                .update();
          }
          return Optional.of(new Holder(incident.id(), incident.workflowId(), last));
        });
  }

  /** The open incident holding an open alert with the key (for an acknowledge), if any. */
  public Optional<String> workflowHolding(IncidentKey alertKey) {
    return jdbc.sql(
            """
            select i.workflow_id from incidents i
            where i.account_id = ? and i.service_id = ? and i.status <> 'resolved'
              and i.resolve_requested_at is null and i.dedup_key <> ?
              and exists (select 1 from alerts a where a.incident_id = i.id
                            and a.dedup_key = ? and a.resolved_at is null)
            order by i.id desc limit 1""")
        .params(
            alertKey.accountId(), alertKey.serviceId(), alertKey.dedupKey(), alertKey.dedupKey())
        .query(String.class)
        .optional();
  }

  private record Row(
      long id, long accountId, String workflowId, boolean resolveRequested, boolean open) {}

  record Counts(long alerts, long stillOpen, String summary) {}
}
