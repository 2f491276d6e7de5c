package dev.vigil.escalation;

import java.time.Instant;
import java.util.List;

public record AssignLevel(
    long incidentId, int round, int level, List<EscalationTarget> targets, Instant at, int seq) {}
