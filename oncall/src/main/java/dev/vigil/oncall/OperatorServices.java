package dev.vigil.oncall;

import dev.vigil.oncall.OnCallSetup.LevelSpec;
import dev.vigil.oncall.service.RoutingKeys;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The operator account's own services, through which Vigil pages the people who run it (billing
 * problems, docs/decisions/0044). Each is made with its policy, paging the operator's staff all at
 * once, the first time it is needed, and can then be changed like any other service.
 */
@Component
public class OperatorServices {

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final OnCallSetup setup;

  OperatorServices(JdbcClient jdbc, TransactionTemplate tx, OnCallSetup setup) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.setup = setup;
  }

  /** An account's name, as a page about it says it. */
  public String accountName(long accountId) {
    return jdbc.sql("select name from accounts where id = :id")
        .param("id", accountId)
        .query(String.class)
        .single();
  }

  /** The operator's service of this name, made with its policy the first time it is needed. */
  public long serviceNamed(long operatorAccount, String name, String policyName) {
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
              .param("name", name)
              .query(Long.class)
              .optional()
              .orElseGet(() -> create(operatorAccount, name, policyName));
        });
  }

  private long create(long operatorAccount, String name, String policyName) {
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
        setup.createPolicy(operatorAccount, policyName, 2, List.of(new LevelSpec(900, staff)));
    return setup.createService(operatorAccount, name, policy, "high", RoutingKeys.random());
  }
}
