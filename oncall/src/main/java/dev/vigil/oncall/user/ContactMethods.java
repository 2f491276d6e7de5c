package dev.vigil.oncall.user;

import dev.vigil.oncall.OnCallRefusal;
import dev.vigil.oncall.account.AccountStore;
import dev.vigil.oncall.address.EmailAddresses;
import dev.vigil.oncall.address.PhoneNumbers;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's phones and email addresses. Phone numbers are stored in E.164, read in the account's
 * home country when typed without a country code; a method that rules use cannot be removed. A
 * method is paged only once verified (decision 0058): one added through the API starts unverified.
 */
@Component
public class ContactMethods {

  private static final String COLUMNS =
      "id, kind, address, label, created_at, verified_at, verified_how";

  private final JdbcClient jdbc;
  private final UserStore users;
  private final AccountStore accounts;

  ContactMethods(JdbcClient jdbc, UserStore users, AccountStore accounts) {
    this.jdbc = jdbc;
    this.users = users;
    this.accounts = accounts;
  }

  /**
   * @param kind "phone" or "email"
   * @param label "" when none
   * @param verifiedAt null while unverified: the method is not paged
   * @param verifiedHow "code", "admin: reason", "setup", "user email" or "upgrade"; null while
   *     unverified
   */
  public record ContactMethod(
      long id,
      String kind,
      String address,
      String label,
      Instant createdAt,
      Instant verifiedAt,
      String verifiedHow) {

    public boolean verified() {
      return verifiedAt != null;
    }
  }

  public List<ContactMethod> list(long accountId, long userId) {
    users.require(accountId, userId);
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from contact_methods where account_id = ? and user_id = ? order by id")
        .params(accountId, userId)
        .query(ContactMethod.class)
        .list();
  }

  /** The user's method; another user's or account's id is not found. */
  public ContactMethod require(long accountId, long userId, long id) {
    users.require(accountId, userId);
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from contact_methods where account_id = ? and user_id = ? and id = ?")
        .params(accountId, userId, id)
        .query(ContactMethod.class)
        .optional()
        .orElseThrow(() -> OnCallRefusal.notFound("Contact method " + id));
  }

  /**
   * Marks the method verified and drops its pending code; one verified already keeps its record.
   *
   * @param how "code", "admin: reason" or "setup"
   */
  @Transactional
  public ContactMethod markVerified(long accountId, long userId, long id, String how) {
    require(accountId, userId, id);
    jdbc.sql(
            """
            update contact_methods set verified_at = now(), verified_how = ?
            where account_id = ? and id = ? and verified_at is null""")
        .params(how, accountId, id)
        .update();
    jdbc.sql("delete from contact_method_codes where contact_method_id = ?").param(id).update();
    return require(accountId, userId, id);
  }

  /**
   * A new method, unverified: it is not paged until verified.
   *
   * @param kind "phone" or "email" (checked by the caller)
   * @param label null for none
   */
  @Transactional
  public ContactMethod add(long accountId, long userId, String kind, String address, String label) {
    users.require(accountId, userId);
    String normalized = normalized(accountId, kind, address);
    boolean exists =
        jdbc.sql(
                "select exists (select 1 from contact_methods where user_id = ? and kind = ? and address = ?)")
            .params(userId, kind, normalized)
            .query(Boolean.class)
            .single();
    if (exists) {
      throw OnCallRefusal.conflict("The user already has " + kind + " " + normalized);
    }
    return jdbc.sql(
            "insert into contact_methods (account_id, user_id, kind, address, label)"
                + " values (?, ?, ?, ?, ?) returning "
                + COLUMNS)
        .params(accountId, userId, kind, normalized, label == null ? "" : label)
        .query(ContactMethod.class)
        .single();
  }

  @Transactional
  public void remove(long accountId, long userId, long id) {
    require(accountId, userId, id);
    List<String> rules =
        jdbc.sql(
                "select 'notification rule ' || id || ' (' || urgency || ' urgency, ' || channel || ' after '"
                    + " || delay_minutes || ' min)' from notification_rules where contact_method_id = ? order by id")
            .param(id)
            .query(String.class)
            .list();
    if (!rules.isEmpty()) {
      throw OnCallRefusal.inUse("Contact method " + id, rules);
    }
    jdbc.sql("delete from contact_methods where id = ?").param(id).update();
  }

  private String normalized(long accountId, String kind, String address) {
    if ("email".equals(kind)) {
      if (!EmailAddresses.isValid(address)) {
        throw OnCallRefusal.invalid("address", "is not an email address");
      }
      return address.strip();
    }
    return PhoneNumbers.normalize(address, accounts.homeCountry(accountId))
        .orElseThrow(
            () ->
                OnCallRefusal.invalid(
                    "address", "is not a valid phone number (use E.164, e.g. +14155550100)"));
  }
}
