package dev.vigil.incident;

public record AttachAlert(long incidentId, AlertSignal alert) {}
