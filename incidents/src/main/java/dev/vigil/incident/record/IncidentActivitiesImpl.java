package dev.vigil.incident.record;

import dev.vigil.escalation.AssignLevel;
import dev.vigil.escalation.EscalationTarget;
import dev.vigil.escalation.PolicySnapshot;
import dev.vigil.escalation.assignment.LevelAssignment;
import dev.vigil.escalation.assignment.PolicySnapshots;
import dev.vigil.incident.AlertSignal;
import dev.vigil.incident.AttachAlerts;
import dev.vigil.incident.AutoResolveCheck;
import dev.vigil.incident.CheckAutoResolve;
import dev.vigil.incident.ContinueIncident;
import dev.vigil.incident.IncidentActivities;
import dev.vigil.incident.IncidentKey;
import dev.vigil.incident.IncidentStatus;
import dev.vigil.incident.OpenIncident;
import dev.vigil.incident.OpenedIncident;
import dev.vigil.incident.RecordAction;
import dev.vigil.incident.RecordMerge;
import dev.vigil.incident.RecordNote;
import dev.vigil.incident.RecordPriority;
import dev.vigil.incident.RecordSnooze;
import dev.vigil.incident.RecordTransition;
import dev.vigil.incident.ResumeIncident;
import dev.vigil.incident.ResumedIncident;
import dev.vigil.incident.ServiceTimeouts;
import dev.vigil.oncall.service.ServiceStore;
import dev.vigil.oncall.service.ServiceStore.PagingSettings;
import io.temporal.failure.ApplicationFailure;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

@Component
public class IncidentActivitiesImpl implements IncidentActivities {

