package dev.vigil.oncall.service;

import dev.vigil.oncall.OnCallRefusal;
import dev.vigil.oncall.Paging;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Services of one account and their integration keys. Every statement is scoped by account id. */
@Component
public class ServiceStore {

  private static final String COLUMNS =
      "id, name, description, team_id, escalation_policy_id, urgency_rule, ack_timeout_seconds,"
          + " auto_resolve_timeout_seconds, created_at";

  private final JdbcClient jdbc;
  private final IntegrationKeyStore keys;

  ServiceStore(JdbcClient jdbc, IntegrationKeyStore keys) {
    this.jdbc = jdbc;
    this.keys = keys;
  }

  public Optional<ServiceView> find(long accountId, long serviceId) {
    return withKeys(
            accountId,
            jdbc.sql(
                    "select "
                        + COLUMNS
                        + " from services where account_id = ? and id = ? and archived_at is null")
                .params(accountId, serviceId)
                .query(ServiceRow.class)
                .list())
        .stream()
        .findFirst();
  }

  public List<ServiceView> list(long accountId, String query, Long teamId, Paging page) {
    return withKeys(
        accountId,
        jdbc.sql(
                """
                select id, name, description, team_id, escalation_policy_id, urgency_rule,
                       ack_timeout_seconds, auto_resolve_timeout_seconds, created_at
                from services
                where account_id = :account and archived_at is null
                  and (cast(:query as text) is null or name ilike '%' || :query || '%')
                  and (cast(:team as bigint) is null or team_id = :team)
                order by name, id limit :limit offset :offset""")
            .param("account", accountId)
            .param("query", query)
            .param("team", teamId)
            .param("limit", page.fetch())
            .param("offset", page.offset())
            .query(ServiceRow.class)
            .list());
  }

  /**
   * Whether the account has this escalation policy. The row is locked for key share until the
   * transaction ends, so it cannot be deleted between this check and the write that refers to it.
   */
  private boolean policyExists(long accountId, long policyId) {
    return jdbc.sql(
            "select id from escalation_policies where account_id = ? and id = ? for key share")
        .params(accountId, policyId)
        .query(Long.class)
        .optional()
        .isPresent();
  }

  /** Whether the account has this team; locked like {@link #policyExists}. */
  private boolean teamExists(long accountId, long teamId) {
    return jdbc.sql("select id from teams where account_id = ? and id = ? for key share")
        .params(accountId, teamId)
        .query(Long.class)
        .optional()
        .isPresent();
  }

  /**
   * What an incident of the service follows: its urgency rule, escalation policy and timers
   * (seconds; null for off). Archived services are found too: their open incidents finish.
   */
  public record PagingSettings(
      long id,
      String name,
      String urgencyRule,
      long policyId,
      Integer ackTimeoutSeconds,
      Integer autoResolveTimeoutSeconds) {}

  public Optional<PagingSettings> pagingSettings(long accountId, long serviceId) {
    return jdbc.sql(
            "select id, name, urgency_rule, escalation_policy_id as policy_id, ack_timeout_seconds,"
                + " auto_resolve_timeout_seconds from services"
                + " where id = ? and account_id = ?")
        .params(serviceId, accountId)
        .query(PagingSettings.class)
        .optional();
  }

  /** How the service groups alerts into incidents; empty for a service not of the account. */
  public Optional<AlertGrouping> alertGrouping(long accountId, long serviceId) {
    return jdbc.sql(
            "select alert_grouping, alert_grouping_window_seconds, alert_grouping_fields"
                + " from services where account_id = ? and id = ?")
        .params(accountId, serviceId)
        .query(
            (rs, n) -> {
              Integer seconds = (Integer) rs.getObject(2);
              java.sql.Array fields = rs.getArray(3);
              return new AlertGrouping(
                  rs.getString(1),
                  seconds == null ? null : seconds / 60,
                  fields == null ? null : List.of((String[]) fields.getArray()));
            })
        .optional();
  }

