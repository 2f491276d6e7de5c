package dev.vigil.billing.cycle;

/** A billing period's bounds as instants (epoch milliseconds), from the account's time zone. */
public record PeriodWindow(String month, long startMillis, long endMillis) {}
