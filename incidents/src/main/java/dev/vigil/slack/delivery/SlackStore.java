package dev.vigil.slack.delivery;

import dev.vigil.incident.record.TimelineEntry;
import dev.vigil.secret.SecretBox;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Slack's rows: each account's connection (its secrets sealed by the {@link SecretBox}), the
 * channel of each service, the message each incident has, the Slack users matched to Vigil users,
 * and the outbox of timeline entries to show.
 */
@Component
public class SlackStore {

  private final JdbcClient jdbc;
  private final SecretBox secrets;

  public SlackStore(JdbcClient jdbc, SecretBox secrets) {
    this.jdbc = jdbc;
    this.secrets = secrets;
  }

  /** An account's connection as its admin sees it: whether secrets are set, never what they are. */
  public record Connection(
      long accountId, String teamId, Instant updatedAt, String lastError, Instant lastErrorAt) {}

  /** What Vigil needs to talk to Slack for an account; its {@code toString} shows no secret. */
  public record Credentials(long accountId, String teamId, String botToken, String signingSecret) {
    @Override
    public String toString() {
      return "Credentials[account " + accountId + ", team " + teamId + "]";
    }
  }

  public enum Saved {
    SAVED,
    /** Another account connected this workspace. */
    TEAM_TAKEN,
    /** A first connection needs both the bot token and the signing secret. */
    SECRETS_REQUIRED
  }

  public Optional<Connection> connection(long accountId) {
    return jdbc.sql(
            """
            select account_id, team_id, updated_at, last_error, last_error_at
            from slack_connections where account_id = ?""")
        .param(accountId)
        .query(
            (rs, n) ->
                new Connection(
                    rs.getLong("account_id"),
                    rs.getString("team_id"),
                    rs.getTimestamp("updated_at").toInstant(),
                    rs.getString("last_error"),
                    instant(rs.getTimestamp("last_error_at"))))
        .optional();
  }

  public Optional<Credentials> credentials(long accountId) {
    return credentialsWhere("account_id = ?", accountId);
  }

  /** The connection of a Slack workspace, which signs its interactions with its secret. */
  public Optional<Credentials> credentialsOfTeam(String teamId) {
    return credentialsWhere("team_id = ?", teamId);
  }

  private Optional<Credentials> credentialsWhere(String condition, Object value) {
    return jdbc.sql(
            "select account_id, team_id, bot_token_sealed, signing_secret_sealed"
                + " from slack_connections where "
                + condition)
        .param(value)
        .query(
            (rs, n) ->
                new Credentials(
                    rs.getLong("account_id"),
                    rs.getString("team_id"),
                    secrets.open(rs.getString("bot_token_sealed")),
                    secrets.open(rs.getString("signing_secret_sealed"))))
        .optional();
  }

  /**
   * Sets the account's connection. A null secret keeps the one stored; a first connection needs
   * both.
   */
  public Saved save(long accountId, String teamId, String botToken, String signingSecret) {
    boolean taken =
        jdbc.sql("select count(*) from slack_connections where team_id = ? and account_id <> ?")
                .params(teamId, accountId)
                .query(Integer.class)
                .single()
            > 0;
    if (taken) {
      return Saved.TEAM_TAKEN;
    }
    boolean exists = connection(accountId).isPresent();
    if (!exists && (botToken == null || signingSecret == null)) {
      return Saved.SECRETS_REQUIRED;
    }
    if (!exists) {
      int made =
          jdbc.sql(
                  """
                  insert into slack_connections
                      (account_id, team_id, bot_token_sealed, signing_secret_sealed)
                  values (?, ?, ?, ?)
                  on conflict do nothing""")
              .params(accountId, teamId, secrets.seal(botToken), secrets.seal(signingSecret))
              .update();
      return made == 1 ? Saved.SAVED : Saved.TEAM_TAKEN;
    }
    jdbc.sql(
            """
            update slack_connections
            set team_id = ?,
                bot_token_sealed = coalesce(?, bot_token_sealed),
                signing_secret_sealed = coalesce(?, signing_secret_sealed),
                updated_at = now(), last_error = null, last_error_at = null
            where account_id = ?""")
        .params(
            teamId,
            botToken == null ? null : secrets.seal(botToken),
            signingSecret == null ? null : secrets.seal(signingSecret),
            accountId)
        .update();
    return Saved.SAVED;
  }

