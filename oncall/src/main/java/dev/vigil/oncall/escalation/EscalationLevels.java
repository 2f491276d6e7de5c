package dev.vigil.oncall.escalation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The levels of escalation policies and their targets, written in firing order (position 1, 2, ...)
 * and read back as the API shows them. Every statement is scoped by account id.
 *
 * <p>Nothing refers to a level's id (running incidents hold a snapshot, not ids), so a policy's
 * levels are replaced by deleting and inserting them.
 */
@Component
public class EscalationLevels {

  private final JdbcClient jdbc;

  EscalationLevels(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(long accountId, long policyId, List<PolicyDefinition.Level> levels) {
    int position = 1;
    for (PolicyDefinition.Level level : levels) {
      long levelId =
          jdbc.sql(
                  "insert into escalation_levels (account_id, policy_id, position, delay_seconds)"
                      + " values (?, ?, ?, ?) returning id")
              .params(accountId, policyId, position++, level.delaySeconds())
              .query(Long.class)
              .single();
      for (PolicyTarget target : level.targets()) {
        boolean user = target.type() == PolicyTarget.Type.USER;
        jdbc.sql(
                "insert into escalation_targets (account_id, level_id, user_id, schedule_id)"
                    + " values (?, ?, ?, ?)")
            .params(accountId, levelId, user ? target.id() : null, user ? null : target.id())
            .update();
      }
    }
  }

  /** Targets go with their levels (on delete cascade). */
  public void deleteAll(long accountId, long policyId) {
    jdbc.sql("delete from escalation_levels where account_id = ? and policy_id = ?")
        .params(accountId, policyId)
        .update();
  }

  /** The levels of each of the policies, in firing order, in one query. */
  public Map<Long, List<EscalationPolicyView.LevelView>> of(long accountId, List<Long> policyIds) {
    if (policyIds.isEmpty()) {
      return Map.of();
    }
    Map<Long, Map<Integer, LevelBuilder>> levels = new LinkedHashMap<>();
    jdbc.sql(
            """
            select l.policy_id, l.position, l.delay_seconds, t.user_id, t.schedule_id,
                   coalesce(u.name, s.name) as target_name
            from escalation_levels l
            left join escalation_targets t on t.level_id = l.id
            left join users u on u.id = t.user_id
            left join schedules s on s.id = t.schedule_id
            where l.account_id = :account and l.policy_id in (:ids)
            order by l.policy_id, l.position, t.id""")
        .param("account", accountId)
        .param("ids", policyIds)
        .query(
            (ResultSet rs) -> {
              int delaySeconds = rs.getInt("delay_seconds");
              levels
                  .computeIfAbsent(rs.getLong("policy_id"), id -> new LinkedHashMap<>())
                  .computeIfAbsent(
                      rs.getInt("position"), position -> new LevelBuilder(position, delaySeconds))
                  .add(rs);
            });
    Map<Long, List<EscalationPolicyView.LevelView>> views = new LinkedHashMap<>();
    levels.forEach(
        (policyId, byPosition) ->
            views.put(policyId, byPosition.values().stream().map(LevelBuilder::build).toList()));
    return views;
  }

  private static final class LevelBuilder {
    private final int position;
    private final int delaySeconds;
    private final List<EscalationPolicyView.TargetView> targets = new ArrayList<>();

    LevelBuilder(int position, int delaySeconds) {
      this.position = position;
      this.delaySeconds = delaySeconds;
    }

    /** One joined row: a user target, a schedule target, or none (a level without targets). */
    public void add(ResultSet rs) throws SQLException {
      long userId = rs.getLong("user_id");
      if (!rs.wasNull()) {
        targets.add(
            new EscalationPolicyView.TargetView("user", userId, rs.getString("target_name")));
        return;
      }
      long scheduleId = rs.getLong("schedule_id");
      if (!rs.wasNull()) {
        targets.add(
            new EscalationPolicyView.TargetView(
                "schedule", scheduleId, rs.getString("target_name")));
      }
    }

    /**
     * Whole minutes, rounded up: the API cannot express the sub-minute delays that tests and setups
     * write directly, and rounding up keeps what a client reads valid to PUT back.
     */
    public EscalationPolicyView.LevelView build() {
      return new EscalationPolicyView.LevelView(
          position, (delaySeconds + 59) / 60, List.copyOf(targets));
    }
  }
}
