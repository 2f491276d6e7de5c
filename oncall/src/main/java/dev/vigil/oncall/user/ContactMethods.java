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
 * home country when typed without a country code; a method that rules use cannot be removed.
 */
@Component
public class ContactMethods {

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
   */
  public record ContactMethod(
      long id, String kind, String address, String label, Instant createdAt) {}

  public List<ContactMethod> list(long accountId, long userId) {
    users.require(accountId, userId);
    return jdbc.sql(
            "select id, kind, address, label, created_at from contact_methods"
                + " where account_id = ? and user_id = ? order by id")
        .params(accountId, userId)
        .query(ContactMethod.class)
        .list();
  }

  /**
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
            """
            insert into contact_methods (account_id, user_id, kind, address, label) values (?, ?, ?, ?, ?)
            returning id, kind, address, label, created_at""")
        .params(accountId, userId, kind, normalized, label == null ? "" : label)
        .query(ContactMethod.class)
        .single();
  }

  @Transactional
  public void remove(long accountId, long userId, long id) {
    users.require(accountId, userId);
    boolean found =
        jdbc.sql(
                "select exists (select 1 from contact_methods where account_id = ? and user_id = ? and id = ?)")
            .params(accountId, userId, id)
            .query(Boolean.class)
            .single();
    if (!found) {
      throw OnCallRefusal.notFound("Contact method " + id);
    }
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
