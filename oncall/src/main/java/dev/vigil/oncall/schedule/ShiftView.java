package dev.vigil.oncall.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A user on call from {@code start} (inclusive) to {@code end} (exclusive). */
public record ShiftView(Reference user, Instant start, Instant end) {

  /**
   * @param names user names by id; the schedule's users cannot be deleted while it names them
   */
  public static List<ShiftView> of(List<Shift> shifts, Map<Long, String> names) {
    return shifts.stream()
        .map(
            shift ->
                new ShiftView(
                    new Reference(
                        shift.userId(),
                        names.getOrDefault(shift.userId(), "User " + shift.userId())),
                    shift.start(),
                    shift.end()))
        .toList();
  }
}
