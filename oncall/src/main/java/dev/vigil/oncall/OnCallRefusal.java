package dev.vigil.oncall;

import java.util.List;

/**
 * Why the on-call domain refused an operation, by kind: the edge maps the kind to its answer (404,
 * 409, 400) and never reads the message to choose it.
 */
public class OnCallRefusal extends RuntimeException {

  /** What kind of refusal: the edge answers each the same way every time. */
  public enum Kind {
    /** The object does not exist in the caller's account. */
    NOT_FOUND,
    /** The change contradicts what is stored (a name taken, a duplicate). */
    CONFLICT,
    /** The object cannot go while others use it; {@link #details()} names them. */
    IN_USE,
    /** Fields at fault, each phrased as {@code 'field' problem}. */
    INVALID
  }

  private final Kind kind;
  private final List<String> details;

  private OnCallRefusal(Kind kind, String message, List<String> details) {
    super(message);
    this.kind = kind;
    this.details = List.copyOf(details);
  }

  public static OnCallRefusal notFound(String what) {
    return new OnCallRefusal(Kind.NOT_FOUND, what + " not found", List.of());
  }

  public static OnCallRefusal conflict(String message) {
    return new OnCallRefusal(Kind.CONFLICT, message, List.of());
  }

  public static OnCallRefusal inUse(String what, List<String> usedBy) {
    return new OnCallRefusal(
        Kind.IN_USE, what + " is in use by " + String.join(", ", usedBy), usedBy);
  }

  public static OnCallRefusal invalid(String field, String problem) {
    return invalid(List.of("'" + field + "' " + problem));
  }

  public static OnCallRefusal invalid(List<String> errors) {
    return new OnCallRefusal(Kind.INVALID, "Request is invalid", errors);
  }

  public Kind kind() {
    return kind;
  }

  public List<String> details() {
    return details;
  }
}
