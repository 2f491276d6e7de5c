package dev.vigil.events;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Finds the service an integration (routing) key sends to. Retired keys find nothing. */
@Component
class IntegrationRoutes {

  private final JdbcClient jdbc;

  IntegrationRoutes(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Route> find(String routingKey) {
    return jdbc.sql(
            "select account_id, service_id from integration_keys where routing_key = ? and retired_at is null")
        .param(routingKey)
        .query(Route.class)
        .optional();
  }

  record Route(long accountId, long serviceId) {}
}
