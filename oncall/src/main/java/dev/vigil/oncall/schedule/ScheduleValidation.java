package dev.vigil.oncall.schedule;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a schedule definition and names each problem by its field path ({@code
 * layers[1].restrictions[0].length must be at most 24 hours}), so an API can answer 400 with all of
 * them at once.
 */
public final class ScheduleValidation {

  public static final Duration MAX_DAILY_WINDOW = Duration.ofHours(24);
  public static final Duration MAX_WEEKLY_WINDOW = Duration.ofDays(7);

  private ScheduleValidation() {}

  /** Every problem of the definition; empty when it is valid. */
  public static List<String> problems(
      ZoneId zone, List<Layer> layers, List<ScheduleOverride> overrides) {
    List<String> problems = new ArrayList<>();
    if (zone == null) {
      problems.add("zone must not be null");
    }
    if (layers == null) {
      problems.add("layers must not be null");
    } else {
      for (int i = 0; i < layers.size(); i++) {
        String path = "layers[" + i + "]";
        if (layers.get(i) == null) {
          problems.add(path + " must not be null");
        } else {
          checkLayer(path + ".", layers.get(i), problems);
        }
      }
    }
    if (overrides != null) {
      for (int i = 0; i < overrides.size(); i++) {
        checkOverride("overrides[" + i + "]", overrides.get(i), problems);
      }
    }
    return problems;
  }

  /** Problems of one layer, with paths relative to it ({@code rotation.length ...}). */
  public static List<String> problems(Layer layer) {
    List<String> problems = new ArrayList<>();
    checkLayer("", layer, problems);
    return problems;
  }

  private static void checkLayer(String path, Layer layer, List<String> problems) {
    if (layer.name() == null || layer.name().isBlank()) {
      problems.add(path + "name must not be blank");
    }
    if (layer.start() == null) {
      problems.add(path + "start must not be null");
    } else if (layer.end() != null && !layer.end().isAfter(layer.start())) {
      problems.add(path + "end must be after start");
    }
    checkRotation(path + "rotation", layer.rotation(), problems);
    if (layer.members() == null || layer.members().isEmpty()) {
      problems.add(path + "members must not be empty");
    } else {
      for (int i = 0; i < layer.members().size(); i++) {
        if (layer.members().get(i) == null) {
          problems.add(path + "members[" + i + "] must not be null");
        }
      }
    }
    for (int i = 0; i < layer.restrictions().size(); i++) {
      checkRestriction(path + "restrictions[" + i + "]", layer.restrictions().get(i), problems);
    }
  }

  private static void checkRotation(String path, Rotation rotation, List<String> problems) {
    if (rotation == null) {
      problems.add(path + " must not be null");
      return;
    }
    if (rotation.firstHandoff() == null) {
      problems.add(path + ".firstHandoff must not be null");
    }
    if (rotation.length() < 1) {
      problems.add(path + ".length must be at least 1");
    }
    if (rotation.unit() == null) {
      problems.add(path + ".unit must not be null");
    }
  }

  private static void checkRestriction(
      String path, Restriction restriction, List<String> problems) {
    if (restriction == null) {
      problems.add(path + " must not be null");
      return;
    }
    if (restriction.start() == null) {
      problems.add(path + ".start must not be null");
    }
    Duration length = restriction.length();
    if (length == null) {
      problems.add(path + ".length must not be null");
    } else if (length.isNegative() || length.isZero()) {
      problems.add(path + ".length must be positive");
    } else if (restriction.isDaily() && length.compareTo(MAX_DAILY_WINDOW) > 0) {
      problems.add(path + ".length must be at most 24 hours");
    } else if (!restriction.isDaily() && length.compareTo(MAX_WEEKLY_WINDOW) > 0) {
      problems.add(path + ".length must be at most 7 days");
    }
  }

  private static void checkOverride(String path, ScheduleOverride override, List<String> problems) {
    if (override == null) {
      problems.add(path + " must not be null");
      return;
    }
    if (override.start() == null) {
      problems.add(path + ".start must not be null");
    }
    if (override.end() == null) {
      problems.add(path + ".end must not be null");
    }
    if (override.start() != null
        && override.end() != null
        && !override.end().isAfter(override.start())) {
      problems.add(path + ".end must be after start");
    }
  }
}
