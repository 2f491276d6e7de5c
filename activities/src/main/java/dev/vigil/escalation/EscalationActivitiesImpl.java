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
    IncidentRow incident =
        jdbc.sql("select account_id, urgency from incidents where id = ?")
            .param(request.incidentId())
            .query(IncidentRow.class)
            .single();
    long accountId = incident.accountId();
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
    return stepsFor(accountId, incident.urgency(), assignees);
  }

  /**
   * Each assignee's notification rules for the incident's urgency. A user with none for it is paged
   * at once on every contact method (SMS to phones, email to addresses), so forgetting to add rules
   * never makes anyone unreachable.
   */
  private List<NotificationStep> stepsFor(
      long accountId, String urgency, List<Assignee> assignees) {
    List<NotificationStep> steps = new ArrayList<>();
    for (Assignee assignee : assignees) {
      List<NotificationStep> ruled =
          jdbc.sql(
                  """
                  select r.contact_method_id, r.channel, r.delay_minutes from notification_rules r
                  where r.account_id = ? and r.user_id = ? and r.urgency = ?
                  order by r.delay_minutes, r.id""")
              .params(accountId, assignee.id(), urgency)
              .query(
                  (rs, n) ->
                      new NotificationStep(
                          assignee.id(),
                          assignee.name(),
                          rs.getLong("contact_method_id"),
                          Channel.valueOf(
                              rs.getString("channel").toUpperCase(java.util.Locale.ROOT)),
                          rs.getInt("delay_minutes") * 60))
              .list();
      steps.addAll(ruled.isEmpty() ? everyContactMethodAtOnce(accountId, assignee) : ruled);
    }
    return steps;
  }

  private List<NotificationStep> everyContactMethodAtOnce(long accountId, Assignee assignee) {
    return jdbc
        .sql(
            "select id, kind from contact_methods where account_id = ? and user_id = ? order by id")
        .params(accountId, assignee.id())
        .query(ContactMethodRow.class)
        .list()
        .stream()
        .map(
            method ->
                new NotificationStep(
                    assignee.id(),
                    assignee.name(),
                    method.id(),
                    "phone".equals(method.kind()) ? Channel.SMS : Channel.EMAIL,
                    0))
        .toList();
  }

  record IncidentRow(long accountId, String urgency) {}

  record Assignee(long id, String name) {}

  record ContactMethodRow(long id, String kind) {}
}
