package dev.vigil.oncall.escalation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads an escalation policy, levels in order, as an incident will follow it. */
@Component
public class StoredPolicies {

  private final JdbcClient jdbc;

  StoredPolicies(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A policy with its levels in order, each with its targets in the order they were given. */
  public record StoredPolicy(long id, String name, int repeatCount, List<Level> levels) {}

  public record Level(int delaySeconds, List<PolicyTarget> targets) {}

  /** Empty when the account has no such policy. */
  @Transactional // not read-only: PostgreSQL refuses FOR SHARE in a read-only transaction
  public Optional<StoredPolicy> find(long accountId, long policyId) {
    // "for share" waits for a replace in progress, which updates this row first: the name,
    // repeat count and levels read below are then all from the same version of the policy.
    Optional<PolicyRow> policy =
        jdbc.sql(
                "select id, name, repeat_count from escalation_policies where id = ? and account_id = ?"
                    + " for share")
            .params(policyId, accountId)
            .query(PolicyRow.class)
            .optional();
    if (policy.isEmpty()) {
      return Optional.empty();
    }
    Map<Long, Level> levels = new LinkedHashMap<>();
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
              Level level =
                  levels.computeIfAbsent(
                      rs.getLong("level_id"), id -> new Level(delaySeconds(rs), new ArrayList<>()));
              long userId = rs.getLong("user_id");
              if (!rs.wasNull()) {
                level.targets().add(PolicyTarget.user(userId));
              }
              long scheduleId = rs.getLong("schedule_id");
              if (!rs.wasNull()) {
                level.targets().add(PolicyTarget.schedule(scheduleId));
              }
              return level;
            })
        .list();
    List<Level> inOrder =
        levels.values().stream()
            .map(l -> new Level(l.delaySeconds(), List.copyOf(l.targets())))
            .toList();
    PolicyRow row = policy.get();
    return Optional.of(new StoredPolicy(row.id(), row.name(), row.repeatCount(), inOrder));
  }

  private static int delaySeconds(ResultSet rs) {
    try {
      return rs.getInt("delay_seconds");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public record PolicyRow(long id, String name, int repeatCount) {}
}
