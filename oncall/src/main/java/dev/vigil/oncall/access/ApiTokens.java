package dev.vigil.oncall.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * API tokens, stored as SHA-256 hashes. Generated tokens carry 256 random bits, for which a fast
 * hash is as safe as a slow one; the plain token is shown once, when it is created.
 */
@Component
public class ApiTokens {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;

  public ApiTokens(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Creates a random token for the account and returns it: the only time it is visible. */
  public String create(long accountId, String name) {
    String token = newToken();
    store(accountId, name, token);
    return token;
  }

  /**
   * Creates a random token that acts as a user, with the user's role at each request (a changed
   * role applies at once), and returns it: the only time it is visible.
   */
  public String createForUser(long accountId, long userId, String name) {
    String token = newToken();
    jdbc.sql("insert into api_tokens (account_id, user_id, name, token_hash) values (?, ?, ?, ?)")
        .params(accountId, userId, name, hash(token))
        .update();
    return token;
  }

  /** Stores a token chosen elsewhere (the bootstrap token). */
  public void store(long accountId, String name, String token) {
    jdbc.sql("insert into api_tokens (account_id, name, token_hash) values (?, ?, ?)")
        .params(accountId, name, hash(token))
        .update();
  }

  /**
   * Stores a token without a user that acts with a role ({@code operator_admin} for the operator's
   * bootstrap token).
   */
  public void store(long accountId, String name, String token, String role) {
    jdbc.sql("insert into api_tokens (account_id, name, token_hash, role) values (?, ?, ?, ?)")
        .params(accountId, name, hash(token), role)
        .update();
  }

  /** Creates a random token without a user that acts with a role, and returns it. */
  public String create(long accountId, String name, String role) {
    String token = newToken();
    store(accountId, name, token, role);
    return token;
  }

  public boolean any() {
    return jdbc.sql("select exists (select 1 from api_tokens)").query(Boolean.class).single();
  }

  /** Whether a token acts for the operator already. */
  public boolean anyOperatorToken() {
    return jdbc.sql(
            """
            select exists (select 1 from api_tokens t left join users u on u.id = t.user_id
                           where coalesce(u.role, t.role) like 'operator\\_%')
            """)
        .query(Boolean.class)
        .single();
  }

  /** Who the token acts as, with whether its account is suspended; empty for an unknown token. */
  public Optional<Holder> authenticate(String token) {
    return jdbc.sql(
            """
            select t.id, t.account_id, t.name, t.user_id,
                   coalesce(u.role, t.role, 'admin') as role, a.suspended_at is not null as suspended
            from api_tokens t
            join accounts a on a.id = t.account_id
            left join users u on u.id = t.user_id
            where t.token_hash = ?
            """)
        .param(hash(token))
        .query(
            (rs, n) ->
                new Holder(
                    rs.getLong("id"),
                    rs.getLong("account_id"),
                    rs.getString("name"),
                    rs.getObject("user_id", Long.class),
                    rs.getString("role"),
                    rs.getBoolean("suspended")))
        .optional();
  }

  /**
   * A token's holder: the user it acts as (null for an account token) and the role it acts with
   * now.
   */
  public record Holder(
      long tokenId, long accountId, String name, Long userId, String role, boolean suspended) {}

  private static String newToken() {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return "vgl_" + HexFormat.of().formatHex(secret);
  }

  /** SHA-256, hex: how tokens and invitation links are stored. */
  public static String hash(String token) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
