package dev.vigil.billing.invoice;

import static dev.vigil.search.VigilSearchAttributes.ACCOUNT_ID;
import static dev.vigil.search.VigilSearchAttributes.INVOICE_NUMBER;
import static dev.vigil.search.VigilSearchAttributes.INVOICE_STATUS;

import dev.vigil.search.VigilSearchAttributes;
import io.temporal.common.SearchAttributes;
import io.temporal.workflow.Workflow;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Locale;

/**
 * What the Temporal UI shows of an invoice's workflow: its status as a search attribute, upserted
 * when it changes, and current details ("Invoice VIG-000042 Initech — open, due 2027-06-14, balance
 * 72.34 USD"). The workflow calls it where the invoice changes; nothing here decides anything.
 */
public final class InvoiceVisibility {

  /** {@code Workflow.getVersion} change id of upserting the status search attribute. */
  static final String SEARCH_ATTRIBUTES = "search-attributes";

  static final int SEARCH_ATTRIBUTES_V1 = 1;

  /**
   * {@code Workflow.getVersion} change id of upserting the number an invoice is issued with: drafts
   * carry none (docs/decisions/0053). Only runs whose issue answered a number reach it.
   */
  static final String NUMBER_AT_ISSUE = "number-at-issue";

  static final int NUMBER_AT_ISSUE_V1 = 1;

  private InvoiceFacts facts;
  private String number;
  private boolean upserting;
  private String shownStatus;

  /**
   * What is known when the workflow starts: set by whoever starts it. A draft has no number yet
   * ({@code number} null), so a draft's run carries none.
   */
  public static SearchAttributes atStart(long accountId, String number, String status) {
    SearchAttributes.Builder attributes =
        SearchAttributes.newBuilder().set(ACCOUNT_ID, accountId).set(INVOICE_STATUS, status);
    if (number != null) {
      attributes.set(INVOICE_NUMBER, number);
    }
    return attributes.build();
  }

  /** The invoice was loaded: from here on its status changes are upserted. */
  void loaded(InvoiceFacts loaded) {
    facts = loaded;
    number = loaded.number();
    // Version 1: upserts are new commands. Runs recorded before them (no marker) upsert nothing.
    // Only executions started with Vigil's attributes upsert: their namespace has them.
    int version =
        Workflow.getVersion(SEARCH_ATTRIBUTES, Workflow.DEFAULT_VERSION, SEARCH_ATTRIBUTES_V1);
    upserting = version == SEARCH_ATTRIBUTES_V1 && VigilSearchAttributes.presentInThisWorkflow();
    if (upserting) {
      shownStatus = Workflow.getTypedSearchAttributes().get(INVOICE_STATUS);
    }
    changed(loaded.status(), loaded.dueAtMillis());
  }

  /**
   * The invoice was issued with this number (null in runs recorded before issuing answered one:
   * they had their number from the start).
   */
  void issued(String issuedNumber) {
    if (facts == null || issuedNumber == null || issuedNumber.equals(number)) {
      return;
    }
    number = issuedNumber;
    if (upserting
        && Workflow.getVersion(NUMBER_AT_ISSUE, Workflow.DEFAULT_VERSION, NUMBER_AT_ISSUE_V1)
            == NUMBER_AT_ISSUE_V1) {
      Workflow.upsertTypedSearchAttributes(INVOICE_NUMBER.valueSet(number));
    }
  }

  void changed(InvoiceStanding status, long dueAtMillis) {
    if (facts == null) {
      return;
    }
    if (upserting && !status.status().code().equals(shownStatus)) {
      Workflow.upsertTypedSearchAttributes(INVOICE_STATUS.valueSet(status.status().code()));
      shownStatus = status.status().code();
    }
    // Current details are workflow metadata, not a command: they change no history.
    Workflow.setCurrentDetails(name() + " — " + state(status, dueAtMillis));
  }

  private String name() {
    String name = number == null ? "Draft invoice #" + facts.invoiceId() : "Invoice " + number;
    return facts.customer() == null ? name : name + " " + facts.customer();
  }

  private String state(InvoiceStanding status, long dueAtMillis) {
    StringBuilder state = new StringBuilder(status.status().code());
    if (status.status() == InvoiceStatus.DRAFT) {
      state.append(facts.card() ? ", to be charged" : ", awaiting approval");
      amount(state, ", total ", status.totalMinor());
    } else if (status.status() == InvoiceStatus.OPEN) {
      if (dueAtMillis > 0) {
        state
            .append(", due ")
            .append(Instant.ofEpochMilli(dueAtMillis).atZone(zone()).toLocalDate());
      }
      amount(state, ", balance ", status.balanceMinor());
    }
    return state.toString();
  }

  private ZoneId zone() {
    return facts.billingTimeZone() == null ? ZoneOffset.UTC : ZoneId.of(facts.billingTimeZone());
  }

  /** As invoices write amounts (see MoneyFormat): grouped, the currency's decimals, ISO code. */
  private void amount(StringBuilder state, String label, long minorUnits) {
    if (facts.currency() == null) {
      return;
    }
    int digits = Math.max(0, Currency.getInstance(facts.currency()).getDefaultFractionDigits());
    state
        .append(label)
        .append(
            String.format(Locale.US, "%,." + digits + "f", BigDecimal.valueOf(minorUnits, digits)))
        .append(' ')
        .append(facts.currency());
  }
}
