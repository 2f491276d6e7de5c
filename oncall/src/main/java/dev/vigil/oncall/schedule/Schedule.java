package dev.vigil.oncall.schedule;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An on-call schedule. Always valid: the constructor throws {@link InvalidScheduleException}
 * listing every problem of the definition.
 *
 * @param zone where local times of handoffs and restriction windows are read
 * @param layers lowest priority first: a higher layer wins wherever it has someone on call
 * @param overrides in creation order; they win over all layers, and a later one over an earlier one
 *     where they overlap. {@code null} means none.
 */
public record Schedule(ZoneId zone, List<Layer> layers, List<ScheduleOverride> overrides) {

  public Schedule {
    layers = layers == null ? null : Collections.unmodifiableList(new ArrayList<>(layers));
    overrides =
        overrides == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(overrides));
    List<String> problems = ScheduleValidation.problems(zone, layers, overrides);
    if (!problems.isEmpty()) {
      throw new InvalidScheduleException(problems);
    }
  }
}
