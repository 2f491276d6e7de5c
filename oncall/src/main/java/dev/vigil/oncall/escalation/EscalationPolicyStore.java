package dev.vigil.oncall.escalation;

import dev.vigil.oncall.OnCallRefusal;
import dev.vigil.oncall.Paging;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Escalation policies of one account, with their levels and targets. Every statement is scoped by
 * account id.
 *
 * <p>Running incidents never read these rows again: they follow the snapshot taken when they opened
 * (docs/decisions/0002), so a replace may rewrite levels freely.
 */
@Component
public class EscalationPolicyStore {

  private final JdbcClient jdbc;
  private final EscalationLevels levels;
  private final PolicyReferences references;

  EscalationPolicyStore(JdbcClient jdbc, EscalationLevels levels, PolicyReferences references) {
    this.references = references;
    this.jdbc = jdbc;
    this.levels = levels;
  }

  /** The policy, or a refusal naming it as not found. */
  public EscalationPolicyView require(long accountId, long policyId) {
    return find(accountId, policyId)
        .orElseThrow(() -> OnCallRefusal.notFound("Escalation policy " + policyId));
  }

  public Optional<EscalationPolicyView> find(long accountId, long policyId) {
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

  public List<EscalationPolicyView> list(long accountId, String query, Long teamId, Paging page) {
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

  /**
   * @throws dev.vigil.oncall.OnCallRefusal when a target or the team is not the account's
   */
  @Transactional
  public long create(long accountId, PolicyDefinition policy) {
    references.check(accountId, policy);
    long id =
        jdbc.sql(
                "insert into escalation_policies (account_id, name, description, team_id, repeat_count)"
                    + " values (?, ?, ?, ?, ?) returning id")
            .params(
                accountId,
                policy.name(),
                policy.description(),
                policy.teamId(),
                policy.repeatCount())
            .query(Long.class)
            .single();
    levels.insert(accountId, id, policy.levels());
    return id;
  }

  /**
   * Replaces the policy, levels and all; refused if it does not exist. Runs in one transaction: an
   * incident opening meanwhile reads the old levels or the new, never a mix. The update comes first
   * because its row lock makes concurrent replaces of one policy take turns; two interleaved
   * delete-and-insert runs would collide on (policy_id, position).
   */
  @Transactional
  public void replace(long accountId, long policyId, PolicyDefinition policy) {
    require(accountId, policyId);
    references.check(accountId, policy);
    int updated =
        jdbc.sql(
                "update escalation_policies set name = ?, description = ?, team_id = ?, repeat_count = ?"
                    + " where account_id = ? and id = ?")
            .params(
                policy.name(),
                policy.description(),
                policy.teamId(),
                policy.repeatCount(),
                accountId,
                policyId)
            .update();
    if (updated == 0) {
      throw OnCallRefusal.notFound("Escalation policy " + policyId); // deleted since the check
    }
    levels.deleteAll(accountId, policyId);
    levels.insert(accountId, policyId, policy.levels());
  }

  /**
   * Finds the policy and locks its row until the transaction ends. A service that refers to a
   * policy takes a key-share lock on it, so while this is held no service can start using it.
   */
  private boolean lock(long accountId, long policyId) {
    return jdbc.sql("select id from escalation_policies where account_id = ? and id = ? for update")
        .params(accountId, policyId)
        .query(Long.class)
        .optional()
        .isPresent();
  }

  /** Services that page through the policy, described for a 409. */
  private List<String> usages(long accountId, long policyId) {
    return jdbc.sql(
            "select 'service \"' || name || '\"' from services"
                + " where account_id = ? and escalation_policy_id = ? order by name, id")
        .params(accountId, policyId)
        .query(String.class)
        .list();
  }

  /**
   * Refused while services use the policy. Open incidents finish on the policy as it was when they
   * opened.
   */
  @Transactional
  public void delete(long accountId, long policyId) {
    if (!lock(accountId, policyId)) {
      throw OnCallRefusal.notFound("Escalation policy " + policyId);
    }
    List<String> usages = usages(accountId, policyId);
    if (!usages.isEmpty()) {
      throw OnCallRefusal.inUse("Escalation policy " + policyId, usages);
    }
    jdbc.sql("delete from escalation_policies where account_id = ? and id = ?")
        .params(accountId, policyId)
        .update();
  }

  private List<EscalationPolicyView> withLevels(long accountId, List<PolicyRow> policies) {
    Map<Long, List<EscalationPolicyView.LevelView>> byPolicy =
        levels.of(accountId, policies.stream().map(PolicyRow::id).toList());
    return policies.stream()
        .map(
            p ->
                new EscalationPolicyView(
                    p.id(),
                    p.name(),
                    p.description(),
                    p.teamId(),
                    p.repeatCount(),
                    byPolicy.getOrDefault(p.id(), List.of()),
                    p.createdAt()))
        .toList();
  }

  public record PolicyRow(
      long id, String name, String description, Long teamId, int repeatCount, Instant createdAt) {}
}
