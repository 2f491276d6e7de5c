package dev.vigil.oncall.account;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The operator's own account: where its staff are users (docs/decisions/0030). There is at most
 * one. A self-hosted single-team install marks its own account: it is its own operator.
 */
@Component
public class OperatorAccount {

  private final JdbcClient jdbc;

  public OperatorAccount(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Long> find() {
    return jdbc.sql("select id from accounts where operator").query(Long.class).optional();
  }

  /** The operator's account, else a new one with this name. */
  public long findOrCreate(String name) {
    return find().orElseGet(() -> mark(insert(name)));
  }

  /** The operator's account, else the install's first account (now the operator's), else new. */
  public long findOrAdoptFirst(String name) {
    return find()
        .orElseGet(
            () ->
                mark(
                    jdbc.sql("select id from accounts order by id limit 1")
                        .query(Long.class)
                        .optional()
                        .orElseGet(() -> insert(name))));
  }

  private long insert(String name) {
    return jdbc.sql("insert into accounts (name) values (?) returning id")
        .param(name)
        .query(Long.class)
        .single();
  }

  private long mark(long account) {
    jdbc.sql("update accounts set operator = true where id = ?").param(account).update();
    return account;
  }
}
