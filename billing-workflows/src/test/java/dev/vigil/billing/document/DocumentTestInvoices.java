package dev.vigil.billing.document;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Invoices, lines, payments and credit written straight into PostgreSQL, as the billing workflows
 * would have left them, for the tests of what customers read.
 */
final class DocumentTestInvoices {

  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private final JdbcClient jdbc;

  DocumentTestInvoices(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A new account with a billing profile. */
  long account(String name, String collectionMethod, String billingEmail) {
    long account =
        jdbc.sql("insert into accounts (name) values (?) returning id")
            .param(name)
            .query(Long.class)
            .single();
    jdbc.sql(
            """
            insert into billing_profiles (account_id, collection_method, billing_time_zone,
                                          billing_email, billing_starts_at)
            values (?, ?, ?, ?, ?)
            """)
        .params(
            account,
            collectionMethod,
            NEW_YORK.getId(),
            billingEmail,
            utc(Instant.parse("2026-01-01T05:00:00Z")))
        .update();
    return account;
  }

  /**
   * A draft invoice for a month in New York on the Business plan; {@link #issue} and {@link
   * #status} move it on.
   */
  Invoice invoice(long account, String collectionMethod, YearMonth month) {
    long planVersion =
        jdbc.sql("select id from plan_versions where plan_code = 'business' and version = 1")
            .query(Long.class)
            .single();
    Instant start = month.atDay(1).atStartOfDay(NEW_YORK).toInstant();
    Instant end = month.plusMonths(1).atDay(1).atStartOfDay(NEW_YORK).toInstant();
    return jdbc.sql(
            """
            insert into invoices (account_id, number, period_start, period_end, billing_time_zone,
                                  currency, plan_version_id, collection_method)
            values (?, 'VIG-D' || upper(substr(md5(random()::text), 1, 8)), ?, ?, ?, 'USD', ?, ?)
            returning id, number
            """)
        .params(account, utc(start), utc(end), NEW_YORK.getId(), planVersion, collectionMethod)
        .query((rs, n) -> new Invoice(rs.getLong("id"), rs.getString("number")))
        .single();
  }

  void issue(Invoice invoice, Instant issuedAt, Instant dueAt) {
    jdbc.sql("update invoices set status = 'open', issued_at = ?, due_at = ? where id = ?")
        .params(utc(issuedAt), dueAt == null ? null : utc(dueAt), invoice.id())
        .update();
  }

  void status(Invoice invoice, String status, Instant at, String reason) {
    String column = status.equals("paid") ? "paid_at" : "closed_at";
    jdbc.sql(
            "update invoices set status = ?, "
                + column
                + " = ?, close_reason = coalesce(?, close_reason) where id = ?")
        .params(status, utc(at), reason, invoice.id())
        .update();
  }

  /** A line at the next position; the invoice's total grows by its amount. */
  void line(
      long account,
      Invoice invoice,
      String kind,
      String description,
      String quantity,
      String unitPriceMinor,
      long amountMinor,
      String reason) {
    jdbc.sql(
            """
            insert into invoice_lines (account_id, invoice_id, position, kind, description,
                                       quantity, unit_price_minor, amount_minor, reason)
            values (?, ?, (select coalesce(max(position), 0) + 1 from invoice_lines
                           where invoice_id = ?), ?, ?, ?, ?, ?, ?)
            """)
        .params(
            account,
            invoice.id(),
            invoice.id(),
            kind,
            description,
            new BigDecimal(quantity),
            new BigDecimal(unitPriceMinor),
            amountMinor,
            reason)
        .update();
    jdbc.sql("update invoices set total_minor = total_minor + ? where id = ?")
        .params(amountMinor, invoice.id())
        .update();
  }

  void usage(
      long account,
      Invoice invoice,
      String usageType,
      YearMonth month,
      long units,
      long included,
      long billable) {
    jdbc.sql(
            """
            insert into invoice_usage (invoice_id, account_id, usage_type, period_start, units,
                                       included_units, billable_units)
            values (?, ?, ?, ?, ?, ?, ?)
            """)
        .params(
            invoice.id(),
            account,
            usageType,
            utc(month.atDay(1).atStartOfDay(NEW_YORK).toInstant()),
            units,
            included,
            billable)
        .update();
  }

  /** A payment; the invoice's amount paid grows by it. */
  long payment(
      long account,
      Invoice invoice,
      String method,
      long amountMinor,
      String checkNumber,
      LocalDate receivedOn,
      Instant recordedAt) {
    long id =
        jdbc.sql(
                """
                insert into payments (account_id, invoice_id, method, amount_minor, currency,
                                      check_number, received_on, recorded_at)
                values (?, ?, ?, ?, 'USD', ?, ?, ?)
                returning id
                """)
            .params(
                account,
                invoice.id(),
                method,
                amountMinor,
                checkNumber,
                receivedOn,
                utc(recordedAt))
            .query(Long.class)
            .single();
    jdbc.sql("update invoices set amount_paid_minor = amount_paid_minor + ? where id = ?")
        .params(amountMinor, invoice.id())
        .update();
    return id;
  }

  long credit(
      long account,
      String currency,
      long amountMinor,
      Invoice invoice,
      String description,
      Instant createdAt) {
    return jdbc.sql(
            """
            insert into account_credits (account_id, currency, amount_minor, invoice_id,
                                         description, created_at)
            values (?, ?, ?, ?, ?, ?)
            returning id
            """)
        .params(
            account,
            currency,
            amountMinor,
            invoice == null ? null : invoice.id(),
            description,
            utc(createdAt))
        .query(Long.class)
        .single();
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  record Invoice(long id, String number) {}
}
