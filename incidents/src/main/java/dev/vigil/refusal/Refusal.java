package dev.vigil.refusal;

import io.temporal.failure.ApplicationFailure;
import java.util.Optional;

/**
 * Why a workflow refuses an update, as a type the caller maps (400, 403, 409) without reading the
 * message, which stays for people. Update validators throw these; a rejected update is not written
 * to the workflow's history (validators do not even run on replay).
 *
 * <p>They travel as plain exceptions, not {@link ApplicationFailure}s with a type: Temporal's Java
 * SDK (1.38) wraps a validator's {@code ApplicationFailure} and the caller sees only its message,
 * while a plain exception reaches the caller as an {@code ApplicationFailure} whose type is the
 * exception's class name, with its cause chain (docs/decisions/0028). An invalid field's name
 * travels as its cause, {@link FieldName}, so nothing is ever parsed out of a sentence.
 */
public enum Refusal {
  /** A value in the request is wrong: the field (snake_case, {@code adjustments[0].amount}). */
  INVALID_FIELD(InvalidField.class),
  /** The caller's role may not do this. */
  NOT_ALLOWED(NotAllowed.class),
  /** Not in the object's current state (closed, already resolved). */
  WRONG_STATE(WrongState.class),
  /** Not yet: the object is still being prepared, and the same request succeeds in a moment. */
  NOT_READY(NotReady.class);

  private final String failureType;

  Refusal(Class<? extends RuntimeException> exception) {
    this.failureType = exception.getName();
  }

  public static RuntimeException invalidField(String field, String problem) {
    return new InvalidField(field, problem);
  }

  /**
   * The same refusal thrown by an activity: non-retryable, so that no activity retry options need
   * to know the type; it reaches the caller through the update's activity failure.
   */
  public static ApplicationFailure invalidFieldFailure(String field, String problem) {
    return ApplicationFailure.newNonRetryableFailureWithCause(
        problem, INVALID_FIELD.failureType, new FieldName(field));
  }

  /** A wrong state found by an activity, or by ledger code an activity and the API share. */
  public static ApplicationFailure wrongStateFailure(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, WRONG_STATE.failureType);
  }

  public static RuntimeException notAllowed(String message) {
    return new NotAllowed(message);
  }

  public static NotReady notReady(String message) {
    return new NotReady(message);
  }

  public static WrongState wrongState(String message) {
    return new WrongState(message);
  }

  /**
   * The refusal a client-side failure (an update's exception) carries, or empty for any other
   * failure.
   */
  public static Optional<Refusal> of(Throwable failure) {
    return applicationFailure(failure)
        .flatMap(
            application -> {
              for (Refusal refusal : values()) {
                if (refusal.failureType.equals(application.getType())) {
                  return Optional.of(refusal);
                }
              }
              return Optional.empty();
            });
  }

  /** The field an {@link #INVALID_FIELD} refusal names. */
  public static Optional<String> field(Throwable failure) {
    return applicationFailure(failure)
        .map(ApplicationFailure::getCause)
        .flatMap(
            cause -> {
              if (cause instanceof FieldName local) {
                return Optional.of(local.getMessage()); // thrown here, not yet through Temporal
              }
              if (cause instanceof ApplicationFailure name
                  && FieldName.class.getName().equals(name.getType())) {
                return Optional.of(name.getOriginalMessage());
              }
              return Optional.empty();
            });
  }

  /** What the refusal says, for people. */
  public static Optional<String> message(Throwable failure) {
    return applicationFailure(failure).map(ApplicationFailure::getOriginalMessage);
  }

  /** The first application failure in a cause chain. */
  private static Optional<ApplicationFailure> applicationFailure(Throwable failure) {
    Throwable cause = failure;
    while (cause != null && !(cause instanceof ApplicationFailure)) {
      cause = cause.getCause();
    }
    return Optional.ofNullable((ApplicationFailure) cause);
  }

  /** Refused: a field's value. The message is the problem; the cause names the field. */
  public static final class InvalidField extends RuntimeException {
    InvalidField(String field, String problem) {
      super(problem, new FieldName(field));
    }
  }

  /** The name of the field an {@link InvalidField} is about, as its message. */
  public static final class FieldName extends RuntimeException {
    FieldName(String field) {
      super(field, null, false, false);
    }
  }

  /** Refused: the caller's role. */
  public static final class NotAllowed extends RuntimeException {
    NotAllowed(String message) {
      super(message);
    }
  }

  /** Refused: the object's state. */
  public static final class WrongState extends RuntimeException {
    WrongState(String message) {
      super(message);
    }
  }

  /** Refused for now: the object is still being prepared. */
  public static final class NotReady extends RuntimeException {
    NotReady(String message) {
      super(message);
    }
  }
}