  /**
   * Replaces how the service groups alerts; refused, naming the fields, when it is not valid.
   * Incidents already open keep the alerts they have; the next alert is grouped the new way.
   */
  public void setAlertGrouping(long accountId, long serviceId, AlertGrouping grouping) {
    List<String> problems = grouping.problems();
    if (!problems.isEmpty()) {
      throw OnCallRefusal.invalid(problems);
    }
    boolean fieldsUsed = grouping.type().equals(AlertGrouping.CONTENT);
    int updated =
        jdbc.sql(
                "update services set alert_grouping = ?, alert_grouping_window_seconds = ?,"
                    + " alert_grouping_fields = ?::text[]"
                    + " where account_id = ? and id = ? and archived_at is null")
            .params(
                grouping.type(),
                grouping.windowSeconds(),
                fieldsUsed ? "{" + quoted(grouping.fields()) + "}" : null,
                accountId,
                serviceId)
            .update();
    if (updated == 0) {
      throw OnCallRefusal.notFound("Service " + serviceId);
    }
  }

  /** A PostgreSQL array literal's elements, each quoted. */
  private static String quoted(List<String> values) {
    return String.join(
        ",",
        values.stream()
            .map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
            .toList());
  }

  /** The service, or a refusal naming it as not found. */
  public ServiceView require(long accountId, long serviceId) {
    return find(accountId, serviceId)
        .orElseThrow(() -> OnCallRefusal.notFound("Service " + serviceId));
  }

  /** A foreign or unknown reference inside a body is the client's mistake: invalid, not absent. */
  private void checkReferences(long accountId, ServiceRequest service) {
    List<String> errors = new ArrayList<>();
    if (service.teamId() != null && !teamExists(accountId, service.teamId())) {
      errors.add("'team_id' is not a team of this account");
    }
    if (!policyExists(accountId, service.escalationPolicyId())) {
      errors.add("'escalation_policy_id' is not an escalation policy of this account");
    }
    if (!errors.isEmpty()) {
      throw OnCallRefusal.invalid(errors);
    }
  }

  /** A service is born with one integration key, so it can receive events at once. */
  @Transactional
  public long create(long accountId, ServiceRequest service) {
    return create(accountId, service, RoutingKeys.random());
  }

