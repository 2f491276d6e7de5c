package dev.vigil.notification.delivery;

import dev.vigil.notification.NotificationActivities;

/**
 * A provider could not take a message. The kind decides what happens next; the reason is short and
 * carries no address or secret, because it goes into workflow history, the timeline and logs.
 */
public class ProviderFailure extends RuntimeException {

  public enum Kind {
    /** Down, slow, overloaded, unreachable: worth a retry, then the next provider. */
    UNAVAILABLE(NotificationActivities.PROVIDER_UNAVAILABLE),
    /** Refused us (credentials, sender, policy): no retry, but the next provider may do. */
    REJECTED(NotificationActivities.PROVIDER_REJECTED),
    /** The address cannot receive this at all: no provider can help. */
    INVALID_DESTINATION(NotificationActivities.INVALID_DESTINATION);

    private final String failureType;

    Kind(String failureType) {
      this.failureType = failureType;
    }

    /** The {@code ApplicationFailure} type the workflow sees. */
    public String failureType() {
      return failureType;
    }
  }

  private final Kind kind;

  public ProviderFailure(Kind kind, String reason, Throwable cause) {
    super(reason, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** "HTTP 500", "timed out", "connection refused", "invalid number (Twilio error 21211)". */
  public String reason() {
    return getMessage();
  }
}