  public boolean delete(long accountId) {
    return jdbc.sql("delete from slack_connections where account_id = ?").param(accountId).update()
        == 1;
  }

  public void recordError(long accountId, String error) {
    jdbc.sql(
            """
            update slack_connections set last_error = ?, last_error_at = now()
            where account_id = ?""")
        .params(error, accountId)
        .update();
  }

  // --- channels

  public Optional<String> channelOf(long accountId, long serviceId) {
    return jdbc.sql(
            "select channel_id from slack_service_channels where account_id = ? and service_id = ?")
        .params(accountId, serviceId)
        .query(String.class)
        .optional();
  }

  /** The caller has checked that the service is the account's. */
  public void setChannel(long accountId, long serviceId, String channelId) {
    jdbc.sql(
            """
            insert into slack_service_channels (service_id, account_id, channel_id)
            values (?, ?, ?)
            on conflict (service_id)
            do update set channel_id = excluded.channel_id, updated_at = now()""")
        .params(serviceId, accountId, channelId)
        .update();
  }

  public boolean deleteChannel(long accountId, long serviceId) {
    return jdbc.sql("delete from slack_service_channels where account_id = ? and service_id = ?")
            .params(accountId, serviceId)
            .update()
        == 1;
  }

  // --- outbox

  /**
   * Keeps a timeline entry for Slack when its account is connected and its incident's service has a
   * channel, or already has a message there. A repeated numbered entry is kept once.
   *
   * @return whether a row was written
   */
  public boolean enqueue(TimelineEntry entry) {
    return jdbc.sql(
                """
                insert into slack_outbox (account_id, incident_id, seq, kind, message, by_name)
                select i.account_id, i.id, ?, ?, ?, ?
                from incidents i
                join slack_connections c on c.account_id = i.account_id
                where i.id = ? and i.account_id = ?
                  and (exists (select 1 from slack_service_channels s
                               where s.service_id = i.service_id)
                       or exists (select 1 from slack_messages m where m.incident_id = i.id))
                on conflict (incident_id, seq) do nothing""")
            .params(
                entry.seq(),
                entry.kind(),
                entry.message() == null ? "" : entry.message(),
                entry.by() == null ? null : entry.by().describe(),
                entry.incidentId(),
                entry.accountId())
            .update()
        == 1;
  }

  public record OutboxRow(long id, Integer seq, String kind, String message, String by) {}

  public List<OutboxRow> pending(long incidentId) {
    return jdbc.sql(
            """
            select id, seq, kind, message, by_name from slack_outbox
            where incident_id = ? and delivered_at is null and failed_at is null
            order by id""")
        .param(incidentId)
        .query(
            (rs, n) ->
                new OutboxRow(
                    rs.getLong("id"),
                    (Integer) rs.getObject("seq"),
                    rs.getString("kind"),
                    rs.getString("message"),
                    rs.getString("by_name")))
        .list();
  }

  public void delivered(long outboxId) {
    jdbc.sql("update slack_outbox set delivered_at = now() where id = ? and delivered_at is null")
        .param(outboxId)
        .update();
  }

  /** Every entry of the incident still waiting is marked failed, with Slack's reason. */
  public int failPending(long incidentId, String error) {
    return jdbc.sql(
            """
            update slack_outbox set failed_at = now(), error = ?
            where incident_id = ? and delivered_at is null and failed_at is null""")
        .params(error, incidentId)
        .update();
  }

