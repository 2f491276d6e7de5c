package dev.vigil.oncall.team;

import dev.vigil.oncall.OnCallRefusal;
import dev.vigil.oncall.Paging;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Teams of one account and their members. Every statement is scoped by account id. */
@Component
public class TeamStore {

  private final JdbcClient jdbc;

  TeamStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Team> find(long accountId, long teamId) {
    return jdbc.sql(
            "select id, name, description, created_at from teams where account_id = ? and id = ?")
        .params(accountId, teamId)
        .query(Team.class)
        .optional();
  }

  /** The team, or a refusal naming it as not found. */
  public Team require(long accountId, long teamId) {
    return find(accountId, teamId).orElseThrow(() -> OnCallRefusal.notFound("Team " + teamId));
  }

  /**
   * Finds the team and locks its row until the transaction ends. Rows that reference a team (a
   * service, policy or schedule) take a key-share lock on it, so while this is held nothing can
   * start using the team: a usage check and the delete that follows it are one decision.
   */
  private boolean lock(long accountId, long teamId) {
    return jdbc.sql("select id from teams where account_id = ? and id = ? for update")
        .params(accountId, teamId)
        .query(Long.class)
        .optional()
        .isPresent();
  }

  public List<Team> list(long accountId, String query, Paging page) {
    return jdbc.sql(
            """
            select id, name, description, created_at from teams
            where account_id = :account
              and (cast(:query as text) is null or name ilike '%' || :query || '%')
            order by name, id limit :limit offset :offset""")
        .param("account", accountId)
        .param("query", query)
        .param("limit", page.fetch())
        .param("offset", page.offset())
        .query(Team.class)
        .list();
  }

  public long create(long accountId, TeamDetails team) {
    try {
      return jdbc.sql(
              "insert into teams (account_id, name, description) values (?, ?, ?) returning id")
          .params(accountId, team.name(), team.descriptionOrEmpty())
          .query(Long.class)
          .single();
    } catch (DuplicateKeyException e) {
      throw nameTaken(team);
    }
  }

  @Transactional
  public void update(long accountId, long teamId, TeamDetails team) {
    require(accountId, teamId);
    try {
      jdbc.sql("update teams set name = ?, description = ? where account_id = ? and id = ?")
          .params(team.name(), team.descriptionOrEmpty(), accountId, teamId)
          .update();
    } catch (DuplicateKeyException e) {
      throw nameTaken(team);
    }
  }

  /**
   * Names are unique per account (teams_account_id_name_key). The index decides rather than a prior
   * check, so two concurrent requests cannot both pass.
   */
  private static OnCallRefusal nameTaken(TeamDetails team) {
    return OnCallRefusal.conflict("Another team of this account is named " + team.name());
  }

  /**
   * Members go with the team (team_members cascades); what belongs to it must be moved first.
   * Refused rather than unassigning them: a service silently leaving its team would also leave that
   * team's view of what it owns, which nobody asked for.
   */
  @Transactional
  public void delete(long accountId, long teamId) {
    if (!lock(accountId, teamId)) {
      throw OnCallRefusal.notFound("Team " + teamId);
    }
    List<String> usages = usages(accountId, teamId);
    if (!usages.isEmpty()) {
      throw OnCallRefusal.inUse("Team " + teamId, usages);
    }
    jdbc.sql("delete from teams where account_id = ? and id = ?")
        .params(accountId, teamId)
        .update();
  }

  /** What belongs to the team, described for a 409 a person can act on. */
  private List<String> usages(long accountId, long teamId) {
    return jdbc.sql(
            """
            select 'service "' || name || '"' from services
            where account_id = :account and team_id = :team
            union all
            select 'escalation policy "' || name || '"' from escalation_policies
            where account_id = :account and team_id = :team
            union all
            select 'schedule "' || name || '"' from schedules
            where account_id = :account and team_id = :team""")
        .param("account", accountId)
        .param("team", teamId)
        .query(String.class)
        .list();
  }

  public List<Team.Member> members(long accountId, long teamId, Paging page) {
    return jdbc.sql(
            """
            select u.id, u.name, u.email, u.role from team_members m join users u on u.id = m.user_id
            where m.account_id = ? and m.team_id = ?
            order by u.name, u.id limit ? offset ?""")
        .params(accountId, teamId, page.fetch(), page.offset())
        .query(Team.Member.class)
        .list();
  }

  private void requireUser(long accountId, long userId) {
    if (!userExists(accountId, userId)) {
      throw OnCallRefusal.notFound("User " + userId);
    }
  }

  private boolean userExists(long accountId, long userId) {
    return jdbc.sql("select exists (select 1 from users where account_id = ? and id = ?)")
        .params(accountId, userId)
        .query(Boolean.class)
        .single();
  }

  /** Adding a member twice leaves one membership: the primary key absorbs the repeat. */
  @Transactional
  public void addMember(long accountId, long teamId, long userId) {
    require(accountId, teamId);
    requireUser(accountId, userId);
    jdbc.sql(
            "insert into team_members (account_id, team_id, user_id) values (?, ?, ?) on conflict do nothing")
        .params(accountId, teamId, userId)
        .update();
  }

  /** Removing a user who is not a member is a no-op; an unknown user is refused. */
  @Transactional
  public void removeMember(long accountId, long teamId, long userId) {
    require(accountId, teamId);
    requireUser(accountId, userId);
    jdbc.sql("delete from team_members where account_id = ? and team_id = ? and user_id = ?")
        .params(accountId, teamId, userId)
        .update();
  }
}
