package dev.vigil.oncall.service;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds the service an integration (routing) key sends to, for the Events API. Retired keys find
 * nothing.
 */
@Component
public class IntegrationRoutes {

  private final JdbcClient jdbc;

  IntegrationRoutes(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Route> find(String routingKey) {
    return jdbc.sql(
            "select account_id, service_id from integration_keys where routing_key = ? and retired_at is null")
        .param(routingKey)
        .query(Route.class)
        .optional();
  }

  public record Route(long accountId, long serviceId) {}
}
