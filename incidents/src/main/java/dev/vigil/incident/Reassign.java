package dev.vigil.incident;

import dev.vigil.escalation.PolicySnapshot;

/**
 * Hands the incident to someone else: {@code policy} replaces the incident's snapshot and paging
 * restarts from its first level. A user is a one-level policy of that user.
 *
 * @param assignee who it goes to, as the timeline names it ("Bob", "policy Database on-call")
 */
public record Reassign(String assignee, PolicySnapshot policy, Responder by) {}
