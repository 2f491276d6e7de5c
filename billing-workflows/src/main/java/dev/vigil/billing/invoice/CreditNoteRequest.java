package dev.vigil.billing.invoice;

/**
 * A credit note asked for on an issued invoice.
 *
 * @param amountMinor what it credits; 0 for everything not yet credited (a full credit note)
 * @param requestKey the request's own key, so a retried request issues one credit note
 */
public record CreditNoteRequest(Actor actor, long amountMinor, String reason, String requestKey) {}
