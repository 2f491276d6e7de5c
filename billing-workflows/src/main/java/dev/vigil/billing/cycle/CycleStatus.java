package dev.vigil.billing.cycle;

/**
 * Where an account's billing cycle stands.
 *
 * @param draftAtMillis when the month's invoice will be drafted
 */
public record CycleStatus(
    long accountId,
    String month,
    long periodStartMillis,
    long periodEndMillis,
    long draftAtMillis) {}
