package dev.vigil.notification.delivery;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the opening alert of an incident for its page's email and the email link's page (see {@link
 * AlertDetails}).
 */
@Component
public class AlertDetailsReader {

  private final JdbcClient jdbc;

  AlertDetailsReader(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<AlertDetails> forIncident(long incidentId) {
    return jdbc.sql(
            """
            select a.id, a.severity, a.source, a.component, a."group", a.class, a.client,
                   a.client_url, (select count(*) from alerts c where c.incident_id = a.incident_id)
            from alerts a where a.incident_id = ? order by a.id limit 1""")
        .param(incidentId)
        .query(
            (rs, n) -> {
              long alertId = rs.getLong(1);
              List<AlertDetails.Detail> details = details(alertId);
              int total = detailCount(alertId);
              return new AlertDetails(
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  details,
                  Math.max(0, total - details.size()),
                  links(alertId),
                  rs.getString(7),
                  rs.getString(8),
                  rs.getInt(9));
            })
        .optional();
  }

  /**
   * An object's keys in order, text values as they are and others as JSON; custom details that are
   * not an object (PagerDuty accepts any JSON value) are one entry, "details".
   */
  private List<AlertDetails.Detail> details(long alertId) {
    return jdbc.sql(
            """
            select key, case jsonb_typeof(value) when 'string' then value #>> '{}' else value::text end
            from alerts, jsonb_each(case jsonb_typeof(custom_details)
                                    when 'object' then custom_details else '{}'::jsonb end)
            where id = ?
            union all
            select 'details', case jsonb_typeof(custom_details) when 'string'
                              then custom_details #>> '{}' else custom_details::text end
            from alerts
            where id = ? and custom_details is not null
              and jsonb_typeof(custom_details) not in ('object', 'null')
            order by 1 limit ?""")
        .params(alertId, alertId, AlertDetails.MAX_DETAILS)
        .query(
            (rs, n) ->
                new AlertDetails.Detail(rs.getString(1), AlertDetails.shortened(rs.getString(2))))
        .list();
  }

  private int detailCount(long alertId) {
    return jdbc.sql(
            """
            select case jsonb_typeof(custom_details)
                   when 'object' then (select count(*) from jsonb_object_keys(custom_details))
                   when 'null' then 0 else 1 end
            from alerts where id = ? and custom_details is not null""")
        .param(alertId)
        .query(Integer.class)
        .optional()
        .orElse(0);
  }

  private List<AlertDetails.Link> links(long alertId) {
    return jdbc.sql(
            """
            select l ->> 'href', coalesce(nullif(l ->> 'text', ''), l ->> 'href')
            from alerts, jsonb_array_elements(case jsonb_typeof(links)
                                              when 'array' then links else '[]'::jsonb end) l
            where id = ? and jsonb_typeof(l) = 'object' and l ->> 'href' is not null
            limit 20""")
        .param(alertId)
        .query((rs, n) -> new AlertDetails.Link(rs.getString(1), rs.getString(2)))
        .list();
  }
}
