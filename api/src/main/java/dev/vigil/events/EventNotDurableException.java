package dev.vigil.events;

/**
 * The event could not be made durable for a reason that heals by itself (see {@link
 * TransientFailures}): nothing was promised, and the sender should retry.
 */
class EventNotDurableException extends RuntimeException {

  EventNotDurableException(RuntimeException cause) {
    super("Event could not be made durable now", cause);
  }
}
