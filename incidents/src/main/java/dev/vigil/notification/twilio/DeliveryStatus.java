package dev.vigil.notification.twilio;

import java.util.Locale;
import java.util.Map;

/**
 * A status Twilio reports for a message or a call, and how far along it is. Callbacks can arrive
 * out of order or twice: a status only replaces one that is less far along, so "sent" after
 * "delivered" and a second "delivered" change nothing.
 */
record DeliveryStatus(String name, int stage, Outcome outcome) {

  enum Outcome {
    PENDING,
    DELIVERED,
    FAILED
  }

  private static final Map<String, DeliveryStatus> KNOWN =
      Map.ofEntries(
          entry("accepted", 1, Outcome.PENDING),
          entry("scheduled", 1, Outcome.PENDING),
          entry("queued", 1, Outcome.PENDING),
          entry("initiated", 1, Outcome.PENDING),
          entry("sending", 2, Outcome.PENDING),
          entry("ringing", 2, Outcome.PENDING),
          entry("sent", 3, Outcome.PENDING),
          entry("in-progress", 3, Outcome.PENDING),
          entry("answered", 3, Outcome.PENDING),
          entry("delivered", 4, Outcome.DELIVERED),
          entry("completed", 4, Outcome.DELIVERED),
          entry("read", 5, Outcome.DELIVERED),
          entry("undelivered", 4, Outcome.FAILED),
          entry("failed", 4, Outcome.FAILED),
          entry("no-answer", 4, Outcome.FAILED),
          entry("busy", 4, Outcome.FAILED),
          entry("canceled", 4, Outcome.FAILED));

  private static Map.Entry<String, DeliveryStatus> entry(String name, int stage, Outcome outcome) {
    return Map.entry(name, new DeliveryStatus(name, stage, outcome));
  }

  /** A status this code does not know is kept as reported, before every known one. */
  static DeliveryStatus of(String name) {
    String normalized = name.toLowerCase(Locale.ROOT);
    return KNOWN.getOrDefault(normalized, new DeliveryStatus(normalized, 0, Outcome.PENDING));
  }

  static int stageOf(String name) {
    return name == null ? -1 : of(name).stage();
  }

  /** Vigil's summary in notifications.status. */
  String notificationStatus(String current) {
    return switch (outcome) {
      case DELIVERED -> "delivered";
      case FAILED -> "failed";
      case PENDING -> current;
    };
  }
}
