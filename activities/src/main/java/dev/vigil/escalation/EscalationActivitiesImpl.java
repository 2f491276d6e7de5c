package dev.vigil.escalation;

import dev.vigil.incident.IncidentTimeline;
import dev.vigil.notification.Channel;
import dev.vigil.notification.NotificationStep;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

@Component
public class EscalationActivitiesImpl implements EscalationActivities {

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final IncidentTimeline timeline;

  public EscalationActivitiesImpl(
      JdbcClient jdbc, TransactionTemplate tx, IncidentTimeline timeline) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.timeline = timeline;
  }

  @Override
  public List<NotificationStep> assignLevel(AssignLevel request) {
    return tx.execute(status -> assign(request));
  }

  private List<NotificationStep> assign(AssignLevel request) {
    long accountId =
        jdbc.sql("select account_id from incidents where id = ?")
            .param(request.incidentId())
            .query(Long.class)
            .single();
    List<Long> userIds = request.targets().stream().map(EscalationTarget::id).toList();
    // Users are read now, scoped to the incident's account: a user deleted since the policy was
    // snapshotted is skipped, not paged.
    List<Assignee> assignees =
        userIds.isEmpty()
            ? List.of()
            : jdbc.sql(
                    "select id, name from users where account_id = :account and id in (:ids) order by id")
                .param("account", accountId)
                .param("ids", userIds)
                .query(Assignee.class)
                .list();

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
    String names =
        assignees.isEmpty()
            ? "nobody (the level has no users)"
            : assignees.stream().map(Assignee::name).collect(Collectors.joining(", "));
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
    return stepsFor(accountId, assignees);
  }

  /**
   * Until users have notification rules of their own, everyone is paged at once on every contact
   * method: SMS to each phone, a message to each email address.
   */
  private List<NotificationStep> stepsFor(long accountId, List<Assignee> assignees) {
    List<NotificationStep> steps = new ArrayList<>();
    for (Assignee assignee : assignees) {
      jdbc.sql(
              "select id, kind from contact_methods where account_id = ? and user_id = ? order by id")
          .params(accountId, assignee.id())
          .query(ContactMethodRow.class)
          .list()
          .forEach(
              method ->
                  steps.add(
                      new NotificationStep(
                          assignee.id(),
                          assignee.name(),
                          method.id(),
                          "phone".equals(method.kind()) ? Channel.SMS : Channel.EMAIL,
                          0)));
    }
    return steps;
  }

  record Assignee(long id, String name) {}

  record ContactMethodRow(long id, String kind) {}
}
