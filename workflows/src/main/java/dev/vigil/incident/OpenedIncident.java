package dev.vigil.incident;

import dev.vigil.escalation.PolicySnapshot;

/**
 * The recorded incident and the escalation policy it follows.
 *
 * <p>The policy is a snapshot taken when the incident opened: editing a policy never changes the
 * path of incidents already running (see docs/decisions/0002-policy-snapshot.md); so are the
 * service's acknowledgement and auto-resolve timeouts.
 */
public record OpenedIncident(
    long incidentId,
    long number,
    String title,
    String urgency,
    PolicySnapshot policy,
    ServiceTimeouts timeouts) {}
