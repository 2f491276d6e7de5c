package dev.vigil.notification.twilio;

import dev.vigil.incident.record.IncidentTimeline;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies Twilio's status callbacks to the notification log. The notification row is locked while a
 * report is applied, and a report only moves its status forward, so the same report twice (Twilio
 * retries, a replayed request) changes the row once and writes one timeline entry.
 */
@Component
public class DeliveryReports {

  private static final Logger log = LoggerFactory.getLogger(DeliveryReports.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final IncidentTimeline timeline;

  public DeliveryReports(JdbcClient jdbc, TransactionTemplate tx, IncidentTimeline timeline) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.timeline = timeline;
  }

  /** True when the report changed something. */
  public boolean apply(Map<String, String> form) {
    boolean call = form.containsKey("CallSid");
    String sid = call ? form.get("CallSid") : form.get("MessageSid");
    String reported = call ? form.get("CallStatus") : form.get("MessageStatus");
    if (sid == null || reported == null) {
      return false;
    }
    DeliveryStatus status = DeliveryStatus.of(reported);
    return Boolean.TRUE.equals(
        tx.execute(tx -> applyLocked(sid, form.get("AccountSid"), status, form, call)));
  }

  private boolean applyLocked(
      String sid,
      String accountSid,
      DeliveryStatus status,
      Map<String, String> form,
      boolean call) {
    Optional<Row> found =
        jdbc.sql(
                """
                select n.id, n.account_id, n.incident_id, n.channel, n.status, n.delivery_status,
                       coalesce(u.name, 'a deleted user') as user_name
                from notifications n left join users u on u.id = n.user_id
                where n.provider_message_id = ? and (n.provider_account is null or n.provider_account = ?)
                for update of n""")
            .params(sid, accountSid)
            .query(Row.class)
            .optional();
    if (found.isEmpty()) {
      log.info("Status callback for a message Vigil does not know: {} {}", sid, status.name());
      return false;
    }
    Row row = found.get();
    if (status.stage() <= DeliveryStatus.stageOf(row.deliveryStatus())) {
      return false; // already there or further along: a repeat or a late report
    }
    jdbc.sql(
            """
            update notifications
            set delivery_status = ?, delivery_error = coalesce(?, delivery_error), status = ?,
                delivery_updated_at = now(), segments = coalesce(?, segments),
                call_duration_seconds = coalesce(?, call_duration_seconds)
            where id = ?""")
        .params(
            status.name(),
            blankToNull(form.get("ErrorCode")),
            status.notificationStatus(row.status()),
            integer(form.get("NumSegments")),
            call ? integer(form.get("CallDuration")) : null,
            row.id())
        .update();
    // A verification code or test page (no incident) has no timeline to tell.
    if (status.outcome() == DeliveryStatus.Outcome.FAILED && row.incidentId() != null) {
      String error = blankToNull(form.get("ErrorCode"));
      timeline.appendUnnumbered(
          row.accountId(),
          row.incidentId(),
          Instant.now(),
          "notification_undelivered",
          label(row.channel())
              + " to "
              + row.userName()
              + " failed: "
              + status.name()
              + (error == null ? "" : " (Twilio error " + error + ")"));
    }
    log.info("Notification {} is {} ({})", row.id(), status.name(), sid);
    return true;
  }

  private static String label(String channel) {
    return channel.equals("voice") ? "Call" : channel.equals("sms") ? "SMS" : "Email";
  }

  private static Integer integer(String value) {
    try {
      return value == null || value.isBlank() ? null : Integer.valueOf(value.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  record Row(
      long id,
      long accountId,
      Long incidentId,
      String channel,
      String status,
      String deliveryStatus,
      String userName) {}
}
