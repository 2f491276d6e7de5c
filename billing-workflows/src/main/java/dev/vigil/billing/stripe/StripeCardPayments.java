package dev.vigil.billing.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Invoice;
import com.stripe.model.InvoiceItem;
import com.stripe.param.CreditNoteCreateParams;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.InvoiceCreateParams;
import com.stripe.param.InvoiceFinalizeInvoiceParams;
import com.stripe.param.InvoiceItemCreateParams;
import com.stripe.param.InvoiceItemListParams;
import com.stripe.param.InvoicePayParams;
import dev.vigil.billing.invoice.CardPaymentActivities;
import dev.vigil.billing.invoice.ChargeOutcome;
import dev.vigil.billing.problem.BillingProblem;
import dev.vigil.billing.problem.BillingProblems;
import io.temporal.failure.ApplicationFailure;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Card invoices in Stripe: the account's customer, the invoice with one item per line of ours,
 * finalized, then charged.
 *
 * <p>Every write carries an idempotency key made of the account, the period, the invoice and the
 * step ({@code vigil-account-7-2026-11-invoice-42-line-7}), so a retried activity repeats the same
 * requests and Stripe answers each once. Stripe forgets idempotency keys after 24 hours, so they
 * are not enough for a retry a day later: the customer and invoice ids are also kept in PostgreSQL,
 * and a retry first asks Stripe what the invoice already holds, skipping the steps that are done.
 *
 * <p>The payment reference of a paid invoice is the Stripe invoice id. Since API version {@code
 * 2026-07-29.dahlia} an invoice names its payments only in the includable {@code payments} list,
 * which webhooks never carry; the charge and the {@code invoice.paid} webhook must name the same
 * payment (a payment is recorded once per reference), and a card invoice of ours is paid in one
 * payment, so the invoice id is the reference both can give without another request.
 */
@Component("stripeCardPayments")
public class StripeCardPayments implements CardPaymentActivities {

  private static final Logger log = LoggerFactory.getLogger(StripeCardPayments.class);

  private final JdbcClient jdbc;
  private final StripeApi stripe;
  private final BillingProblems problems;

  public StripeCardPayments(JdbcClient jdbc, StripeApi stripe, BillingProblems problems) {
    this.jdbc = jdbc;
    this.stripe = stripe;
    this.problems = problems;
  }

  /**
   * A card invoice that Stripe cannot take (no API key, a request Stripe refuses, Stripe down for
   * several attempts) is a billing problem the operator hears of (docs/decisions/0044).
   */
  @Override
  public String pushToStripe(long invoiceId) {
    return problems.watchInvoice(invoiceId, BillingProblem.STRIPE_PUSH, () -> push(invoiceId));
  }

  @Override
  public ChargeOutcome charge(long invoiceId, int attempt) {
    return problems.watchInvoice(
        invoiceId, BillingProblem.STRIPE_CHARGE, () -> chargeOnce(invoiceId, attempt));
  }

  private String push(long invoiceId) {
    StripeClient client = stripe.client();
    CardInvoice invoice = invoice(invoiceId);
    String customerId = customer(client, invoice);
    String stripeInvoiceId = invoice.stripeInvoiceId();
    Set<Long> linesInStripe = new HashSet<>();
    if (stripeInvoiceId == null) {
      stripeInvoiceId = createInvoice(client, invoice, customerId);
    } else {
      // A retry, perhaps days later: Stripe may have forgotten our keys, so ask it what is done.
      Invoice existing = retrieve(client, stripeInvoiceId);
      if (!"draft".equals(existing.getStatus())) {
        return withCreditNotes(client, invoice, sameTotal(invoice, existing));
      }
      linesInStripe.addAll(linesIn(client, stripeInvoiceId));
    }
    for (Line line : lines(invoice)) {
      if (!linesInStripe.contains(line.id())) {
        addItem(client, invoice, customerId, stripeInvoiceId, line);
      }
    }
    return withCreditNotes(
        client, invoice, sameTotal(invoice, finalizeInvoice(client, invoice, stripeInvoiceId)));
  }

  /**
   * Credit notes issued before the invoice reached Stripe lower what it collects, as later ones do.
   */
  private String withCreditNotes(StripeClient client, CardInvoice invoice, String stripeInvoiceId) {
    for (long creditNote : creditNotesNotInStripe(invoice.id())) {
      createCreditNote(client, invoice, stripeInvoiceId, creditNote);
    }
    return stripeInvoiceId;
  }

