package dev.vigil.outbound.delivery;

import dev.vigil.incident.record.IncidentReader;
import dev.vigil.incident.record.TimelineEntry;
import dev.vigil.incident.record.TimelineListener;
import dev.vigil.oncall.webhook.WebhookEventTypes;
import dev.vigil.oncall.webhook.WebhookSubscription;
import dev.vigil.oncall.webhook.WebhookSubscriptions;
import dev.vigil.outbound.delivery.WebhookPayloads.AssigneeRef;
import dev.vigil.outbound.delivery.WebhookPayloads.IncidentSnapshot;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The webhook outbox (docs/decisions/0060), and the only writer of {@code webhook_deliveries}. A
 * timeline entry that is a webhook event becomes one row per subscription that wants it, in the
 * transaction that writes the entry: the event and its deliveries commit together or not at all. A
 * retried activity writes the same entry again and finds its rows there (unique per subscription,
 * incident and entry number), so each event keeps one event id for every attempt. Once committed,
 * each lane's workflow is told ({@link WebhookLanes}); what it is not told, its sweep finds.
 */
@Component
public class WebhookOutbox implements TimelineListener {

  /** A delivery as the API lists it. */
  public record Delivery(
      long id,
      UUID eventId,
      String eventType,
      Long incidentNumber,
      String status,
      int attempts,
      Integer lastStatus,
      String lastError,
      Instant createdAt,
      Instant lastAttemptAt,
      Instant deliveredAt) {}

  /** What an attempt needs. */
  record Outgoing(
      long id, long subscriptionId, UUID eventId, String eventType, String status, String body) {}

  private final JdbcClient jdbc;
  private final WebhookSubscriptions subscriptions;
  private final WebhookPayloads payloads;
  private final IncidentReader incidents;
  private final WebhookSignals signals;

  /**
   * In the application, where the lanes' workflows are (a context without Temporal signals none).
   */
  @Autowired
  WebhookOutbox(
      JdbcClient jdbc,
      WebhookSubscriptions subscriptions,
      @Value("${vigil.public-url:http://localhost:8080}") String publicUrl,
      ObjectProvider<WebhookSignals> signals) {
    this(
        jdbc,
        subscriptions,
        publicUrl,
        (subscription, lane) -> signals.ifAvailable(s -> s.signal(subscription, lane)));
  }

  public WebhookOutbox(
      JdbcClient jdbc,
      WebhookSubscriptions subscriptions,
      String publicUrl,
      WebhookSignals signals) {
    this.jdbc = jdbc;
    this.subscriptions = subscriptions;
    this.payloads = new WebhookPayloads(publicUrl);
    this.incidents = new IncidentReader(jdbc);
    this.signals = signals;
  }

  public static String incidentLane(long incidentId) {
    return "incident-" + incidentId;
  }

  @Override
  public void entryWritten(TimelineEntry entry) {
    if (entry.seq() == null) {
      return; // written outside the workflow: delivery reports and the like, never an event
    }
    Optional<String> type = WebhookEventKinds.eventType(entry.kind());
    if (type.isEmpty()) {
      return;
    }
    Optional<IncidentSnapshot> incident = snapshot(entry.incidentId());
    if (incident.isEmpty()) {
      return;
    }
    List<WebhookSubscription> receiving =
        subscriptions.receiving(entry.accountId(), incident.get().serviceId(), type.get());
    if (receiving.isEmpty() || firstAssignment(entry)) {
      return;
    }
    List<AssigneeRef> assignees =
        incidents.assignees(entry.incidentId()).stream()
            .map(a -> new AssigneeRef(a.id(), a.name()))
            .toList();
    for (WebhookSubscription subscription : receiving) {
      UUID eventId = UUID.randomUUID();
      String body =
          payloads.incidentEvent(
              eventId,
              type.get(),
              entry.at(),
              entry.by(),
              incident.get(),
              assignees,
              entry.message());
      jdbc.sql(
              """
              insert into webhook_deliveries
                (account_id, subscription_id, event_id, event_type, lane, incident_id, seq, body)
              values (?, ?, ?, ?, ?, ?, ?, ?)
              on conflict (subscription_id, incident_id, seq) do nothing""")
          .params(
              entry.accountId(),
              subscription.id(),
              eventId,
              type.get(),
              incidentLane(entry.incidentId()),
              entry.incidentId(),
              entry.seq(),
              body)
          .update();
      afterCommit(subscription.id(), incidentLane(entry.incidentId()));
    }
  }

