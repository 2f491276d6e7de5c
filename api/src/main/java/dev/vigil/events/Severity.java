package dev.vigil.events;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The {@code payload.severity} of a trigger event, most to least severe. */
public enum Severity {
  CRITICAL,
  ERROR,
  WARNING,
  INFO;

  /** The exact (lowercase) spelling used on the wire; PagerDuty matches it case-sensitively. */
  public String wireValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Severity> fromWireValue(String value) {
    return Arrays.stream(values()).filter(s -> s.wireValue().equals(value)).findFirst();
  }

  public static List<String> wireValues() {
    return Arrays.stream(values()).map(Severity::wireValue).toList();
  }
}
