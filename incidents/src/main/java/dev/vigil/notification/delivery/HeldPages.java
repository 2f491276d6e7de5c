package dev.vigil.notification.delivery;

import dev.vigil.incident.record.IncidentTimeline;
import dev.vigil.notification.Channel;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Pages the budget held (status {@code held}), waiting for a message to carry them: the next page
 * the budget allows to that person on that channel, or a digest. Carrying and dropping lock the
 * waiting rows ({@code for update skip locked}), so each held page is carried by one message only.
 * A held page of an incident that is no longer triggered is dropped, never sent.
 */
@Component
class HeldPages {

  /** A carrier not sent after this long was abandoned (its workflow gave up): release its pages. */
  static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);

  private final JdbcClient jdbc;
  private final IncidentTimeline timeline;

  HeldPages(JdbcClient jdbc, IncidentTimeline timeline) {
    this.jdbc = jdbc;
    this.timeline = timeline;
  }

  /**
   * Releases this person's waiting pages whose incidents were acknowledged or resolved meanwhile,
   * each with a timeline entry. Returns how many.
   */
  int dropSettled(long userId, Channel channel, Instant at) {
    List<Dropped> dropped =
        jdbc.sql(
                """
                with waiting as (
                    select n.id from notifications n join incidents i on i.id = n.incident_id
                    where n.user_id = ? and n.channel = ? and n.status = 'held'
                      and n.released_at is null and i.status <> 'triggered'
                    for update of n skip locked
                )
                update notifications n set released_at = ?
                from waiting w, incidents i, users u
                where n.id = w.id and i.id = n.incident_id and u.id = n.user_id
                returning n.account_id, n.incident_id, i.status as incident_status, u.name as user_name""")
            .params(userId, channel.wireName(), Timestamp.from(at))
            .query(Dropped.class)
            .list();
    for (Dropped page : dropped) {
      timeline.appendUnnumbered(
          page.accountId(),
          page.incidentId(),
          at,
          "notification_dropped",
          "Held "
              + channel.label()
              + " to "
              + page.userName()
              + " dropped: the incident was "
              + page.incidentStatus()
              + " before a message could carry it");
    }
    return dropped.size();
  }

  /**
   * Marks the person's waiting pages of triggered incidents as carried by {@code carrierId}, and
   * returns every page it carries (those of an earlier attempt at the same carrier too), oldest
   * incident first.
   */
  List<Carried> carry(long carrierId, long userId, Channel channel, Instant at) {
    dropSettled(userId, channel, at);
    jdbc.sql(
            """
            with waiting as (
                select n.id from notifications n join incidents i on i.id = n.incident_id
                where n.user_id = ? and n.channel = ? and n.status = 'held'
                  and n.released_at is null and i.status = 'triggered'
                for update of n skip locked
            )
            update notifications n set released_at = ?, bundled_into = ?
            from waiting w where n.id = w.id""")
        .params(userId, channel.wireName(), Timestamp.from(at), carrierId)
        .update();
    return carriedBy(carrierId);
  }

  List<Carried> carriedBy(long carrierId) {
    return jdbc.sql(
            """
            select n.id as notification_id, n.account_id, n.incident_id, i.number, i.title, i.urgency,
                   s.name as service_name
            from notifications n
            join incidents i on i.id = n.incident_id
            join services s on s.id = i.service_id
            where n.bundled_into = ? and n.status = 'held'
            order by i.number, n.id""")
        .param(carrierId)
        .query(
            (rs, n) ->
                new Carried(
                    rs.getLong("notification_id"),
                    rs.getLong("account_id"),
                    rs.getLong("incident_id"),
                    new MessageComposer.PageContext(
                        rs.getLong("number"),
                        rs.getString("title"),
                        rs.getString("urgency"),
                        rs.getString("service_name"))))
        .list();
  }

  /** The carrier failed: its pages wait again for the next message. */
  void release(long carrierId) {
    jdbc.sql(
            """
            update notifications set released_at = null, bundled_into = null
            where bundled_into = ? and status = 'held'""")
        .param(carrierId)
        .update();
  }

  /**
   * Pages carried by a message that was never sent and nobody retries any more (a worker died and
   * its workflow went on) wait again. Returns how many.
   */
  int releaseAbandoned(Instant now) {
    return jdbc.sql(
            """
            update notifications h set released_at = null, bundled_into = null
            from notifications c
            where h.bundled_into = c.id and h.status = 'held'
              and c.sent_at is null and c.admitted_at < ?""")
        .param(Timestamp.from(now.minus(ABANDONED_AFTER)))
        .update();
  }

  /** Each carried page's incident says that its held page went out, and how. */
  void noteSent(List<Carried> carried, String userName, Channel channel, String how, Instant at) {
    for (Carried page : carried) {
      timeline.appendUnnumbered(
          page.accountId(),
          page.incidentId(),
          at,
          "notification_bundled",
          "Held " + channel.label() + " to " + userName + " went out, " + how);
    }
  }

  /** Who has pages waiting, per channel. */
  List<Waiting> waiting() {
    return jdbc.sql(
            """
            select distinct user_id, channel from notifications
            where status = 'held' and released_at is null""")
        .query(
            (rs, n) ->
                new Waiting(
                    rs.getLong("user_id"),
                    Channel.valueOf(rs.getString("channel").toUpperCase(java.util.Locale.ROOT))))
        .list();
  }

  /** The incidents a message lists besides its own: one line each, the message's own left out. */
  static List<MessageComposer.PageContext> others(List<Carried> carried, long ownIncidentNumber) {
    Map<Long, MessageComposer.PageContext> byNumber = new LinkedHashMap<>();
    for (Carried page : carried) {
      if (page.page().incidentNumber() != ownIncidentNumber) {
        byNumber.putIfAbsent(page.page().incidentNumber(), page.page());
      }
    }
    return List.copyOf(byNumber.values());
  }

  /** A held page carried by a message. */
  record Carried(
      long notificationId, long accountId, long incidentId, MessageComposer.PageContext page) {}

  record Waiting(long userId, Channel channel) {}

  record Dropped(long accountId, long incidentId, String incidentStatus, String userName) {}
}
