package dev.vigil.oncall.service;

import java.time.Instant;
import java.util.List;

/** A service as the REST API shows it, with the integration keys events can be sent with. */
public record ServiceView(
    long id,
    String name,
    String description,
    Long teamId,
    long escalationPolicyId,
    String urgencyRule,
    Integer ackTimeoutMinutes,
    Integer autoResolveTimeoutMinutes,
    List<IntegrationKeyView> integrationKeys,
    Instant createdAt) {

  /** An active key: the routing_key of Events API v2 bodies. */
  public record IntegrationKeyView(long id, String routingKey, Instant createdAt) {}
}