  /** The same, born with the given key. */
  @Transactional
  public long create(long accountId, ServiceRequest service, String routingKey) {
    checkReferences(accountId, service);
    long id =
        jdbc.sql(
                """
                insert into services (account_id, name, description, team_id, escalation_policy_id,
                                      urgency_rule, ack_timeout_seconds, auto_resolve_timeout_seconds)
                values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
            .params(
                accountId,
                service.name(),
                service.descriptionOrEmpty(),
                service.teamId(),
                service.escalationPolicyId(),
                service.urgencyRuleOrDefault(),
                service.ackTimeoutSeconds(),
                service.autoResolveTimeoutSeconds())
            .query(Long.class)
            .single();
    keys.add(accountId, id, routingKey);
    return id;
  }

  /** Sets the service's timers, in seconds; null turns one off. */
  public void setTimeouts(
      long accountId, long serviceId, Integer ackTimeoutSeconds, Integer autoResolveSeconds) {
    jdbc.sql(
            "update services set ack_timeout_seconds = ?, auto_resolve_timeout_seconds = ?"
                + " where account_id = ? and id = ?")
        .params(ackTimeoutSeconds, autoResolveSeconds, accountId, serviceId)
        .update();
  }

  /** Integration keys are kept; open incidents keep the escalation policy they opened with. */
  @Transactional
  public void update(long accountId, long serviceId, ServiceRequest service) {
    require(accountId, serviceId);
    checkReferences(accountId, service);
    boolean updated =
        jdbc.sql(
                    """
                update services set name = ?, description = ?, team_id = ?, escalation_policy_id = ?,
                                    urgency_rule = ?, ack_timeout_seconds = ?, auto_resolve_timeout_seconds = ?
                where account_id = ? and id = ?""")
                .params(
                    service.name(),
                    service.descriptionOrEmpty(),
                    service.teamId(),
                    service.escalationPolicyId(),
                    service.urgencyRuleOrDefault(),
                    service.ackTimeoutSeconds(),
                    service.autoResolveTimeoutSeconds(),
                    accountId,
                    serviceId)
                .update()
            > 0;
    if (!updated) {
      throw OnCallRefusal.notFound("Service " + serviceId); // deleted since the check
    }
  }

  /**
   * Finds the service and locks its row until the transaction ends. Recording an incident takes a
   * key-share lock on its service's row, so while this is held no incident can open on it: the
   * incident check and the delete that follows are one decision.
   */
  private boolean lock(long accountId, long serviceId) {
    return jdbc.sql(
            "select id from services where account_id = ? and id = ? and archived_at is null"
                + " for update")
        .params(accountId, serviceId)
        .query(Long.class)
        .optional()
        .isPresent();
  }

  private List<Long> openIncidentNumbers(long accountId, long serviceId) {
    return jdbc.sql(
            "select number from incidents where account_id = ? and service_id = ?"
                + " and status in ('triggered', 'acknowledged') order by number")
        .params(accountId, serviceId)
        .query(Long.class)
        .list();
  }

  private int pastIncidentCount(long accountId, long serviceId) {
    return jdbc.sql(
            "select count(*) from incidents where account_id = ? and service_id = ? and status = 'resolved'")
        .params(accountId, serviceId)
        .query(Integer.class)
        .single();
  }

  /**
   * Archives a service that has history: it keeps its incidents, retires its integration keys (the
   * Events API refuses them from then on), and lets go of its team and policy.
   */
  private void archive(long accountId, long serviceId) {
    jdbc.sql(
            """
            update integration_keys set retired_at = now()
            where account_id = ? and service_id = ? and retired_at is null
            """)
        .params(accountId, serviceId)
        .update();
    jdbc.sql(
            """
            update services set archived_at = now(), team_id = null, escalation_policy_id = null
            where account_id = ? and id = ?
            """)
        .params(accountId, serviceId)
        .update();
  }

  /**
   * Its integration keys go with it (on delete cascade): events for it are refused from then on.
   */
  /**
   * Refused while the service has open incidents. A service with past incidents is archived
   * instead: deleting incidents would take their notification log (the usage billing rates, and the
   * record of who was paged) with them. Archived, it leaves lists, its keys are retired, its
   * incidents stay readable.
   */
  @Transactional
  public void delete(long accountId, long serviceId) {
    if (!lock(accountId, serviceId)) {
      throw OnCallRefusal.notFound("Service " + serviceId);
    }
    List<String> open =
        openIncidentNumbers(accountId, serviceId).stream()
            .map(number -> "incident #" + number)
            .toList();
    if (!open.isEmpty()) {
      throw OnCallRefusal.inUse("Service " + serviceId, open);
    }
    if (pastIncidentCount(accountId, serviceId) > 0) {
      archive(accountId, serviceId);
    } else {
      deleteRow(accountId, serviceId);
    }
  }

  /** Another random key for the service. */
  @Transactional
  public ServiceView.IntegrationKeyView addKey(long accountId, long serviceId) {
    // Locked so the service cannot be deleted between this check and the insert.
    if (!lock(accountId, serviceId)) {
      throw OnCallRefusal.notFound("Service " + serviceId);
    }
    return keys.add(accountId, serviceId);
  }

  /** The Events API refuses the key from then on; retiring it again is a no-op. */
  public void retireKey(long accountId, long serviceId, long keyId) {
    if (!keys.retire(accountId, serviceId, keyId)) {
      throw OnCallRefusal.notFound("Integration key " + keyId + " of service " + serviceId);
    }
  }

  private void deleteRow(long accountId, long serviceId) {
    jdbc.sql("delete from services where account_id = ? and id = ?")
        .params(accountId, serviceId)
        .update();
  }

  private List<ServiceView> withKeys(long accountId, List<ServiceRow> services) {
    Map<Long, List<ServiceView.IntegrationKeyView>> active =
        keys.active(accountId, services.stream().map(ServiceRow::id).toList());
    return services.stream()
        .map(
            s ->
                new ServiceView(
                    s.id(),
                    s.name(),
                    s.description(),
                    s.teamId(),
                    s.escalationPolicyId(),
                    s.urgencyRule(),
                    minutes(s.ackTimeoutSeconds()),
                    minutes(s.autoResolveTimeoutSeconds()),
                    active.getOrDefault(s.id(), List.of()),
                    s.createdAt()))
        .toList();
  }

  /** Rounded up, so what a client reads is valid to PUT back (seconds written directly exist). */
  private static Integer minutes(Integer seconds) {
    return seconds == null ? null : (seconds + 59) / 60;
  }

  public record ServiceRow(
      long id,
      String name,
      String description,
      Long teamId,
      long escalationPolicyId,
      String urgencyRule,
      Integer ackTimeoutSeconds,
      Integer autoResolveTimeoutSeconds,
      Instant createdAt) {}
}
