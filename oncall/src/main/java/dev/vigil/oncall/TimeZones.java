package dev.vigil.oncall;

import java.time.ZoneId;

/** IANA zone names only: offsets like "+02:00" have no daylight-saving rules to follow. */
public final class TimeZones {

  private TimeZones() {}

  public static boolean isValid(String zone) {
    return zone != null && ZoneId.getAvailableZoneIds().contains(zone);
  }
}
