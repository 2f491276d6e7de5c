package dev.vigil.oncall.account;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The accounts on-call configuration belongs to: created by the bootstrap and the demo seed, read
 * for the home country that phone numbers typed without a country code are read in.
 */
@Component
public class AccountStore {

  private final JdbcClient jdbc;

  AccountStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * @param homeCountry ISO 3166-1 alpha-2
   * @param timeZone an IANA zone name
   */
  public long create(String name, String homeCountry, String timeZone) {
    return jdbc.sql(
            "insert into accounts (name, home_country, time_zone) values (?, ?, ?) returning id")
        .params(name, homeCountry, timeZone)
        .query(Long.class)
        .single();
  }

  /** The install's first account, if any. */
  public Optional<Long> first() {
    return jdbc.sql("select id from accounts order by id limit 1").query(Long.class).optional();
  }

  public boolean exists(String name) {
    return jdbc.sql("select exists (select 1 from accounts where name = ?)")
        .param(name)
        .query(Boolean.class)
        .single();
  }

  /** ISO 3166-1 alpha-2. */
  public String homeCountry(long accountId) {
    return jdbc.sql("select home_country from accounts where id = ?")
        .param(accountId)
        .query(String.class)
        .single();
  }
}
