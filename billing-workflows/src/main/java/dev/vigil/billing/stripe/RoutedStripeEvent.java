package dev.vigil.billing.stripe;

import dev.vigil.billing.invoice.InvoiceWorkflow;
import dev.vigil.billing.invoice.StripeInvoiceEvent;

/**
 * A verified Stripe event about one of our invoices.
 *
 * @param invoiceId our invoice, whose workflow is {@link InvoiceWorkflow#workflowId(long)}
 */
public record RoutedStripeEvent(long invoiceId, StripeInvoiceEvent event) {}
