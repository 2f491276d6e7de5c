package dev.vigil.oncall.access;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * One-time links that let a user choose a password (docs/decisions/0031). Stored as SHA-256 hashes
 * like API tokens; a link works once, for {@link #VALID_FOR}.
 */
@Component
public class Invitations {

  public static final Duration VALID_FOR = Duration.ofDays(7);
  public static final int MIN_PASSWORD_LENGTH = 12;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;
  private final ObjectProvider<PasswordEncoder> encoder;

  /**
   * @param encoder the application's password encoder, looked up when a password is set: a context
   *     without logins (workers, tests of other modules) needs none
   */
  public Invitations(JdbcClient jdbc, ObjectProvider<PasswordEncoder> encoder) {
    this.jdbc = jdbc;
    this.encoder = encoder;
  }

  /**
   * A new invitation for the user; returns its secret, the only time it is visible. The link is
   * {@code {public-url}/invitations/{secret}}.
   */
  public String invite(long userId) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = HexFormat.of().formatHex(secret);
    jdbc.sql(
            """
            insert into user_invitations (user_id, token_hash, expires_at)
            values (?, ?, now() + make_interval(secs => ?))""")
        .params(userId, ApiTokens.hash(token), VALID_FOR.toSeconds())
        .update();
    return token;
  }

  /** Whether the link is one that still works. */
  public boolean valid(String token) {
    return pending(token).isPresent();
  }

  public enum Outcome {
    ACCEPTED,
    UNKNOWN_OR_USED,
    TOO_SHORT,
    EMAIL_TAKEN
  }

  /** Sets the invited user's password and uses the link up. */
  @Transactional
  public Outcome accept(String token, String password) {
    Optional<Long> userId = pending(token);
    if (userId.isEmpty()) {
      return Outcome.UNKNOWN_OR_USED;
    }
    if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
      return Outcome.TOO_SHORT;
    }
    try {
      jdbc.sql("update users set password_hash = ? where id = ?")
          .params(encoder.getObject().encode(password), userId.get())
          .update();
    } catch (DuplicateKeyException e) {
      return Outcome.EMAIL_TAKEN; // another login already uses this e-mail
    }
    jdbc.sql("update user_invitations set accepted_at = now() where token_hash = ?")
        .param(ApiTokens.hash(token))
        .update();
    return Outcome.ACCEPTED;
  }

  private Optional<Long> pending(String token) {
    return jdbc.sql(
            """
            select i.user_id from user_invitations i
            join users u on u.id = i.user_id join accounts a on a.id = u.account_id
            where i.token_hash = ? and i.accepted_at is null and i.expires_at > now()
              and a.suspended_at is null""")
        .param(ApiTokens.hash(token == null ? "" : token))
        .query(Long.class)
        .optional();
  }
}
