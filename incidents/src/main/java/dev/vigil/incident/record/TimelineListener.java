package dev.vigil.incident.record;

/**
 * Told of every entry written to an incident's timeline, so integrations (outbound webhooks, chat)
 * follow an incident from the same record support staff read. Called inside the writer's
 * transaction when it has one, so an outbox row written here commits with the entry or not at all.
 *
 * <p>Activities retry, and a retry writes the same numbered entry again (the timeline ignores the
 * repeat but listeners are told again): a listener must be idempotent on {@code (incidentId, seq)}
 * for numbered entries.
 */
public interface TimelineListener {

  void entryWritten(TimelineEntry entry);
}
