package dev.vigil.incident.record;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** An incident as it is now, by its id: what a signed email link's page shows before acting. */
@Component
public class CurrentIncidents {

  private final JdbcClient jdbc;

  CurrentIncidents(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The incident within the account; empty when it is gone. */
  public Optional<CurrentIncident> find(long accountId, long incidentId) {
    return jdbc.sql(
            """
            select i.number, i.title, i.status, i.urgency, s.name as service_name,
                   i.acknowledged_at, i.resolved_at
            from incidents i join services s on s.id = i.service_id
            where i.account_id = ? and i.id = ?""")
        .params(accountId, incidentId)
        .query(CurrentIncident.class)
        .optional();
  }

  public record CurrentIncident(
      long number,
      String title,
      String status,
      String urgency,
      String serviceName,
      Instant acknowledgedAt,
      Instant resolvedAt) {}
}
