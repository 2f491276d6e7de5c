package dev.vigil.oncall.schedule;

import java.util.List;

/** A schedule definition that cannot be used; {@link #problems()} name the fields, one each. */
public class InvalidScheduleException extends IllegalArgumentException {

  private final List<String> problems;

  public InvalidScheduleException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Such as {@code "layers[0].rotation.length must be at least 1"}. */
  public List<String> problems() {
    return problems;
  }
}
