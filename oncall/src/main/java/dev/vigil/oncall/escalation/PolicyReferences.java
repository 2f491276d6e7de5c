package dev.vigil.oncall.escalation;

import dev.vigil.oncall.OnCallRefusal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Checks that everything a policy names (its team, the users and schedules it pages) belongs to the
 * caller's account, and answers 400 naming each field at fault with its index.
 *
 * <p>The rows found are locked for key share until the transaction ends, so a user or schedule
 * cannot be deleted between this check and the insert that refers to it (which would otherwise
 * surface as a foreign-key error and a 500).
 */
@Component
class PolicyReferences {

  private final JdbcClient jdbc;

  PolicyReferences(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void check(long accountId, PolicyDefinition policy) {
    List<String> errors = new ArrayList<>();
    if (policy.teamId() != null
        && existing(accountId, "teams", List.of(policy.teamId())).isEmpty()) {
      errors.add("'team_id' is not a team of this account");
    }
    Set<Long> users = existing(accountId, "users", ids(policy, true));
    Set<Long> schedules = existing(accountId, "schedules", ids(policy, false));
    for (int i = 0; i < policy.levels().size(); i++) {
      List<PolicyTarget> targets = policy.levels().get(i).targets();
      Set<String> seen = new HashSet<>();
      for (int j = 0; j < targets.size(); j++) {
        PolicyTarget target = targets.get(j);
        boolean user = target.type() == PolicyTarget.Type.USER;
        String field = "levels[" + i + "].targets[" + j + "]";
        if (!seen.add(target.type() + "/" + target.id())) {
          errors.add("'" + field + "' repeats a target of the same level");
        } else if (user && !users.contains(target.id())) {
          errors.add("'" + field + ".id' is not a user of this account");
        } else if (!user && !schedules.contains(target.id())) {
          errors.add("'" + field + ".id' is not a schedule of this account");
        }
      }
    }
    if (!errors.isEmpty()) {
      throw OnCallRefusal.invalid(errors);
    }
  }

  private static List<Long> ids(PolicyDefinition policy, boolean users) {
    return policy.levels().stream()
        .flatMap(level -> level.targets().stream())
        .filter(target -> (target.type() == PolicyTarget.Type.USER) == users)
        .map(PolicyTarget::id)
        .distinct()
        .toList();
  }

  /**
   * Which of the ids are rows of the account's table; {@code table} is one of ours, never input.
   */
  private Set<Long> existing(long accountId, String table, List<Long> ids) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    return Set.copyOf(
        jdbc.sql(
                "select id from "
                    + table
                    + " where account_id = :account and id in (:ids) for key share")
            .param("account", accountId)
            .param("ids", ids)
            .query(Long.class)
            .list());
  }
}
