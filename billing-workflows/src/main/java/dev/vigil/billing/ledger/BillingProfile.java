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
    List<String> billToAddress) {

  public BillingProfile {
    reminderOffsets = List.copyOf(reminderOffsets);
    billToAddress = List.copyOf(billToAddress);
  }
}