  /** A ping to a subscription, in a lane of its own; returns its delivery. */
  public Delivery ping(long accountId, long subscriptionId, Instant at) {
    UUID eventId = UUID.randomUUID();
    long id =
        jdbc.sql(
                """
                insert into webhook_deliveries
                  (account_id, subscription_id, event_id, event_type, lane, body)
                values (?, ?, ?, ?, 'ping', ?) returning id""")
            .params(
                accountId,
                subscriptionId,
                eventId,
                WebhookEventTypes.PING,
                payloads.ping(eventId, at))
            .query(Long.class)
            .single();
    String lane = "ping-" + id;
    jdbc.sql("update webhook_deliveries set lane = ? where id = ?").params(lane, id).update();
    afterCommit(subscriptionId, lane);
    return recent(accountId, subscriptionId, 1).get(0);
  }

  /** The subscription's latest deliveries, newest first. */
  public List<Delivery> recent(long accountId, long subscriptionId, int limit) {
    return jdbc.sql(
            """
            select d.id, d.event_id, d.event_type, i.number as incident_number, d.status,
                   d.attempts, d.last_status, d.last_error, d.created_at, d.last_attempt_at,
                   d.delivered_at
              from webhook_deliveries d left join incidents i on i.id = d.incident_id
             where d.account_id = ? and d.subscription_id = ?
             order by d.id desc limit ?""")
        .params(accountId, subscriptionId, limit)
        .query(Delivery.class)
        .list();
  }

  Long nextPending(long subscriptionId, String lane) {
    return jdbc.sql(
            """
            select id from webhook_deliveries
             where subscription_id = ? and lane = ? and status = 'pending'
             order by seq nulls last, id limit 1""")
        .params(subscriptionId, lane)
        .query(Long.class)
        .optional()
        .orElse(null);
  }

  Optional<Outgoing> outgoing(long id) {
    return jdbc.sql(
            "select id, subscription_id, event_id, event_type, status, body"
                + " from webhook_deliveries where id = ?")
        .param(id)
        .query(Outgoing.class)
        .optional();
  }

  void attempted(long id, Integer httpStatus, String error, Instant at) {
    jdbc.sql(
            """
            update webhook_deliveries
               set attempts = attempts + 1, last_status = ?, last_error = ?, last_attempt_at = ?
             where id = ?""")
        .params(httpStatus, error, Timestamp.from(at), id)
        .update();
  }

  void delivered(long id, int httpStatus, Instant at) {
    jdbc.sql(
            """
            update webhook_deliveries
               set attempts = attempts + 1, last_status = ?, last_error = null,
                   last_attempt_at = ?, delivered_at = ?, status = 'delivered'
             where id = ? and status = 'pending'""")
        .params(httpStatus, Timestamp.from(at), Timestamp.from(at), id)
        .update();
  }

  void giveUp(long id, String reason) {
    jdbc.sql(
            """
            update webhook_deliveries
               set status = 'failed',
                   last_error = case when last_error is null or last_error = ? then ?
                                     else ? || ': ' || last_error end
             where id = ? and status = 'pending'""")
        .params(reason, reason, reason, id)
        .update();
  }

  /** Lanes with deliveries older than the given instant still pending. */
  List<WebhookLanes.Lane> pendingSince(Instant before) {
    return jdbc.sql(
            """
            select distinct subscription_id, lane from webhook_deliveries
             where status = 'pending' and created_at < ?""")
        .param(Timestamp.from(before))
        .query(WebhookLanes.Lane.class)
        .list();
  }

  /**
   * PagerDuty sends no escalation for an incident's first assignment: the first {@code escalated}
   * entry of an incident is its first level being assigned.
   */
  private boolean firstAssignment(TimelineEntry entry) {
    if (!entry.kind().equals("escalated")) {
      return false;
    }
    return jdbc.sql(
                "select count(*) from incident_log_entries"
                    + " where incident_id = ? and kind = 'escalated' and seq < ?")
            .params(entry.incidentId(), entry.seq())
            .query(Integer.class)
            .single()
        == 0;
  }

  private Optional<IncidentSnapshot> snapshot(long incidentId) {
    return jdbc.sql(
            """
            select i.number, i.title, i.status, i.urgency, i.priority, i.dedup_key, i.created_at,
                   s.id as service_id, s.name as service_name,
                   p.id as policy_id, p.name as policy_name
              from incidents i join services s on s.id = i.service_id
                   left join escalation_policies p on p.id = s.escalation_policy_id
             where i.id = ?""")
        .param(incidentId)
        .query(IncidentSnapshot.class)
        .optional();
  }

  private void afterCommit(long subscriptionId, String lane) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              signals.signal(subscriptionId, lane);
            }
          });
    } else {
      signals.signal(subscriptionId, lane);
    }
  }
}
