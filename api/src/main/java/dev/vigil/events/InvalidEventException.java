package dev.vigil.events;

import java.util.List;

/**
 * Thrown when a request body is not a valid event. Carries every problem found, so a client can fix
 * them all in one round trip; the message matches PagerDuty's 400 response wording.
 */
public class InvalidEventException extends RuntimeException {

  public static final String MESSAGE = "Event object is invalid";

  private final List<String> errors;

  public InvalidEventException(List<String> errors) {
    super(MESSAGE);
    this.errors = List.copyOf(errors);
  }

  /** Human-readable problems, each naming the offending field by its JSON path in quotes. */
  public List<String> errors() {
    return errors;
  }
}
