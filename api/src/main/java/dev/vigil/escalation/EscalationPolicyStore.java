package dev.vigil.escalation;

import dev.vigil.web.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Escalation policies of one account, with their levels and targets. Every statement is scoped by
 * account id.
 *
 * <p>Running incidents never read these rows again: they follow the snapshot taken when they opened
 * (docs/decisions/0002), so a replace may rewrite levels freely.
 */
@Component
class EscalationPolicyStore {

  private final JdbcClient jdbc;

  EscalationPolicyStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<EscalationPolicyView> find(long accountId, long policyId) {
    return withLevels(
            accountId,
            jdbc.sql(
                    "select id, name, description, team_id, repeat_count, created_at"
                        + " from escalation_policies where account_id = ? and id = ?")
                .params(accountId, policyId)
                .query(PolicyRow.class)
                .list())
        .stream()
        .findFirst();
  }

  List<EscalationPolicyView> list(
      long accountId, String query, Long teamId, Page.PageRequest page) {
    return withLevels(
        accountId,
        jdbc.sql(
                """
                select id, name, description, team_id, repeat_count, created_at
                from escalation_policies
                where account_id = :account
                  and (cast(:query as text) is null or name ilike '%' || :query || '%')
                  and (cast(:team as bigint) is null or team_id = :team)
                order by name, id limit :limit offset :offset""")
            .param("account", accountId)
            .param("query", query)
            .param("team", teamId)
            .param("limit", page.fetch())
            .param("offset", page.offset())
            .query(PolicyRow.class)
            .list());
  }

  long create(long accountId, EscalationPolicyRequest policy) {
    long id =
        jdbc.sql(
                "insert into escalation_policies (account_id, name, description, team_id, repeat_count)"
                    + " values (?, ?, ?, ?, ?) returning id")
            .params(
                accountId,
                policy.name(),
                policy.descriptionOrEmpty(),
                policy.teamId(),
                policy.repeatCountOrZero())
            .query(Long.class)
            .single();
    insertLevels(accountId, id, policy.levels());
    return id;
  }

  /**
   * Replaces the policy with the request, levels and all; false if it does not exist. Must run in
   * one transaction: an incident opening meanwhile reads the old levels or the new, never a mix.
   * The update comes first because its row lock makes concurrent replaces of one policy take turns;
   * two interleaved delete-and-insert runs would collide on (policy_id, position).
   */
  boolean replace(long accountId, long policyId, EscalationPolicyRequest policy) {
    int updated =
        jdbc.sql(
                "update escalation_policies set name = ?, description = ?, team_id = ?, repeat_count = ?"
                    + " where account_id = ? and id = ?")
            .params(
                policy.name(),
                policy.descriptionOrEmpty(),
                policy.teamId(),
                policy.repeatCountOrZero(),
                accountId,
                policyId)
            .update();
    if (updated == 0) {
      return false;
    }
    // Targets go with their levels (on delete cascade); nothing else refers to a level's id.
    jdbc.sql("delete from escalation_levels where account_id = ? and policy_id = ?")
        .params(accountId, policyId)
        .update();
    insertLevels(accountId, policyId, policy.levels());
    return true;
  }

  private void insertLevels(
      long accountId, long policyId, List<EscalationPolicyRequest.LevelRequest> levels) {
    int position = 1;
    for (EscalationPolicyRequest.LevelRequest level : levels) {
      long levelId =
          jdbc.sql(
                  "insert into escalation_levels (account_id, policy_id, position, delay_seconds)"
                      + " values (?, ?, ?, ?) returning id")
              .params(accountId, policyId, position++, level.delaySeconds())
              .query(Long.class)
              .single();
      for (EscalationPolicyRequest.TargetRequest target : level.targets()) {
        jdbc.sql(
                "insert into escalation_targets (account_id, level_id, user_id, schedule_id)"
                    + " values (?, ?, ?, ?)")
            .params(
                accountId,
                levelId,
                target.isUser() ? target.id() : null,
                target.isUser() ? null : target.id())
            .update();
      }
    }
  }

  /**
   * Finds the policy and locks its row until the transaction ends. A service that refers to a
   * policy takes a key-share lock on it, so while this is held no service can start using it.
   */
  boolean lock(long accountId, long policyId) {
    return jdbc.sql("select id from escalation_policies where account_id = ? and id = ? for update")
        .params(accountId, policyId)
        .query(Long.class)
        .optional()
        .isPresent();
  }

  /** Services that page through the policy, described for a 409. */
  List<String> usages(long accountId, long policyId) {
    return jdbc.sql(
            "select 'service \"' || name || '\"' from services"
                + " where account_id = ? and escalation_policy_id = ? order by name, id")
        .params(accountId, policyId)
        .query(String.class)
        .list();
  }

  void delete(long accountId, long policyId) {
    jdbc.sql("delete from escalation_policies where account_id = ? and id = ?")
        .params(accountId, policyId)
        .update();
  }

  /** Reads the levels of all the given policies in one query, in firing order. */
  private List<EscalationPolicyView> withLevels(long accountId, List<PolicyRow> policies) {
    if (policies.isEmpty()) {
      return List.of();
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
        .param("ids", policies.stream().map(PolicyRow::id).toList())
        .query(
            (ResultSet rs) -> {
              LevelBuilder level =
                  levels
                      .computeIfAbsent(rs.getLong("policy_id"), id -> new LinkedHashMap<>())
                      .computeIfAbsent(
                          rs.getInt("position"),
                          position -> new LevelBuilder(position, delaySeconds(rs)));
              level.add(rs);
            });
    return policies.stream()
        .map(
            p ->
                new EscalationPolicyView(
                    p.id(),
                    p.name(),
                    p.description(),
                    p.teamId(),
                    p.repeatCount(),
                    levels.getOrDefault(p.id(), Map.of()).values().stream()
                        .map(LevelBuilder::build)
                        .toList(),
                    p.createdAt()))
        .toList();
  }

  private static int delaySeconds(ResultSet rs) {
    try {
      return rs.getInt("delay_seconds");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  record PolicyRow(
      long id, String name, String description, Long teamId, int repeatCount, Instant createdAt) {}

  private static final class LevelBuilder {
    private final int position;
    private final int delaySeconds;
    private final List<EscalationPolicyView.TargetView> targets = new ArrayList<>();

    LevelBuilder(int position, int delaySeconds) {
      this.position = position;
      this.delaySeconds = delaySeconds;
    }

    void add(ResultSet rs) throws SQLException {
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
    EscalationPolicyView.LevelView build() {
      return new EscalationPolicyView.LevelView(
          position, (delaySeconds + 59) / 60, List.copyOf(targets));
    }
  }
}
