package dev.vigil.oncall.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Accounts as the operator manages them: created, listed, suspended and reactivated. */
@Component
public class ManagedAccounts {

  private final JdbcClient jdbc;

  public ManagedAccounts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record AccountRow(
      long id,
      String name,
      String homeCountry,
      String billingCurrency,
      String timeZone,
      boolean operator,
      Instant suspendedAt,
      Instant createdAt) {}

  public long create(String name, String homeCountry, String billingCurrency, String timeZone) {
    return jdbc.sql(
            """
            insert into accounts (name, home_country, billing_currency, time_zone)
            values (?, ?, ?, ?) returning id""")
        .params(name, homeCountry, billingCurrency, timeZone)
        .query(Long.class)
        .single();
  }

  public List<AccountRow> list(int limit, int offset) {
    return jdbc.sql(SELECT + " order by id limit ? offset ?")
        .params(limit, offset)
        .query(AccountRow.class)
        .list();
  }

  /** The newest first: what an operator's desk shows, where the latest sign-ups matter most. */
  public List<AccountRow> newest(int limit) {
    return jdbc.sql(SELECT + " order by id desc limit ?")
        .params(limit)
        .query(AccountRow.class)
        .list();
  }

  public Optional<AccountRow> find(long id) {
    return jdbc.sql(SELECT + " where id = ?").param(id).query(AccountRow.class).optional();
  }

  /** Suspends a tenant account; the operator's own account is never suspended. */
  public boolean suspend(long id) {
    return jdbc.sql(
                "update accounts set suspended_at = coalesce(suspended_at, now())"
                    + " where id = ? and not operator")
            .param(id)
            .update()
        == 1;
  }

  public void reactivate(long id) {
    jdbc.sql("update accounts set suspended_at = null where id = ?").param(id).update();
  }

  private static final String SELECT =
      """
      select id, name, trim(home_country) as home_country, trim(billing_currency) as billing_currency,
             time_zone, operator, suspended_at, created_at
      from accounts""";
}
