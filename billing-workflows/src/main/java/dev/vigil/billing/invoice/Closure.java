package dev.vigil.billing.invoice;

/** Voiding an invoice or marking it uncollectible, and why. */
public record Closure(Actor actor, String reason) {}
