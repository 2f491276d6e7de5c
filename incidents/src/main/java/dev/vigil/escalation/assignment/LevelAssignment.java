package dev.vigil.escalation.assignment;

import dev.vigil.escalation.AssignLevel;
import dev.vigil.incident.record.IncidentTimeline;
import dev.vigil.notification.NotificationStep;
import dev.vigil.notification.delivery.NotificationProviders;
import dev.vigil.oncall.escalation.LevelTargets.Assignee;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Assigns a level of an incident's escalation policy: who its targets are now (schedules resolved
 * at this moment), recorded as the incident's assignees with a timeline entry, and each person's
 * notification steps with their channel's providers. Used when a level fires, and for the first
 * level as the incident opens.
 */
@Component
public class LevelAssignment {

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final IncidentTimeline timeline;
  private final LevelPlanner planner;
  private final EscalationMetrics metrics;
  private final NotificationProviders providers;

  public LevelAssignment(
      JdbcClient jdbc,
      TransactionTemplate tx,
      IncidentTimeline timeline,
      LevelPlanner planner,
      EscalationMetrics metrics,
      NotificationProviders providers) {
    this.providers = providers;
    this.jdbc = jdbc;
    this.tx = tx;
    this.timeline = timeline;
    this.planner = planner;
    this.metrics = metrics;
  }

  /** {@code request.at()} is when the workflow fired the level: anything after it is lateness. */
  public List<NotificationStep> assign(AssignLevel request) {
    Instant started = Instant.now();
    List<NotificationStep> steps = tx.execute(status -> record(request));
    metrics.levelAssigned(Duration.between(request.at(), started));
    // The providers travel with the plan: an immediate page needs no activity to list them.
    return steps.stream()
        .map(step -> step.withProviders(providers.namesFor(step.channel())))
        .toList();
  }

  private List<NotificationStep> record(AssignLevel request) {
    IncidentRow incident =
        jdbc.sql("select account_id, urgency from incidents where id = ?")
            .param(request.incidentId())
            .query(IncidentRow.class)
            .single();
    long accountId = incident.accountId();
    LevelPlanner.LevelPlan plan =
        planner.plan(accountId, request.targets(), request.at(), incident.urgency());
    List<Assignee> assignees = plan.assignees();

    // Escalating reassigns: the previous level's people stop being paged (as PagerDuty does).
    jdbc.sql("delete from incident_assignees where incident_id = ?")
        .param(request.incidentId())
        .update();
    for (Assignee assignee : assignees) {
      jdbc.sql(
              "insert into incident_assignees (account_id, incident_id, user_id, assigned_at) values (?, ?, ?, ?)")
          .params(accountId, request.incidentId(), assignee.id(), Timestamp.from(request.at()))
          .update();
    }
    List<String> described = new ArrayList<>(assignees.stream().map(Assignee::describe).toList());
    if (described.isEmpty()) {
      described.add("nobody");
    }
    described.addAll(plan.notes());
    List<NotificationStep> steps = plan.steps();
    // Only verified methods are paged (decision 0058): say who this level cannot reach.
    for (Assignee assignee : plan.unreachable()) {
      described.add(assignee.name() + " has no verified contact method and is not paged");
    }
    String names = String.join(", ", described);
    timeline.append(
        accountId,
        request.incidentId(),
        request.seq(),
        request.at(),
        "escalated",
        "Escalation level "
            + request.level()
            + " (pass "
            + request.round()
            + ") assigned to "
            + names);
    return steps;
  }

  record IncidentRow(long accountId, String urgency) {}
}
