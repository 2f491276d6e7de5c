package dev.vigil.oncall.maintenance;

import java.time.Instant;

/**
 * A maintenance window as the REST API shows it. {@code serviceId} null: every service of the
 * account. {@code suppressedAlerts}: triggers it kept from paging.
 */
public record MaintenanceWindowView(
    long id,
    Long serviceId,
    String serviceName,
    String description,
    Instant startsAt,
    Instant endsAt,
    Instant createdAt,
    long suppressedAlerts) {}
