package dev.vigil.oncall.access;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * People who log in (password or SSO) rather than present a token: found by their login e-mail,
 * re-read at each request so a changed role, a deleted user or a suspended account applies at once,
 * as it does for tokens.
 */
@Component
public class Logins {

  private final JdbcClient jdbc;

  public Logins(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A person who can log in, with their password hash (null: none chosen yet). */
  public record Login(
      long userId,
      long accountId,
      String email,
      String role,
      String passwordHash,
      boolean suspended) {}

  /** Users whose e-mail this is, in any account; more than one means it cannot name a login. */
  public List<Login> byEmail(String email) {
    return jdbc.sql(SELECT + " where lower(u.email) = lower(?) order by u.id")
        .param(email.strip())
        .query(Logins::login)
        .list();
  }

  /** The user with a password whose login e-mail this is. */
  public Optional<Login> withPassword(String email) {
    return jdbc.sql(SELECT + " where lower(u.email) = lower(?) and u.password_hash is not null")
        .param(email.strip())
        .query(Logins::login)
        .optional();
  }

  public Optional<Login> byUser(long userId) {
    return jdbc.sql(SELECT + " where u.id = ?").param(userId).query(Logins::login).optional();
  }

  private static final String SELECT =
      """
      select u.id, u.account_id, u.email, u.role, u.password_hash,
             a.suspended_at is not null as suspended
      from users u join accounts a on a.id = u.account_id""";

  private static Login login(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new Login(
        rs.getLong("id"),
        rs.getLong("account_id"),
        rs.getString("email"),
        rs.getString("role"),
        rs.getString("password_hash"),
        rs.getBoolean("suspended"));
  }
}