  @Override
  public void creditInStripe(long invoiceId, String creditNoteRequestKey) {
    problems.watchInvoice(
        invoiceId,
        BillingProblem.STRIPE_CREDIT_NOTE,
        () -> {
          CardInvoice invoice = invoice(invoiceId);
          if (invoice.stripeInvoiceId() == null) {
            return null; // its push will carry it
          }
          Long creditNote =
              jdbc.sql(
                      """
                      select id from credit_notes
                      where request_key = :key and invoice_id = :invoice
                            and stripe_credit_note_id is null
                      """)
                  .param("key", creditNoteRequestKey)
                  .param("invoice", invoiceId)
                  .query(Long.class)
                  .optional()
                  .orElse(null);
          if (creditNote != null) {
            createCreditNote(stripe.client(), invoice, invoice.stripeInvoiceId(), creditNote);
          }
          return null;
        });
  }

  private List<Long> creditNotesNotInStripe(long invoiceId) {
    return jdbc.sql(
            """
            select id from credit_notes
            where invoice_id = :invoice and stripe_credit_note_id is null and applied_minor > 0
            order by id
            """)
        .param("invoice", invoiceId)
        .query(Long.class)
        .list();
  }

  /**
   * A Stripe credit note of the part of ours that came off the balance (the rest was account
   * credit, which Stripe never collected), keyed by our credit note so a retry creates it once.
   */
  private void createCreditNote(
      StripeClient client, CardInvoice invoice, String stripeInvoiceId, long creditNoteId) {
    record Note(String number, long appliedMinor, String reason) {}
    Note note =
        jdbc.sql("select number, applied_minor, reason from credit_notes where id = :id")
            .param("id", creditNoteId)
            .query(
                (rs, n) ->
                    new Note(
                        rs.getString("number"),
                        rs.getLong("applied_minor"),
                        rs.getString("reason")))
            .single();
    if (note.appliedMinor() <= 0) {
      return;
    }
    try {
      String id =
          client
              .v1()
              .creditNotes()
              .create(
                  CreditNoteCreateParams.builder()
                      .setInvoice(stripeInvoiceId)
                      .setAmount(note.appliedMinor())
                      .setMemo(note.number() + ": " + note.reason())
                      .setEmailType(CreditNoteCreateParams.EmailType.NONE)
                      .putMetadata("vigil_invoice_id", Long.toString(invoice.id()))
                      .putMetadata("vigil_credit_note_id", Long.toString(creditNoteId))
                      .putMetadata("vigil_credit_note_number", note.number())
                      .build(),
                  StripeApi.idempotent(key(invoice, "credit-note-" + creditNoteId)))
              .getId();
      jdbc.sql("update credit_notes set stripe_credit_note_id = :stripe where id = :id")
          .param("stripe", id)
          .param("id", creditNoteId)
          .update();
    } catch (StripeException e) {
      throw StripeApi.failure(
          "crediting " + note.number() + " on " + invoice.number() + " in Stripe", e);
    }
  }

