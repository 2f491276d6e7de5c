package dev.vigil.operator;

import dev.vigil.billing.problem.BillingProblem;
import dev.vigil.billing.problem.OperatorAlarm;
import dev.vigil.incident.AlertStore;
import dev.vigil.incident.IncidentEvents;
import dev.vigil.incident.IncidentKey;
import dev.vigil.incident.Responder;
import dev.vigil.oncall.OnCallSetup;
import dev.vigil.oncall.OnCallSetup.LevelSpec;
import dev.vigil.oncall.service.RoutingKeys;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Billing problems page the operator (docs/decisions/0044): each is an incident on the operator
 * account's own service "Vigil billing", triggered and resolved through the same incident path as
 * any Events API event (its dedup key names the problem). The service and its policy (the
 * operator's staff, all at once) are made the first time a problem needs them, and can be changed
 * like any other service of the operator's.
 */
@Component
class OperatorBillingAlarm implements OperatorAlarm {

  static final String SERVICE_NAME = "Vigil billing";
  static final String CLIENT = "Vigil billing";

  private final OperatorAccount operator;
  private final OnCallSetup setup;
  private final IncidentEvents incidents;
  private final JdbcClient jdbc;
  private final TransactionTemplate tx;

  OperatorBillingAlarm(
      OperatorAccount operator,
      OnCallSetup setup,
      IncidentEvents incidents,
      JdbcClient jdbc,
      TransactionTemplate tx) {
    this.operator = operator;
    this.setup = setup;
    this.incidents = incidents;
    this.jdbc = jdbc;
    this.tx = tx;
  }

  @Override
  public void raise(BillingProblem problem) {
    String account =
        jdbc.sql("select name from accounts where id = :id")
            .param("id", problem.accountId())
            .query(String.class)
            .single();
    String summary =
        "Billing of "
            + account
            + " is held up"
            + (problem.invoiceId() == null ? "" : " (invoice " + problem.invoiceId() + ")")
            + ": "
            + problem.step();
    incidents.trigger(
        key(problem),
        new AlertStore.NewAlert(
            UUID.randomUUID(),
            summary.length() > 1024 ? summary.substring(0, 1024) : summary,
            "vigil-billing",
            "error",
            "billing",
            "account-" + problem.accountId(),
            problem.step(),
            """
            {"account_id": %d, "invoice_id": %s, "step": "%s", "problem_id": %d}"""
                .formatted(
                    problem.accountId(),
                    problem.invoiceId() == null ? "null" : problem.invoiceId().toString(),
                    problem.step(),
                    problem.id()),
            CLIENT,
            null,
            null,
            null,
            null,
            Instant.now()));
  }

  @Override
  public void clear(BillingProblem problem) {
    incidents.resolve(key(problem), Responder.integration(CLIENT));
  }

  private IncidentKey key(BillingProblem problem) {
    long account =
        operator.find().orElseThrow(() -> new IllegalStateException("no operator account to page"));
    return new IncidentKey(account, service(account), problem.incidentKey());
  }

  /** The operator's billing service, made with its policy the first time it is needed. */
  private long service(long operatorAccount) {
    return tx.execute(
        s -> {
          // One maker at a time: two problems at once make one service.
          jdbc.sql("select id from accounts where id = :id for update")
              .param("id", operatorAccount)
              .query(Long.class)
              .single();
          return jdbc.sql(
                  """
                  select id from services
                  where account_id = :account and name = :name and archived_at is null
                  order by id limit 1
                  """)
              .param("account", operatorAccount)
              .param("name", SERVICE_NAME)
              .query(Long.class)
              .optional()
              .orElseGet(() -> create(operatorAccount));
        });
  }

  private long create(long operatorAccount) {
    List<Long> staff =
        jdbc.sql(
                """
                select id from users
                where account_id = :account and role in ('operator_admin', 'operator_accountant')
                order by id
                """)
            .param("account", operatorAccount)
            .query(Long.class)
            .list();
    if (staff.isEmpty()) {
      throw new IllegalStateException("the operator account has no staff to page");
    }
    long policy =
        setup.createPolicy(
            operatorAccount, "Vigil billing problems", 2, List.of(new LevelSpec(900, staff)));
    return setup.createService(operatorAccount, SERVICE_NAME, policy, "high", RoutingKeys.random());
  }
}
