/**
 * On-call schedules: who is on call when, computed from rotation layers, time restrictions and
 * overrides (the model of PagerDuty, Opsgenie and GoAlert).
 *
 * <p>The engine is pure Java on {@code java.time}; only {@link
 * dev.vigil.oncall.schedule.StoredSchedules} reads definitions from the database. The entry points
 * are {@link dev.vigil.oncall.schedule.Schedule} (a validated definition), {@link
 * dev.vigil.oncall.schedule.ScheduleRenderer} (shifts and who is on call) and {@link
 * dev.vigil.oncall.schedule.ScheduleCalendar} (an iCalendar feed of shifts).
 *
 * <p>Local times (handoffs, restriction windows) are read in the schedule's zone by one rule,
 * {@link dev.vigil.oncall.schedule.WallClock}: a time in a daylight-saving gap moves forward by the
 * gap's length, a time in an overlap takes its first occurrence.
 */
package dev.vigil.oncall.schedule;