  /**
   * Our ledger is the record: a Stripe invoice whose total differs from ours (someone edited it in
   * Stripe's dashboard, or added tax or a discount there) is not charged.
   */
  private static String sameTotal(CardInvoice invoice, Invoice stripeInvoice) {
    Long total = stripeInvoice.getTotal();
    if (total == null || total != invoice.totalMinor()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Stripe invoice "
              + stripeInvoice.getId()
              + " totals "
              + total
              + " but invoice "
              + invoice.number()
              + " totals "
              + invoice.totalMinor()
              + " (minor units of "
              + invoice.currency()
              + ")",
          StripeApi.REJECTED);
    }
    return stripeInvoice.getId();
  }

  /**
   * Stripe's codes for a charge the card's bank holds until the cardholder authenticates it (Strong
   * Customer Authentication): not declines.
   */
  private static final Set<String> REQUIRES_ACTION =
      Set.of("invoice_payment_intent_requires_action", "authentication_required");

  private ChargeOutcome chargeOnce(long invoiceId, int attempt) {
    StripeClient client = stripe.client();
    CardInvoice invoice = invoice(invoiceId);
    String stripeInvoiceId = invoice.stripeInvoiceId();
    if (stripeInvoiceId == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "invoice " + invoice.number() + " has not been pushed to Stripe", StripeApi.REJECTED);
    }
    ChargeOutcome outcome;
    try {
      Invoice paid =
          client
              .v1()
              .invoices()
              .pay(
                  stripeInvoiceId,
                  InvoicePayParams.builder().build(),
                  StripeApi.idempotent(key(invoice, "pay-" + attempt)));
      outcome = outcomeOf(paid);
    } catch (CardException e) {
      outcome =
          REQUIRES_ACTION.contains(e.getCode())
              ? ChargeOutcome.actionRequired(
                  stripeMessage(e), retrieve(client, stripeInvoiceId).getHostedInvoiceUrl())
              : ChargeOutcome.declined(e.getCode(), stripeMessage(e));
    } catch (InvalidRequestException e) {
      // Paid meanwhile (by an earlier attempt whose answer was lost, more than 24 hours ago)?
      Invoice current = retrieve(client, stripeInvoiceId);
      if (!"paid".equals(current.getStatus())) {
        throw StripeApi.failure("charging invoice " + invoice.number(), e);
      }
      outcome = outcomeOf(current);
    } catch (StripeException e) {
      throw StripeApi.failure("charging invoice " + invoice.number(), e);
    }
    recordAttempt(invoice, attempt, outcome);
    return outcome;
  }

  @Override
  public void closeInStripe(long invoiceId, String status) {
    CardInvoice invoice = invoice(invoiceId);
    if (invoice.stripeInvoiceId() == null) {
      return;
    }
    StripeClient client = stripe.client();
    Invoice current = retrieve(client, invoice.stripeInvoiceId());
    if (!"open".equals(current.getStatus()) && !"draft".equals(current.getStatus())) {
      return; // void, uncollectible or paid there already: nothing left to stop
    }
    try {
      if ("draft".equals(current.getStatus())) {
        // Never finalized, so never payable: a draft is deleted, not voided.
        client
            .v1()
            .invoices()
            .delete(current.getId(), StripeApi.idempotent(key(invoice, "delete")));
      } else if ("void".equals(status)) {
        client
            .v1()
            .invoices()
            .voidInvoice(current.getId(), StripeApi.idempotent(key(invoice, "void")));
      } else {
        client
            .v1()
            .invoices()
            .markUncollectible(
                current.getId(), StripeApi.idempotent(key(invoice, "uncollectible")));
      }
    } catch (StripeException e) {
      throw StripeApi.failure("closing the Stripe invoice of " + invoice.number(), e);
    }
  }

  private static ChargeOutcome outcomeOf(Invoice stripeInvoice) {
    if ("paid".equals(stripeInvoice.getStatus())) {
      return ChargeOutcome.paid(stripeInvoice.getAmountPaid(), stripeInvoice.getId());
    }
    // Cards settle at once: an invoice left open after pay() waits for something we cannot give
    // (an asynchronous payment method set on the customer in Stripe).
    return ChargeOutcome.declined(
        "not_paid", "Stripe left the invoice " + stripeInvoice.getStatus() + " after the charge");
  }

  private void recordAttempt(CardInvoice invoice, int attempt, ChargeOutcome outcome) {
    String error =
        outcome.paid()
            ? null
            : outcome.declineCode() == null
                ? outcome.message()
                : outcome.declineCode() + ": " + outcome.message();
    jdbc.sql(
            """
            update invoices
            set payment_attempts = greatest(payment_attempts, :attempt),
                last_payment_error = :error
            where id = :invoice and account_id = :account
            """)
        .param("attempt", attempt)
        .param("error", error)
        .param("invoice", invoice.id())
        .param("account", invoice.accountId())
        .update();
  }

  private String customer(StripeClient client, CardInvoice invoice) {
    if (invoice.stripeCustomerId() != null) {
      return invoice.stripeCustomerId();
    }
    Customer customer;
    try {
      customer =
          client
              .v1()
              .customers()
              .create(
                  CustomerCreateParams.builder()
                      .setEmail(invoice.billingEmail())
                      .setName(invoice.accountName())
                      .putMetadata("vigil_account_id", Long.toString(invoice.accountId()))
                      .build(),
                  StripeApi.idempotent("vigil-account-" + invoice.accountId() + "-customer"));
    } catch (StripeException e) {
      throw StripeApi.failure("creating the Stripe customer of account " + invoice.accountId(), e);
    }
    jdbc.sql(
            """
            update billing_profiles set stripe_customer_id = :customer
            where account_id = :account and stripe_customer_id is null
            """)
        .param("customer", customer.getId())
        .param("account", invoice.accountId())
        .update();
    // Whichever push stored one first wins; with the same key it is the same customer anyway.
    return jdbc.sql("select stripe_customer_id from billing_profiles where account_id = :account")
        .param("account", invoice.accountId())
        .query(String.class)
        .single();
  }

  private String createInvoice(StripeClient client, CardInvoice invoice, String customerId) {
    Invoice created;
    try {
      created =
          client
              .v1()
              .invoices()
              .create(
                  InvoiceCreateParams.builder()
                      .setCustomer(customerId)
                      .setCurrency(invoice.currency().toLowerCase(Locale.ROOT))
                      .setCollectionMethod(
                          InvoiceCreateParams.CollectionMethod.CHARGE_AUTOMATICALLY)
                      // We finalize and charge when the workflow says so, not on Stripe's clock.
                      .setAutoAdvance(false)
                      // Only the items of this invoice: nothing else pending for the customer.
                      .setPendingInvoiceItemsBehavior(
                          InvoiceCreateParams.PendingInvoiceItemsBehavior.EXCLUDE)
                      .setDescription("Vigil invoice " + invoice.number())
                      .addCustomField(
                          InvoiceCreateParams.CustomField.builder()
                              .setName("Vigil invoice")
                              .setValue(invoice.number())
                              .build())
                      .putMetadata("vigil_invoice_id", Long.toString(invoice.id()))
                      .putMetadata("vigil_invoice_number", invoice.number())
                      .putMetadata("vigil_account_id", Long.toString(invoice.accountId()))
                      .build(),
                  StripeApi.idempotent(key(invoice, "create")));
    } catch (StripeException e) {
      throw StripeApi.failure("creating the Stripe invoice for " + invoice.number(), e);
    }
    jdbc.sql(
            """
            update invoices set stripe_invoice_id = :stripe
            where id = :invoice and account_id = :account and stripe_invoice_id is null
            """)
        .param("stripe", created.getId())
        .param("invoice", invoice.id())
        .param("account", invoice.accountId())
        .update();
    return jdbc.sql(
            "select stripe_invoice_id from invoices where id = :invoice and account_id = :account")
        .param("invoice", invoice.id())
        .param("account", invoice.accountId())
        .query(String.class)
        .single();
  }

  private void addItem(
      StripeClient client,
      CardInvoice invoice,
      String customerId,
      String stripeInvoiceId,
      Line line) {
    try {
      InvoiceItemCreateParams.Builder item =
          InvoiceItemCreateParams.builder()
              .setCustomer(customerId)
              .setInvoice(stripeInvoiceId)
              // Already rounded by our rating; negative for credits.
              .setAmount(line.amountMinor())
              .setCurrency(invoice.currency().toLowerCase(Locale.ROOT))
              .setDescription(line.description())
              .putMetadata("vigil_invoice_id", Long.toString(invoice.id()))
              .putMetadata("vigil_invoice_line_id", Long.toString(line.id()));
      if (line.taxRatePercent() != null) {
        // Tax is an item of its own, as our ledger computed and rounded it (docs/decisions/0065):
        // Stripe's tax rates would compute it again by their own rounding, and the totals could
        // part by a cent.
        item.putMetadata("vigil_line_kind", "tax")
            .putMetadata("vigil_tax_rate_percent", line.taxRatePercent().toPlainString())
            .putMetadata("vigil_taxable_minor", Long.toString(line.taxableMinor()));
      }
      client
          .v1()
          .invoiceItems()
          .create(item.build(), StripeApi.idempotent(key(invoice, "line-" + line.id())));
    } catch (StripeException e) {
      throw StripeApi.failure(
          "adding line " + line.position() + " of " + invoice.number() + " to Stripe", e);
    }
  }

  private Invoice finalizeInvoice(
      StripeClient client, CardInvoice invoice, String stripeInvoiceId) {
    try {
      return client
          .v1()
          .invoices()
          .finalizeInvoice(
              stripeInvoiceId,
              InvoiceFinalizeInvoiceParams.builder().setAutoAdvance(false).build(),
              StripeApi.idempotent(key(invoice, "finalize")));
    } catch (StripeException e) {
      throw StripeApi.failure("finalizing the Stripe invoice for " + invoice.number(), e);
    }
  }

  private static Invoice retrieve(StripeClient client, String stripeInvoiceId) {
    try {
      return client.v1().invoices().retrieve(stripeInvoiceId);
    } catch (StripeException e) {
      throw StripeApi.failure("reading Stripe invoice " + stripeInvoiceId, e);
    }
  }

  /**
   * Our line ids already on the Stripe invoice, from its invoice items' metadata (the items carry
   * it themselves, whatever the invoice's lines show).
   */
  private static Set<Long> linesIn(StripeClient client, String stripeInvoiceId) {
    Set<Long> ids = new HashSet<>();
    try {
      for (InvoiceItem item :
          client
              .v1()
              .invoiceItems()
              .list(
                  InvoiceItemListParams.builder()
                      .setInvoice(stripeInvoiceId)
                      .setLimit(100L)
                      .build())
              .autoPagingIterable()) {
        String lineId =
            item.getMetadata() == null ? null : item.getMetadata().get("vigil_invoice_line_id");
        if (lineId != null) {
          ids.add(Long.parseLong(lineId));
        }
      }
    } catch (StripeException e) {
      throw StripeApi.failure("reading the items of Stripe invoice " + stripeInvoiceId, e);
    }
    log.info("Stripe invoice {} already holds {} of our lines", stripeInvoiceId, ids.size());
    return ids;
  }

  /**
   * {@code vigil-account-7-2026-11-invoice-42-pay-2}: the account, the period and the invoice (one
   * invoice per account and period), and the step.
   */
  private static String key(CardInvoice invoice, String step) {
    return "vigil-account-"
        + invoice.accountId()
        + "-"
        + invoice.period()
        + "-invoice-"
        + invoice.id()
        + "-"
        + step;
  }

  private static String stripeMessage(StripeException e) {
    return e.getStripeError() != null && e.getStripeError().getMessage() != null
        ? e.getStripeError().getMessage()
        : e.getMessage();
  }

  private CardInvoice invoice(long invoiceId) {
    CardInvoice invoice =
        jdbc.sql(
                """
                select i.id, i.account_id, i.number, i.currency, i.total_minor,
                       i.period_start, i.billing_time_zone,
                       i.collection_method, i.stripe_invoice_id,
                       a.name, b.billing_email, b.stripe_customer_id
                from invoices i
                join accounts a on a.id = i.account_id
                join billing_profiles b on b.account_id = i.account_id
                where i.id = :invoice
                """)
            .param("invoice", invoiceId)
            .query(
                (rs, n) ->
                    new CardInvoice(
                        rs.getLong("id"),
                        rs.getLong("account_id"),
                        rs.getString("number"),
                        // The month in Java's zone rules, the ones that drew the period.
                        YearMonth.from(
                                rs.getObject("period_start", OffsetDateTime.class)
                                    .atZoneSameInstant(
                                        ZoneId.of(rs.getString("billing_time_zone"))))
                            .toString(),
                        rs.getString("currency"),
                        rs.getLong("total_minor"),
                        rs.getString("collection_method"),
                        rs.getString("stripe_invoice_id"),
                        rs.getString("name"),
                        rs.getString("billing_email"),
                        rs.getString("stripe_customer_id")))
            .optional()
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "invoice " + invoiceId + " does not exist or its account is not billed",
                        StripeApi.REJECTED));
    if (!"card".equals(invoice.collectionMethod())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "invoice "
              + invoice.number()
              + " is collected by "
              + invoice.collectionMethod()
              + ", not by card: it is not mirrored into Stripe",
          StripeApi.REJECTED);
    }
    return invoice;
  }

  private List<Line> lines(CardInvoice invoice) {
    return jdbc.sql(
            """
            select id, position, description, amount_minor, tax_rate_percent, taxable_minor
            from invoice_lines
            where invoice_id = :invoice and account_id = :account
            order by position
            """)
        .param("invoice", invoice.id())
        .param("account", invoice.accountId())
        .query(
            (rs, n) ->
                new Line(
                    rs.getLong("id"),
                    rs.getInt("position"),
                    rs.getString("description"),
                    rs.getLong("amount_minor"),
                    rs.getBigDecimal("tax_rate_percent") == null
                        ? null
                        : rs.getBigDecimal("tax_rate_percent").stripTrailingZeros(),
                    (Long) rs.getObject("taxable_minor", Long.class)))
        .list();
  }

  private record CardInvoice(
      long id,
      long accountId,
      String number,
      String period,
      String currency,
      long totalMinor,
      String collectionMethod,
      String stripeInvoiceId,
      String accountName,
      String billingEmail,
      String stripeCustomerId) {}

  /**
   * @param taxRatePercent a tax line's rate; null for other lines
   * @param taxableMinor what a tax line's rate applied to; null for other lines
   */
  private record Line(
      long id,
      int position,
      String description,
      long amountMinor,
      java.math.BigDecimal taxRatePercent,
      Long taxableMinor) {}
}
