package dev.vigil.oncall.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Routing keys of services. The Events API finds services by them (IntegrationRoutes), skipping
 * retired ones. Every statement is scoped by account id.
 */
@Component
public class IntegrationKeyStore {

  private final JdbcClient jdbc;

  IntegrationKeyStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public ServiceView.IntegrationKeyView add(long accountId, long serviceId) {
    return add(accountId, serviceId, RoutingKeys.random());
  }

  /** A key chosen by the operator (the demo's configured routing key), not a random one. */
  public ServiceView.IntegrationKeyView add(long accountId, long serviceId, String routingKey) {
    return jdbc.sql(
            "insert into integration_keys (account_id, service_id, routing_key) values (?, ?, ?)"
                + " returning id, routing_key, created_at")
        .params(accountId, serviceId, routingKey)
        .query(ServiceView.IntegrationKeyView.class)
        .single();
  }

  /**
   * Retires a key of the service; false if the service has no such key. Retiring again keeps the
   * first retirement time. The row stays, so a retired key can never be handed out again.
   */
  public boolean retire(long accountId, long serviceId, long keyId) {
    return jdbc.sql(
                "update integration_keys set retired_at = coalesce(retired_at, now())"
                    + " where account_id = ? and service_id = ? and id = ?")
            .params(accountId, serviceId, keyId)
            .update()
        > 0;
  }

  /**
   * The active keys of each of the services, oldest first, in one query. Retired keys are left out:
   * they are of no use to anybody reading a service.
   */
  public Map<Long, List<ServiceView.IntegrationKeyView>> active(
      long accountId, List<Long> serviceIds) {
    if (serviceIds.isEmpty()) {
      return Map.of();
    }
    return jdbc
        .sql(
            """
            select service_id, id, routing_key, created_at from integration_keys
            where account_id = :account and service_id in (:ids) and retired_at is null
            order by id""")
        .param("account", accountId)
        .param("ids", serviceIds)
        .query(KeyRow.class)
        .list()
        .stream()
        .collect(
            Collectors.groupingBy(
                KeyRow::serviceId, Collectors.mapping(KeyRow::view, Collectors.toList())));
  }

  public record KeyRow(long serviceId, long id, String routingKey, Instant createdAt) {

    public ServiceView.IntegrationKeyView view() {
      return new ServiceView.IntegrationKeyView(id, routingKey, createdAt);
    }
  }
}