  private static final Logger log = LoggerFactory.getLogger(IncidentActivitiesImpl.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final PolicySnapshots policies;
  private final IncidentTimeline timeline;
  private final LevelAssignment levels;
  private final IncidentMetrics metrics;
  private final ServiceStore services;
  private final AlertStore alerts;
  private final int historyLimit;

  public IncidentActivitiesImpl(
      JdbcClient jdbc,
      TransactionTemplate tx,
      PolicySnapshots policies,
      IncidentTimeline timeline,
      IncidentMetrics metrics,
      LevelAssignment levels,
      ServiceStore services,
      AlertStore alerts,
      @Value("${vigil.incidents.history-limit:" + OpenedIncident.DEFAULT_HISTORY_LIMIT + "}")
          int historyLimit) {
    this.historyLimit = historyLimit;
    this.levels = levels;
    this.services = services;
    this.alerts = alerts;
    this.jdbc = jdbc;
    this.tx = tx;
    this.policies = policies;
    this.timeline = timeline;
    this.metrics = metrics;
  }

  @Override
  public OpenedIncident openIncident(OpenIncident request) {
    PagingSettings service =
        findService(request.key())
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "service " + request.key().serviceId() + " does not exist",
                        "UnknownService"));
    Optional<AlertStore.ManualOpening> manual =
        alerts.manualOpening(request.firstAlert().alertId());
    RecordedIncident recorded = tx.execute(status -> recordOnce(request, service, manual));
    PolicySnapshot policy =
        manual.isPresent() && manual.get().assigneeUserId() != null
            ? assignedByHand(manual.get())
            : policies.snapshot(request.key().accountId(), service.policyId());
    OpenedIncident opened =
        new OpenedIncident(
            recorded.id(),
            recorded.number(),
            recorded.title(),
            recorded.urgency(),
            policy,
            new ServiceTimeouts(service.ackTimeoutSeconds(), service.autoResolveTimeoutSeconds()),
            null,
            historyLimit);
    if (request.firstLevelSeq() <= 0 || policy.levels().isEmpty()) {
      return opened;
    }
    // The first level fires as the incident opens: assigned here, it costs no activity of its own.
    return opened.withFirstLevel(
        levels.assign(
            new AssignLevel(
                recorded.id(),
                1,
                1,
                policy.levels().get(0).targets(),
                request.at(),
                request.firstLevelSeq())));
  }

  /** An incident made by hand for one user: a policy of one level, that user. */
  private static PolicySnapshot assignedByHand(AlertStore.ManualOpening manual) {
    return new PolicySnapshot(
        0,
        manual.assigneeName(),
        0,
        List.of(
            new PolicySnapshot.Level(
                30 * 60, List.of(EscalationTarget.user(manual.assigneeUserId())))));
  }

  @Override
  public ResumedIncident resumeIncident(ResumeIncident request) {
    return tx.execute(status -> takeOver(request));
  }

  /**
   * Idempotent per run: the first attempt points the row at the new run and numbers its note after
   * every entry the lost run wrote; a retry finds the row already pointed and the note in place.
   */
  private ResumedIncident takeOver(ResumeIncident request) {
    ResumableIncident row =
        jdbc.sql(
                """
                select id, account_id, service_id, number, title, urgency, status, alert_count, run_id
                from incidents where id = ? for update""")
            .param(request.incidentId())
            .query(ResumableIncident.class)
            .optional()
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "incident " + request.incidentId() + " does not exist", "UnknownIncident"));
    int lastSeq =
        jdbc.sql("select coalesce(max(seq), 0) from incident_log_entries where incident_id = ?")
            .param(row.id())
            .query(Integer.class)
            .single();
    if (!request.runId().equals(row.runId())) {
      jdbc.sql(
              """
              update incidents set workflow_id = ?, run_id = ?, updated_at = ?, joins_alerts = true,
                     last_alert_at = coalesce(last_alert_at,
                         (select max(received_at) from alerts where incident_id = incidents.id))
              where id = ?""")
          .params(request.workflowId(), request.runId(), Timestamp.from(request.at()), row.id())
          .update();
      lastSeq++;
      timeline.append(
          row.accountId(),
          row.id(),
          lastSeq,
          request.at(),
          "resumed",
          "acknowledged".equals(row.status())
              ? "Resumed after the Temporal server lost its workflow; still acknowledged"
              : "Resumed after the Temporal server lost its workflow; escalation restarts from"
                  + " the first level");
      log.warn("Incident #{} (id {}) resumed in run {}", row.number(), row.id(), request.runId());
    }
    PagingSettings service =
        findService(new IncidentKey(row.accountId(), row.serviceId(), ""))
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "service " + row.serviceId() + " does not exist", "UnknownService"));
    PolicySnapshot policy = policies.snapshot(row.accountId(), service.policyId());
    OpenedIncident opened =
        new OpenedIncident(
            row.id(),
            row.number(),
            row.title(),
            row.urgency(),
            policy,
            new ServiceTimeouts(service.ackTimeoutSeconds(), service.autoResolveTimeoutSeconds()),
            null,
            historyLimit);
    return new ResumedIncident(
        opened,
        IncidentStatus.valueOf(row.status().toUpperCase(java.util.Locale.ROOT)),
        row.alertCount(),
        lastSeq + 1);
  }

  @Override
  public void continueIncident(ContinueIncident request) {
    int pointed =
        jdbc.sql(
                """
                update incidents set run_id = ?, updated_at = ?
                where id = ? and workflow_id = ? and run_id = ?""")
            .params(
                request.runId(),
                Timestamp.from(request.at()),
                request.incidentId(),
                request.workflowId(),
                request.previousRunId())
            .update();
    if (pointed == 1) {
      log.info("Incident id {} continued in run {}", request.incidentId(), request.runId());
    }
  }

  record ResumableIncident(
      long id,
      long accountId,
      long serviceId,
      long number,
      String title,
      String urgency,
      String status,
      int alertCount,
      String runId) {}

  /** Idempotent per workflow run: a retry finds the incident the first attempt recorded. */
  private RecordedIncident recordOnce(
      OpenIncident request, PagingSettings service, Optional<AlertStore.ManualOpening> manual) {
    Optional<RecordedIncident> existing =
        jdbc.sql(
                "select id, number, title, urgency from incidents where workflow_id = ? and run_id = ?")
            .params(request.workflowId(), request.runId())
            .query(RecordedIncident.class)
            .optional();
    if (existing.isPresent()) {
      return existing.get();
    }
    long accountId = request.key().accountId();
    closeStaleRuns(request);
    long number =
        jdbc.sql(
                "update accounts set next_incident_number = next_incident_number + 1 where id = ?"
                    + " returning next_incident_number - 1")
            .param(accountId)
            .query(Long.class)
            .single();
    AlertSignal first = request.firstAlert();
    String urgency =
        manual.isPresent()
            ? manual.get().urgency()
            : Urgency.of(service.urgencyRule(), first.severity());
    Timestamp at = Timestamp.from(request.at());
    long id =
        jdbc.sql(
                """
                insert into incidents (account_id, number, service_id, dedup_key, title, urgency, status,
                                       workflow_id, run_id, alert_count, created_at, updated_at,
                                       joins_alerts, last_alert_at)
                values (?, ?, ?, ?, ?, ?, 'triggered', ?, ?, 1, ?, ?, ?, ?)
                returning id""")
            .params(
                accountId,
                number,
                service.id(),
                request.key().dedupKey(),
                first.summary(),
                urgency,
                request.workflowId(),
                request.runId(),
                at,
                at,
                request.joinsAlerts(),
                Timestamp.from(first.receivedAt()))
            .query(Long.class)
            .single();
    jdbc.sql(
            "update alerts set incident_id = ? where id = ? and account_id = ? and incident_id is null")
        .params(id, first.alertId(), accountId)
        .update();
    timeline.append(
        accountId,
        id,
        request.seq(),
        request.at(),
        "triggered",
        manual.isPresent()
            ? "Created by "
                + manual.get().client()
                + " via REST API on "
                + service.name()
                + ": "
                + first.summary()
            : "Triggered on " + service.name() + ": " + first.summary());
    log.info("Recorded incident #{} (id {}) for account {}", number, id, accountId);
    metrics.openedInThisTransaction();
    return new RecordedIncident(id, number, first.summary(), urgency);
  }

  /**
   * A new run for the same key means any earlier run is over (completed, or terminated by an
   * operator before it could record its resolution): its row must not keep the key open.
   */
  private void closeStaleRuns(OpenIncident request) {
    int closed =
        jdbc.sql(
                """
                update incidents set status = 'resolved', resolved_at = ?, updated_at = ?
                where service_id = ? and dedup_key = ? and status <> 'resolved' and run_id <> ?""")
            .params(
                Timestamp.from(request.at()),
                Timestamp.from(request.at()),
                request.key().serviceId(),
                request.key().dedupKey(),
                request.runId())
            .update();
    if (closed > 0) {
      log.warn("Closed {} stale open incident(s) for workflow {}", closed, request.workflowId());
    }
  }

  @Override
  public AutoResolveCheck checkAutoResolve(CheckAutoResolve request) {
    return tx.execute(
        status -> {
          Timestamp lastAlert =
              jdbc.sql("select last_alert_at from incidents where id = ? for update")
                  .param(request.incidentId())
                  .query(Timestamp.class)
                  .optional()
                  .orElse(null);
          if (lastAlert != null && lastAlert.toInstant().isAfter(request.quietSince())) {
            return new AutoResolveCheck(false, lastAlert.toInstant());
          }
          // Quiet: from now on a trigger opens the next incident rather than joining this one.
          jdbc.sql(
                  "update incidents set resolve_requested_at = coalesce(resolve_requested_at, now())"
                      + " where id = ?")
              .param(request.incidentId())
              .update();
          return new AutoResolveCheck(true, lastAlert == null ? null : lastAlert.toInstant());
        });
  }

  @Override
  public void attachAlerts(AttachAlerts request) {
    List<Long> alertIds = request.alerts().stream().map(AlertSignal::alertId).toList();
    Instant latest =
        request.alerts().stream()
            .map(AlertSignal::receivedAt)
            .max(Instant::compareTo)
            .orElseThrow();
    tx.executeWithoutResult(
        status -> {
          // Only alerts attached now are said on the timeline: a retried attempt adds nothing.
          List<Long> attached =
              jdbc.sql(
                      "update alerts set incident_id = :incident where id in (:ids)"
                          + " and incident_id is null returning id")
                  .param("incident", request.incidentId())
                  .param("ids", alertIds)
                  .query(Long.class)
                  .list();
          attached.forEach(alertId -> GroupedAlerts.record(jdbc, request.incidentId(), alertId));
          // Counted, not incremented: a retried attempt cannot count an alert twice.
          jdbc.sql(
                  """
                  update incidents
                  set alert_count = (select count(*) from alerts where incident_id = incidents.id),
                      updated_at = greatest(updated_at, ?), last_alert_at = greatest(last_alert_at, ?)
                  where id = ?""")
              .params(Timestamp.from(latest), Timestamp.from(latest), request.incidentId())
              .update();
        });
  }

  @Override
  public void recordTransition(RecordTransition request) {
    tx.executeWithoutResult(
        status -> {
          Timestamp at = Timestamp.from(request.at());
          String change =
              switch (request.status()) {
                case ACKNOWLEDGED -> "acknowledged_at = coalesce(acknowledged_at, :at)";
                case RESOLVED -> "resolved_at = coalesce(resolved_at, :at)";
                // A stop the Events API wrote after this re-trigger belongs to an acknowledgement
                // still on its way to the workflow: it stays (PagingFence).
                case TRIGGERED ->
                    "acknowledged_at = null, paging_stopped_at = case when paging_stopped_at > :at"
                        + " then paging_stopped_at end";
              };
          // Any status change ends a snooze: acknowledged again, resolved, or triggered by its end.
          jdbc.sql(
                  "update incidents set status = :status, updated_at = :at, snoozed_until = null, "
                      + change
                      + " where id = :id")
              .param("status", request.status().wireName())
              .param("at", at)
              .param("id", request.incidentId())
              .update();
          String what =
              switch (request.status()) {
                case ACKNOWLEDGED -> "acknowledged";
                case RESOLVED -> "resolved";
                case TRIGGERED -> "retriggered";
              };
          String verb =
              switch (request.status()) {
                case ACKNOWLEDGED -> "Acknowledged";
                case RESOLVED -> "Resolved";
                case TRIGGERED -> "Re-triggered";
              };
          timeline.append(
              accountOf(request.incidentId()),
              request.incidentId(),
              request.seq(),
              request.at(),
              what,
              verb + " by " + request.by().describe(),
              request.by());
        });
  }

  @Override
  public void recordAction(RecordAction request) {
    timeline.append(
        accountOf(request.incidentId()),
        request.incidentId(),
        request.seq(),
        request.at(),
        request.kind(),
        request.message(),
        request.by());
  }

  @Override
  public void recordPriority(RecordPriority request) {
    tx.executeWithoutResult(
        status -> {
          // Set in the same transaction as its entry, so a retry finds both or neither.
          jdbc.sql(
                  "update incidents set priority = ?, updated_at = greatest(updated_at, ?) where id = ?")
              .params(request.priority(), Timestamp.from(request.at()), request.incidentId())
              .update();
          timeline.append(
              accountOf(request.incidentId()),
              request.incidentId(),
              request.seq(),
              request.at(),
              "priority_changed",
              (request.priority() == null
                      ? "Priority cleared"
                      : "Priority set to " + request.priority())
                  + " by "
                  + request.by().describe(),
              request.by());
        });
  }

  @Override
  public void recordSnooze(RecordSnooze request) {
    tx.executeWithoutResult(
        status -> {
          jdbc.sql(
                  "update incidents set snoozed_until = ?, updated_at = greatest(updated_at, ?)"
                      + " where id = ? and status = 'acknowledged'")
              .params(
                  Timestamp.from(request.until()),
                  Timestamp.from(request.at()),
                  request.incidentId())
              .update();
          timeline.append(
              accountOf(request.incidentId()),
              request.incidentId(),
              request.seq(),
              request.at(),
              "snoozed",
              "Snoozed for "
                  + SnoozeDurations.describe(request.minutes())
                  + " (until "
                  + request.until()
                  + ") by "
                  + request.by().describe(),
              request.by());
        });
  }

  @Override
  public void recordNote(RecordNote request) {
    timeline.append(
        accountOf(request.incidentId()),
        request.incidentId(),
        request.seq(),
        request.at(),
        request.kind(),
        request.message());
  }

  @Override
  public void recordMerge(RecordMerge request) {
    tx.executeWithoutResult(
        status -> {
          boolean done =
              jdbc.sql(
                          "select count(*) from incident_log_entries where incident_id = ? and seq = ?")
                      .params(request.incidentId(), request.seq())
                      .query(Integer.class)
                      .single()
                  > 0;
          if (done) {
            return; // a retry of an attempt that committed: everything below is in place
          }
          long accountId = accountOf(request.incidentId());
          Timestamp at = Timestamp.from(request.at());
          int moved =
              jdbc.sql("update alerts set incident_id = ? where incident_id = ?")
                  .params(request.targetIncidentId(), request.incidentId())
                  .update();
          jdbc.sql(
                  "update incidents set merged_into_id = ?, alert_count = 0, updated_at = ?"
                      + " where id = ?")
              .params(request.targetIncidentId(), at, request.incidentId())
              .update();
          jdbc.sql(
                  """
                  update incidents
                  set alert_count = (select count(*) from alerts where incident_id = incidents.id),
                      last_alert_at = greatest(last_alert_at,
                          (select max(received_at) from alerts where incident_id = incidents.id)),
                      updated_at = greatest(updated_at, ?)
                  where id = ?""")
              .params(at, request.targetIncidentId())
              .update();
          timeline.append(
              accountId,
              request.incidentId(),
              request.seq(),
              request.at(),
              "merged",
              "Merged into #"
                  + request.targetNumber()
                  + " by "
                  + request.by().describe()
                  + " ("
                  + moved
                  + (moved == 1 ? " alert" : " alerts")
                  + " moved there)",
              request.by());
          long number =
              jdbc.sql("select number from incidents where id = ?")
                  .param(request.incidentId())
                  .query(Long.class)
                  .single();
          // The target's own workflow numbers its entries; this one sorts among them by time.
          timeline.appendUnnumbered(
              accountId,
              request.targetIncidentId(),
              request.at(),
              "merged",
              "Incident #"
                  + number
                  + " merged into this one by "
                  + request.by().describe()
                  + " ("
                  + moved
                  + (moved == 1 ? " alert" : " alerts")
                  + ")");
        });
  }

  private long accountOf(long incidentId) {
    return jdbc.sql("select account_id from incidents where id = ?")
        .param(incidentId)
        .query(Long.class)
        .single();
  }

  private Optional<PagingSettings> findService(IncidentKey key) {
    return services.pagingSettings(key.accountId(), key.serviceId());
  }

  record RecordedIncident(long id, long number, String title, String urgency) {}
}
