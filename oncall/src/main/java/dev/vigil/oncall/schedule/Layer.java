package dev.vigil.oncall.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One rotation of members, active from {@code start} until {@code end}, on call only inside its
 * restriction windows (always, when it has none).
 *
 * <p>The record holds whatever it is given, so that {@link ScheduleValidation} can report every
 * problem of a definition at once; a {@link Schedule} only accepts valid layers.
 *
 * @param end exclusive; {@code null} means forever
 * @param members user ids in turn order, non-empty; a user may appear more than once
 * @param restrictions windows the layer covers; {@code null} or empty means always
 */
public record Layer(
    String name,
    Instant start,
    Instant end,
    Rotation rotation,
    List<Long> members,
    List<Restriction> restrictions) {

  public Layer {
    members = members == null ? null : Collections.unmodifiableList(new ArrayList<>(members));
    restrictions =
        restrictions == null
            ? List.of()
            : Collections.unmodifiableList(new ArrayList<>(restrictions));
  }

  /** The member on turn {@code turn}; turns cycle through the members, also backwards. */
  public long memberOnTurn(long turn) {
    return members.get((int) Math.floorMod(turn, (long) members.size()));
  }
}
