package dev.vigil.billing.cycle;

/**
 * A billing cycle workflow's input: the account and the month (ISO {@code 2026-11}) it bills next.
 * Each run bills one month and continues as new with the next, so the history stays small however
 * many years an account is billed.
 */
public record BillingCycle(long accountId, String month) {}
