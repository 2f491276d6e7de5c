package dev.vigil.oncall.user;

import dev.vigil.oncall.OnCallRefusal;
import dev.vigil.oncall.Paging;
import dev.vigil.oncall.TimeZones;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Users of one account. Every statement is scoped by account id. */
@Component
public class UserStore {

  private final JdbcClient jdbc;

  UserStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<UserRow> find(long accountId, long userId) {
    return jdbc.sql(
            "select id, name, email, role, time_zone, created_at from users where account_id = ? and id = ?")
        .params(accountId, userId)
        .query(UserRow.class)
        .optional();
  }

  /** The user, or a refusal naming them as not found. */
  public UserRow require(long accountId, long userId) {
    return find(accountId, userId).orElseThrow(() -> OnCallRefusal.notFound("User " + userId));
  }

  public List<UserRow> list(long accountId, String query, Long teamId, Paging page) {
    return jdbc.sql(
            """
            select u.id, u.name, u.email, u.role, u.time_zone, u.created_at from users u
            where u.account_id = :account
              and (cast(:query as text) is null
                   or u.name ilike '%' || :query || '%' or u.email ilike '%' || :query || '%')
              and (cast(:team as bigint) is null
                   or exists (select 1 from team_members m where m.team_id = :team and m.user_id = u.id))
            order by u.name, u.id limit :limit offset :offset""")
        .param("account", accountId)
        .param("query", query)
        .param("team", teamId)
        .param("limit", page.fetch())
        .param("offset", page.offset())
        .query(UserRow.class)
        .list();
  }

  private void check(long accountId, UserRequest user, Long userId) {
    if (user.timeZone() != null && !TimeZones.isValid(user.timeZone())) {
      throw OnCallRefusal.invalid("time_zone", "is not an IANA time zone (e.g. Europe/Paris)");
    }
    if (emailTaken(accountId, user.email(), userId)) {
      throw OnCallRefusal.conflict("Another user of this account has email " + user.email());
    }
  }

  private boolean emailTaken(long accountId, String email, Long exceptUserId) {
    return jdbc.sql(
            "select exists (select 1 from users where account_id = ? and lower(email) = lower(?) and id <> ?)")
        .params(accountId, email, exceptUserId == null ? -1L : exceptUserId)
        .query(Boolean.class)
        .single();
  }

  /** A new user is reachable at once: their email address is their first contact method. */
  /**
   * Creates a user, reachable from the start: the email address is the first contact method.
   *
   * @throws OnCallRefusal when the time zone is not an IANA zone or the email is another user's
   */
  @Transactional
  public long create(long accountId, UserRequest user) {
    check(accountId, user, null);
    long userId =
        jdbc.sql(
                "insert into users (account_id, name, email, role, time_zone) values (?, ?, ?, ?, ?)"
                    + " returning id")
            .params(
                accountId,
                user.name(),
                user.email(),
                user.roleOrDefault(),
                user.timeZoneOrDefault())
            .query(Long.class)
            .single();
    jdbc.sql(
            "insert into contact_methods (account_id, user_id, kind, address, label, verified_at,"
                + " verified_how) values (?, ?, 'email', ?, 'default', now(), 'user email')")
        .params(accountId, userId, user.email())
        .update();
    return userId;
  }

  @Transactional
  public void update(long accountId, long userId, UserRequest user) {
    require(accountId, userId);
    check(accountId, user, userId);
    jdbc.sql(
            "update users set name = ?, email = ?, role = ?, time_zone = ? where account_id = ? and id = ?")
        .params(
            user.name(),
            user.email(),
            user.roleOrDefault(),
            user.timeZoneOrDefault(),
            accountId,
            userId)
        .update();
  }

  /** Refused while an escalation policy or a schedule pages them; past notifications stay. */
  @Transactional
  public void delete(long accountId, long userId) {
    require(accountId, userId);
    List<String> usages = usages(accountId, userId);
    if (!usages.isEmpty()) {
      throw OnCallRefusal.inUse("User " + userId, usages);
    }
    jdbc.sql("delete from users where account_id = ? and id = ?")
        .params(accountId, userId)
        .update();
  }

  /**
   * What would break if the user went away: escalation levels that page them and schedules they
   * take turns on. Described for a 409 a person can act on.
   */
  private List<String> usages(long accountId, long userId) {
    return jdbc
        .sql(
            """
            select 'escalation policy "' || p.name || '" level ' || l.position
            from escalation_targets t
            join escalation_levels l on l.id = t.level_id
            join escalation_policies p on p.id = l.policy_id
            where t.account_id = :account and t.user_id = :user
            union all
            select 'schedule "' || s.name || '" layer "' || sl.name || '"'
            from schedule_layer_members m
            join schedule_layers sl on sl.id = m.layer_id
            join schedules s on s.id = sl.schedule_id
            where m.account_id = :account and m.user_id = :user
            union all
            select 'schedule "' || s.name || '" override from ' || o.start_at
            from schedule_overrides o join schedules s on s.id = o.schedule_id
            where o.account_id = :account and o.user_id = :user and o.end_at > now()""")
        .param("account", accountId)
        .param("user", userId)
        .query(String.class)
        .list()
        .stream()
        .distinct()
        .toList();
  }

  public record UserRow(
      long id, String name, String email, String role, String timeZone, Instant createdAt) {}
}
