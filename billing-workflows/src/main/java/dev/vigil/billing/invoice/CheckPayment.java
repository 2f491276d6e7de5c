package dev.vigil.billing.invoice;

import java.time.LocalDate;

/** A check received for an invoice. */
public record CheckPayment(
    Actor actor, long amountMinor, String checkNumber, LocalDate receivedOn) {}
