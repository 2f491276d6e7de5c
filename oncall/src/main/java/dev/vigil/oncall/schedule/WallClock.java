package dev.vigil.oncall.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** The one rule by which a schedule turns its local wall-clock times into instants. */
public final class WallClock {

  private WallClock() {}

  /**
   * In a daylight-saving gap the time moves forward by the gap's length (02:30 on a spring-forward
   * night becomes 03:30), as {@link ZonedDateTime#of} does; in an overlap it takes the earlier
   * offset, so the first of the two 01:30s on a fall-back night. The result never goes backwards
   * for local times a day or more apart, which the rotation relies on to find turns.
   */
  public static Instant toInstant(LocalDateTime local, ZoneId zone) {
    return ZonedDateTime.ofLocal(local, zone, null).toInstant();
  }
}
