package dev.vigil.escalation;

import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads an escalation policy, levels in order, as an incident will follow it. */
@Component
public class PolicySnapshots {

  private final JdbcClient jdbc;

  public PolicySnapshots(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional // not read-only: PostgreSQL refuses FOR SHARE in a read-only transaction
  public PolicySnapshot snapshot(long accountId, long policyId) {
    PolicyRow policy =
        // "for share" waits for a replace in progress, which updates this row first: the name,
        // repeat count and levels read below are then all from the same version of the policy.
        jdbc.sql(
                "select id, name, repeat_count from escalation_policies where id = ? and account_id = ?"
                    + " for share")
            .params(policyId, accountId)
            .query(PolicyRow.class)
            .optional()
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "escalation policy " + policyId + " does not exist", "UnknownPolicy"));
    Map<Long, LevelRow> levels = new LinkedHashMap<>();
    jdbc.sql(
            """
            select l.id as level_id, l.delay_seconds, t.user_id, t.schedule_id
            from escalation_levels l
            left join escalation_targets t on t.level_id = l.id
            where l.policy_id = ? and l.account_id = ?
            order by l.position, t.id""")
        .params(policyId, accountId)
        .query(
            (rs, n) -> {
              LevelRow level =
                  levels.computeIfAbsent(
                      rs.getLong("level_id"), id -> new LevelRow(rsInt(rs), new ArrayList<>()));
              long userId = rs.getLong("user_id");
              if (!rs.wasNull()) {
                level.targets().add(EscalationTarget.user(userId));
              }
              long scheduleId = rs.getLong("schedule_id");
              if (!rs.wasNull()) {
                level.targets().add(EscalationTarget.schedule(scheduleId));
              }
              return level;
            })
        .list();
    List<PolicySnapshot.Level> snapshotLevels =
        levels.values().stream()
            .map(l -> new PolicySnapshot.Level(l.delaySeconds(), List.copyOf(l.targets())))
            .toList();
    return new PolicySnapshot(policy.id(), policy.name(), policy.repeatCount(), snapshotLevels);
  }

  private static int rsInt(java.sql.ResultSet rs) {
    try {
      return rs.getInt("delay_seconds");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  record PolicyRow(long id, String name, int repeatCount) {}

  record LevelRow(int delaySeconds, List<EscalationTarget> targets) {}
}
