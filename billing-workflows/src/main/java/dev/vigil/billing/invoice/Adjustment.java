package dev.vigil.billing.invoice;

/**
 * A line an accountant adds to a draft: a charge (positive) or a credit (negative), with a reason.
 */
public record Adjustment(String description, long amountMinor, String reason) {}
