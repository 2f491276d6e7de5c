package dev.vigil.incident.record;

import dev.vigil.incident.IncidentKey;
import dev.vigil.oncall.service.AlertGrouping;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which incident an alert belongs to under its service's grouping (docs/decisions/0041), as an
 * incident key. A group is a dedup key of Vigil's making: alerts of one group then take the path
 * duplicates take (joined in PostgreSQL, or by signal-with-start on the group's workflow id), so
 * they can never open two incidents, never page again, and a trigger that meets a resolution opens
 * the group's next incident. Resolving the incident thus closes the group.
 */
@Component
public class AlertGroups {

  /** Keys of Vigil's making start so, apart from any a sender would choose. */
  static final String PREFIX = "vigil-group:";

  /** A dedup key holds at most 255 characters, as PagerDuty's. */
  private static final int MAX_KEY = 255;

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;

  public AlertGroups(JdbcClient jdbc, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  /**
   * The incident key the alert joins or opens: the alert's own with no grouping, or when content
   * grouping finds none of its fields in the alert.
   */
  public IncidentKey incidentKeyFor(
      IncidentKey alertKey, AlertGrouping grouping, AlertStore.NewAlert alert) {
    return switch (grouping.type()) {
      case AlertGrouping.TIME ->
          new IncidentKey(
              alertKey.accountId(),
              alertKey.serviceId(),
              timeGroup(alertKey.serviceId(), grouping.windowSeconds(), alert));
      case AlertGrouping.CONTENT ->
          contentGroup(grouping.fields(), alert)
              .map(key -> new IncidentKey(alertKey.accountId(), alertKey.serviceId(), key))
              .orElse(alertKey);
      default -> alertKey;
    };
  }

  /**
   * The service's current window, or a new one from this alert when the last has passed. The row's
   * lock orders concurrent alerts: they all read the same window.
   */
  private String timeGroup(long serviceId, int windowSeconds, AlertStore.NewAlert alert) {
    Timestamp at = Timestamp.from(alert.receivedAt());
    String fresh = PREFIX + "time:" + alert.receivedAt();
    return tx.execute(
        status ->
            jdbc.sql(
                    """
                    insert into alert_time_groups (service_id, dedup_key, opened_at) values (?, ?, ?)
                    on conflict (service_id) do update
                        set dedup_key = excluded.dedup_key, opened_at = excluded.opened_at
                        where alert_time_groups.opened_at <= excluded.opened_at - make_interval(secs => ?)
                    returning dedup_key""")
                .params(serviceId, fresh, at, windowSeconds)
                .query(String.class)
                .optional()
                .orElseGet(
                    () ->
                        jdbc.sql("select dedup_key from alert_time_groups where service_id = ?")
                            .param(serviceId)
                            .query(String.class)
                            .single()));
  }

  /**
   * "vigil-group:group=checkout-db|custom_details.cluster=eu-1"; empty when no field has a value.
   */
  private Optional<String> contentGroup(List<String> fields, AlertStore.NewAlert alert) {
    List<String> parts = new ArrayList<>();
    boolean any = false;
    for (String field : fields) {
      String value = valueOf(field, alert);
      any |= value != null;
      parts.add(field + "=" + (value == null ? "" : value));
    }
    if (!any) {
      return Optional.empty();
    }
    String key = PREFIX + String.join("|", parts);
    // Readable when it fits; a longer one is still exactly one group, by its digest.
    return Optional.of(key.length() <= MAX_KEY ? key : PREFIX + "sha256:" + sha256(key));
  }

  private static String sha256(String value) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private String valueOf(String field, AlertStore.NewAlert alert) {
    return switch (field) {
      case "group" -> alert.group();
      case "class" -> alert.eventClass();
      case "component" -> alert.component();
      case "source" -> alert.source();
      default -> detail(field.substring(AlertGrouping.CUSTOM_DETAILS.length()), alert);
    };
  }

  /** A key of custom_details as text (JSON text for objects and arrays); null when absent. */
  private String detail(String key, AlertStore.NewAlert alert) {
    if (alert.customDetailsJson() == null) {
      return null;
    }
    return jdbc.sql(
            """
            select case when jsonb_typeof(d) = 'object' then
                        case when jsonb_typeof(d -> ?) = 'string' then d ->> ? else (d -> ?)::text end
                   end
            from (select cast(? as jsonb) as d) x""")
        .params(key, key, key, alert.customDetailsJson())
        .query(String.class)
        .optional()
        .orElse(null);
  }
}
