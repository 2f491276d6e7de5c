package dev.vigil.oncall.schedule;

import java.time.Instant;

/**
 * Puts {@code userId} on call for {@code [start, end)} over every layer. Among overlapping
 * overrides the one created later wins, which is why a schedule keeps them in creation order.
 */
public record ScheduleOverride(long userId, Instant start, Instant end) {}
