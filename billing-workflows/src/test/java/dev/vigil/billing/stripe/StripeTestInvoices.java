package dev.vigil.billing.stripe;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Card invoices written straight into PostgreSQL for the Stripe tests: an account of its own with a
 * card billing profile, and an open invoice with the given lines.
 */
final class StripeTestInvoices {

  private final JdbcClient jdbc;

  StripeTestInvoices(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A card-paying account named {@code name}, billed to {@code email}, without a customer yet. */
  long cardAccount(String name, String email) {
    long accountId =
        jdbc.sql("insert into accounts (name) values (:name) returning id")
            .param("name", name)
            .query(Long.class)
            .single();
    jdbc.sql(
            """
            insert into billing_profiles
              (account_id, collection_method, billing_time_zone, billing_email, billing_starts_at)
            values (:account, 'card', 'UTC', :email, timestamptz '2026-01-01 00:00:00+00')
            """)
        .param("account", accountId)
        .param("email", email)
        .update();
    return accountId;
  }

  /** An open USD invoice for {@code month} (1-12) of 2026 whose total is the sum of the lines. */
  Invoice openInvoice(long accountId, int month, Line... lines) {
    OffsetDateTime start = OffsetDateTime.of(2026, month, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    long total = 0;
    for (Line line : lines) {
      total += line.amountMinor();
    }
    String number = "VIG-T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    long invoiceId =
        jdbc.sql(
                """
                insert into invoices
                  (account_id, number, period_start, period_end, billing_time_zone, currency,
                   plan_version_id, collection_method, status, total_minor, issued_at)
                values (:account, :number, :start, :end, 'UTC', 'USD',
                        (select id from plan_versions where plan_code = 'business' and version = 1),
                        'card', 'open', :total, now())
                returning id
                """)
            .param("account", accountId)
            .param("number", number)
            .param("start", start)
            .param("end", start.plusMonths(1))
            .param("total", total)
            .query(Long.class)
            .single();
    List<Long> lineIds = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      lineIds.add(
          jdbc.sql(
                  """
                  insert into invoice_lines
                    (account_id, invoice_id, position, kind, description, amount_minor)
                  values (:account, :invoice, :position, :kind, :description, :amount)
                  returning id
                  """)
              .param("account", accountId)
              .param("invoice", invoiceId)
              .param("position", i + 1)
              .param("kind", lines[i].kind())
              .param("description", lines[i].description())
              .param("amount", lines[i].amountMinor())
              .query(Long.class)
              .single());
    }
    return new Invoice(
        accountId, invoiceId, number, "2026-%02d".formatted(month), total, List.copyOf(lineIds));
  }

  /** Marks the invoice as already mirrored to this Stripe invoice, of this Stripe customer. */
  void mirroredTo(Invoice invoice, String stripeCustomerId, String stripeInvoiceId) {
    jdbc.sql("update billing_profiles set stripe_customer_id = :customer where account_id = :id")
        .param("customer", stripeCustomerId)
        .param("id", invoice.accountId())
        .update();
    jdbc.sql("update invoices set stripe_invoice_id = :stripe where id = :id")
        .param("stripe", stripeInvoiceId)
        .param("id", invoice.id())
        .update();
  }

  String stripeInvoiceId(Invoice invoice) {
    return jdbc.sql("select stripe_invoice_id from invoices where id = :id")
        .param("id", invoice.id())
        .query(String.class)
        .optional()
        .orElse(null);
  }

  String stripeCustomerId(long accountId) {
    return jdbc.sql("select stripe_customer_id from billing_profiles where account_id = :id")
        .param("id", accountId)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  int paymentAttempts(Invoice invoice) {
    return jdbc.sql("select payment_attempts from invoices where id = :id")
        .param("id", invoice.id())
        .query(Integer.class)
        .single();
  }

  String lastPaymentError(Invoice invoice) {
    return jdbc.sql("select last_payment_error from invoices where id = :id")
        .param("id", invoice.id())
        .query(String.class)
        .optional()
        .orElse(null);
  }

  record Line(String kind, String description, long amountMinor) {

    static Line fee(String description, long amountMinor) {
      return new Line("base_fee", description, amountMinor);
    }

    static Line credit(String description, long amountMinor) {
      return new Line("adjustment", description, amountMinor);
    }
  }

  /**
   * @param period the invoice's month, as Stripe idempotency keys name it (2026-05)
   */
  record Invoice(
      long accountId, long id, String number, String period, long totalMinor, List<Long> lineIds) {

    /** The idempotency key of one step: account, period, invoice and step. */
    String key(String step) {
      return "vigil-account-" + accountId + "-" + period + "-invoice-" + id + "-" + step;
    }
  }
}
