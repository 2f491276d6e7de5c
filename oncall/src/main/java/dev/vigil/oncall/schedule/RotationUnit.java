package dev.vigil.oncall.schedule;

/**
 * How a rotation's length is counted. {@link #HOURS} is absolute time; {@link #DAYS} and {@link
 * #WEEKS} are calendar days in the schedule's zone, so their handoffs keep their local time of day
 * across daylight-saving changes.
 */
public enum RotationUnit {
  HOURS,
  DAYS,
  WEEKS
}
