package dev.vigil.oncall.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
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
   * Marks the token used now: at most once a minute per token, so a busy client costs no write per
   * request (docs/decisions/0068).
   */
  public void used(long tokenId) {
    jdbc.sql(
            """
            update api_tokens set last_used_at = now()
            where id = ? and (last_used_at is null or last_used_at < now() - interval '1 minute')""")
        .param(tokenId)
        .update();
  }

  /**
   * A token as its account's admins see it: never its secret, which is not kept.
   *
   * @param userId the user it acts as, null for an account token
   * @param role the role it acts with now
   */
  public record Listed(
      long id,
      String name,
      Long userId,
      String userName,
      String role,
      Instant createdAt,
      Instant lastUsedAt) {}

  /** The account's tokens, newest first; tokens acting as the operator's staff are not its. */
  public List<Listed> list(long accountId) {
    return jdbc.sql(
            """
            select t.id, t.name, t.user_id, u.name as user_name,
                   coalesce(u.role, t.role, 'admin') as role, t.created_at, t.last_used_at
            from api_tokens t left join users u on u.id = t.user_id
            where t.account_id = ? and coalesce(u.role, t.role, 'admin') not like 'operator\\_%'
            order by t.created_at desc, t.id desc""")
        .param(accountId)
        .query(
            (rs, n) ->
                new Listed(
                    rs.getLong("id"),
                    rs.getString("name"),
                    rs.getObject("user_id", Long.class),
                    rs.getString("user_name"),
                    rs.getString("role"),
                    rs.getTimestamp("created_at").toInstant(),
                    rs.getTimestamp("last_used_at") == null
                        ? null
                        : rs.getTimestamp("last_used_at").toInstant()))
        .list();
  }

  /**
   * Revokes one of the account's tokens: the next request with it is refused. Answers whether there
   * was such a token (tokens acting as the operator's staff are not the account's to revoke).
   */
  public boolean revoke(long accountId, long tokenId) {
    return jdbc.sql(
                """
                delete from api_tokens t
                where t.account_id = ? and t.id = ?
                  and coalesce((select u.role from users u where u.id = t.user_id), t.role, 'admin')
                      not like 'operator\\_%'""")
            .params(accountId, tokenId)
            .update()
        > 0;
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
