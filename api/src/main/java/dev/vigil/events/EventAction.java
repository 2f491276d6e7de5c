package dev.vigil.events;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The {@code event_action} of a PagerDuty Events API v2 request. */
public enum EventAction {
  TRIGGER,
  ACKNOWLEDGE,
  RESOLVE;

  /** The exact (lowercase) spelling used on the wire; PagerDuty matches it case-sensitively. */
  public String wireValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<EventAction> fromWireValue(String value) {
    return Arrays.stream(values()).filter(a -> a.wireValue().equals(value)).findFirst();
  }

  public static List<String> wireValues() {
    return Arrays.stream(values()).map(EventAction::wireValue).toList();
  }
}
