package dev.vigil.incident;

import java.util.List;

/** Alerts that joined an open incident, attached in one call however many arrived together. */
public record AttachAlerts(long incidentId, List<AlertSignal> alerts) {}
