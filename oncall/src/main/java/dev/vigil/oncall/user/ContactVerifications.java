package dev.vigil.oncall.user;

import dev.vigil.oncall.OnCallRefusal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Codes that prove a contact method reaches its owner (decision 0058): six digits sent over the
 * method itself, stored only as their SHA-256, valid ten minutes and five wrong tries, at most one
 * a minute per method. The right code marks the method verified ("code").
 */
@Component
public class ContactVerifications {

  static final Duration VALID_FOR = Duration.ofMinutes(10);
  static final Duration RESEND_AFTER = Duration.ofSeconds(60);
  static final int MAX_ATTEMPTS = 5;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;
  private final ContactMethods methods;

  ContactVerifications(JdbcClient jdbc, ContactMethods methods) {
    this.jdbc = jdbc;
    this.methods = methods;
  }

  /** A code to send over the method, and the method to send it to. */
  public record Issued(ContactMethods.ContactMethod method, String code) {}

  /**
   * A new code for the method, replacing any pending one. Refused as a conflict when the method is
   * verified already or a code went out less than a minute ago. The caller sends the code and
   * forgets it.
   */
  @Transactional
  public Issued issue(long accountId, long userId, long id) {
    ContactMethods.ContactMethod method = methods.require(accountId, userId, id);
    if (method.verified()) {
      throw OnCallRefusal.conflict("Contact method " + id + " is verified already");
    }
    // The method's row lock orders two requests for the same method.
    jdbc.sql("select id from contact_methods where id = ? for update")
        .param(id)
        .query(Long.class)
        .single();
    Optional<Long> secondsSince =
        jdbc.sql(
                "select floor(extract(epoch from now() - sent_at))::bigint"
                    + " from contact_method_codes where contact_method_id = ?")
            .param(id)
            .query(Long.class)
            .optional();
    if (secondsSince.isPresent() && secondsSince.get() < RESEND_AFTER.toSeconds()) {
      throw OnCallRefusal.conflict(
          "A code was sent to contact method "
              + id
              + " less than a minute ago; request another in "
              + (RESEND_AFTER.toSeconds() - secondsSince.get())
              + " s");
    }
    String code = "%06d".formatted(RANDOM.nextInt(1_000_000));
    jdbc.sql(
            """
            insert into contact_method_codes (contact_method_id, account_id, code_hash, attempts, sent_at,
                                              expires_at)
            values (?, ?, ?, 0, now(), now() + make_interval(secs => ?))
            on conflict (contact_method_id) do update
                set code_hash = excluded.code_hash, attempts = 0, sent_at = excluded.sent_at,
                    expires_at = excluded.expires_at""")
        .params(id, accountId, sha256(code), VALID_FOR.toSeconds())
        .update();
    return new Issued(method, code);
  }

  /** The code could not be sent: it is void, and the next request is not held back. */
  @Transactional
  public void withdraw(long accountId, long id) {
    jdbc.sql("delete from contact_method_codes where account_id = ? and contact_method_id = ?")
        .params(accountId, id)
        .update();
  }

  /**
   * Verifies the method when the code is its pending one. A wrong code counts against the five
   * tries and is refused as invalid {@code code}, like an expired, spent or missing one.
   *
   * <p>Not transactional: a wrong try must stay counted when the refusal is thrown.
   */
  public ContactMethods.ContactMethod confirm(long accountId, long userId, long id, String code) {
    ContactMethods.ContactMethod method = methods.require(accountId, userId, id);
    if (method.verified()) {
      return method;
    }
    // One statement decides and counts, so concurrent tries cannot exceed the limit.
    Optional<Boolean> matched =
        jdbc.sql(
                """
                update contact_method_codes set attempts = attempts + 1
                where contact_method_id = ? and account_id = ? and expires_at > now() and attempts < ?
                returning code_hash = ?""")
            .params(id, accountId, MAX_ATTEMPTS, sha256(code == null ? "" : code.strip()))
            .query(Boolean.class)
            .optional();
    if (matched.isEmpty()) {
      throw OnCallRefusal.invalid(
          "code", "is expired or used up: request a new code for contact method " + id);
    }
    if (!matched.get()) {
      throw OnCallRefusal.invalid("code", "is not the code sent to contact method " + id);
    }
    return methods.markVerified(accountId, userId, id, "code");
  }

  private static String sha256(String code) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
