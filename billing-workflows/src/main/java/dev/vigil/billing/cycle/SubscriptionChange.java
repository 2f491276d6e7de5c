package dev.vigil.billing.cycle;

import dev.vigil.billing.invoice.Actor;

/**
 * A plan or seat change, effective from a stated instant (epoch milliseconds): fees are prorated
 * from that instant; usage of the whole period is rated with the plan in force at its end
 * (docs/decisions/0008).
 */
public record SubscriptionChange(
    Actor actor, String planCode, int seats, long effectiveAtMillis, String reason) {}
