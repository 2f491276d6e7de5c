package dev.vigil.incident.record;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alerts of an incident as the REST API shows them: what the monitoring tool sent (its custom
 * details, links, images), so a responder reads the runbook and the graphs where the incident is.
 * Alerts with the same dedup key are one entry with their count, first and last received.
 */
@Component
public class IncidentAlerts {

  /** An incident shows at most this many distinct alerts, the most recent first. */
  public static final int MAX_ALERTS = 100;

  /** Reads stored JSON as sent: no naming rules apply to a monitor's own keys. */
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JdbcClient jdbc;

  public IncidentAlerts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Per dedup key (an alert stored before alerts kept their own is its incident's): the latest
   * alert's fields, how many came, and when the first and last came. The incident was read within
   * the caller's account; its alerts are its own.
   */
  public List<AlertView> of(long incidentId) {
    return jdbc.sql(
            """
            select k.dedup_key, k.alert_count, k.first_received_at, k.last_received_at,
                   k.resolved_at, a.summary, a.severity, a.source, a.component, a."group", a.class,
                   a.custom_details::text as custom_details, a.links::text as links,
                   a.images::text as images, a.client, a.client_url
            from (select coalesce(a.dedup_key, i.dedup_key) as dedup_key, count(*) as alert_count,
                         min(a.received_at) as first_received_at,
                         max(a.received_at) as last_received_at, max(a.id) as last_id,
                         -- Resolved on its own once every alert of the key is; else with the
                         -- incident (docs/decisions/0069).
                         case when bool_and(a.resolved_at is not null) then max(a.resolved_at)
                              when i.status = 'resolved' then i.resolved_at end as resolved_at
                  from alerts a join incidents i on i.id = a.incident_id
                  where a.incident_id = ? and a.account_id = i.account_id
                  group by 1, i.status, i.resolved_at) k
            join alerts a on a.id = k.last_id
            order by k.last_received_at desc, k.last_id desc
            limit ?""")
        .params(incidentId, MAX_ALERTS)
        .query((rs, n) -> view(rs))
        .list();
  }

  private AlertView view(ResultSet rs) throws SQLException {
    return new AlertView(
        rs.getString("dedup_key"),
        rs.getString("summary"),
        rs.getString("severity"),
        rs.getString("source"),
        rs.getString("component"),
        rs.getString("group"),
        rs.getString("class"),
        rs.getString("custom_details") == null
            ? null
            : JSON.readValue(rs.getString("custom_details"), Object.class),
        links(rs.getString("links")),
        images(rs.getString("images")),
        rs.getString("client"),
        rs.getString("client_url"),
        rs.getTimestamp("first_received_at").toInstant(),
        rs.getTimestamp("last_received_at").toInstant(),
        rs.getInt("alert_count"),
        rs.getTimestamp("resolved_at") == null ? "triggered" : "resolved",
        rs.getTimestamp("resolved_at") == null ? null : rs.getTimestamp("resolved_at").toInstant());
  }

  private List<LinkView> links(String stored) {
    List<LinkView> links = new ArrayList<>();
    for (JsonNode link : array(stored)) {
      links.add(new LinkView(text(link, "href"), text(link, "text")));
    }
    return links;
  }

  private List<ImageView> images(String stored) {
    List<ImageView> images = new ArrayList<>();
    for (JsonNode image : array(stored)) {
      images.add(new ImageView(text(image, "src"), text(image, "href"), text(image, "alt")));
    }
    return images;
  }

  private Iterable<JsonNode> array(String stored) {
    if (stored == null) {
      return List.of();
    }
    JsonNode node = JSON.readTree(stored);
    return node.isArray() ? node : List.of();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isString() ? value.stringValue() : null;
  }

  /**
   * One alert of an incident (the latest of its dedup key) as the Events API received it.
   *
   * @param customDetails any JSON value, as sent ({@code payload.custom_details})
   * @param alertCount alerts received with this dedup key while the incident was open
   * @param status "triggered", or "resolved": by a resolve event with its dedup key, or with its
   *     incident
   * @param resolvedAt null while triggered
   */
  public record AlertView(
      String dedupKey,
      String summary,
      String severity,
      String source,
      String component,
      String group,
      @JsonProperty("class") String eventClass,
      @Schema(description = "payload.custom_details as sent: any JSON value") Object customDetails,
      List<LinkView> links,
      List<ImageView> images,
      String client,
      String clientUrl,
      Instant firstReceivedAt,
      Instant lastReceivedAt,
      int alertCount,
      @Schema(allowableValues = {"triggered", "resolved"}) String status,
      Instant resolvedAt) {}

  public record LinkView(String href, String text) {}

  public record ImageView(String src, String href, String alt) {}
}
