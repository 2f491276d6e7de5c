package dev.vigil.oncall.schedule;

import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the REST API spells the engine's enums: lower case ("weeks", "monday"), both ways. */
public final class ApiNames {

  public static final String DAYS =
      Arrays.stream(DayOfWeek.values()).map(ApiNames::of).collect(Collectors.joining(", "));

  private ApiNames() {}

  public static String of(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /** Null when {@code name} is not exactly one of "hours", "days", "weeks". */
  public static RotationUnit rotationUnit(String name) {
    return parse(RotationUnit.values(), name);
  }

  /** Null when {@code name} is not exactly one of "monday" .. "sunday". */
  public static DayOfWeek day(String name) {
    return parse(DayOfWeek.values(), name);
  }

  private static <E extends Enum<E>> E parse(E[] values, String name) {
    return Arrays.stream(values).filter(value -> of(value).equals(name)).findFirst().orElse(null);
  }
}
