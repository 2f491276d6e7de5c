package dev.vigil.incident;

import java.time.Instant;

/**
 * Quiet: no alert since, and the incident stopped taking duplicates (a trigger from now on opens
 * the next incident). Otherwise the newest alert's time, from which the timeout counts again.
 */
public record AutoResolveCheck(boolean quiet, Instant lastAlertAt) {}
