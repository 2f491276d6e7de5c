package dev.vigil.billing.ledger;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * How an account is billed.
 *
 * @param homeCountry ISO 3166-1 alpha-2: notifications to other countries are international
 * @param reminderOffsets days relative to the due date on which an unpaid invoice's reminders go
 *     out
 * @param poNumber the customer's purchase order number, printed on invoices; null for none
 * @param billToAddress the customer's postal address, one printed line each; empty for none
 * @param taxId the customer's tax identification number (an EU VAT number), as {@link TaxIds}
 *     stores it; null for none
 * @param billToRegion the region of the customer's address whose tax rates apply (a US state:
 *     {@code CA}); null for the whole country
 */
public record BillingProfile(
    long accountId,
    String accountName,
    String homeCountry,
    CollectionMethod collectionMethod,
    ZoneId billingTimeZone,
    String billingEmail,
    int netTermsDays,
    List<Integer> reminderOffsets,
    Instant billingStartsAt,
    String stripeCustomerId,
    String poNumber,
    List<String> billToAddress,
    String taxId,
    String billToRegion) {

  public BillingProfile {
    reminderOffsets = List.copyOf(reminderOffsets);
    billToAddress = List.copyOf(billToAddress);
  }
}