  /** Incidents with entries waiting longer than a delivery takes: their signal may have failed. */
  public List<Long> stalled(Instant before, int limit) {
    return jdbc.sql(
            """
            select incident_id from slack_outbox
            where delivered_at is null and failed_at is null and created_at < ?
            group by incident_id order by min(id) limit ?""")
        .params(Timestamp.from(before), limit)
        .query(Long.class)
        .list();
  }

  /** Entries that failed for an account, for its admin. */
  public int failedCount(long accountId) {
    return jdbc.sql(
            "select count(*) from slack_outbox where account_id = ? and failed_at is not null")
        .param(accountId)
        .query(Integer.class)
        .single();
  }

  // --- messages

  public record Message(String channelId, String ts) {}

  public Optional<Message> message(long incidentId) {
    return jdbc.sql("select channel_id, ts from slack_messages where incident_id = ?")
        .param(incidentId)
        .query((rs, n) -> new Message(rs.getString("channel_id"), rs.getString("ts")))
        .optional();
  }

  public void saveMessage(long accountId, long incidentId, String channelId, String ts) {
    jdbc.sql(
            """
            insert into slack_messages (incident_id, account_id, channel_id, ts)
            values (?, ?, ?, ?)
            on conflict (incident_id) do update set channel_id = excluded.channel_id, ts = excluded.ts""")
        .params(incidentId, accountId, channelId, ts)
        .update();
  }

  /** An incident as its Slack message shows it. {@code by}: who acknowledged or resolved it. */
  public record IncidentCard(
      long accountId,
      long incidentId,
      long number,
      String title,
      String status,
      String urgency,
      String priority,
      long serviceId,
      String serviceName,
      String by) {}

  public Optional<IncidentCard> card(long incidentId) {
    return jdbc.sql(
            """
            select i.account_id, i.id, i.number, i.title, i.status, i.urgency, i.priority,
                   i.service_id, s.name as service_name,
                   (select l.by_name || ' via ' || l.via from incident_log_entries l
                    where l.incident_id = i.id and l.kind = i.status and l.by_name is not null
                    order by l.at desc limit 1) as by
            from incidents i join services s on s.id = i.service_id
            where i.id = ?""")
        .param(incidentId)
        .query(
            (rs, n) ->
                new IncidentCard(
                    rs.getLong("account_id"),
                    rs.getLong("id"),
                    rs.getLong("number"),
                    rs.getString("title"),
                    rs.getString("status"),
                    rs.getString("urgency"),
                    rs.getString("priority"),
                    rs.getLong("service_id"),
                    rs.getString("service_name"),
                    rs.getString("by")))
        .optional();
  }

  // --- people

  public record LinkedUser(long userId, String name) {}

  public Optional<LinkedUser> linkedUser(long accountId, String slackUserId) {
    return jdbc.sql(
            """
            select u.id, u.name from slack_user_links l join users u on u.id = l.user_id
            where l.account_id = ? and l.slack_user_id = ? and u.account_id = l.account_id""")
        .params(accountId, slackUserId)
        .query((rs, n) -> new LinkedUser(rs.getLong("id"), rs.getString("name")))
        .optional();
  }

  /** The account's user with this e-mail (case aside), remembered as this Slack user. */
  public Optional<LinkedUser> linkByEmail(long accountId, String slackUserId, String email) {
    Optional<LinkedUser> user =
        jdbc.sql(
                """
                select id, name from users where account_id = ? and lower(email) = lower(?)
                order by id limit 1""")
            .params(accountId, email)
            .query((rs, n) -> new LinkedUser(rs.getLong("id"), rs.getString("name")))
            .optional();
    user.ifPresent(
        u ->
            jdbc.sql(
                    """
                    insert into slack_user_links (account_id, slack_user_id, user_id)
                    values (?, ?, ?)
                    on conflict (account_id, slack_user_id) do update set user_id = excluded.user_id,
                        linked_at = now()""")
                .params(accountId, slackUserId, u.userId())
                .update());
    return user;
  }

  private static Instant instant(Timestamp at) {
    return at == null ? null : at.toInstant();
  }
}
