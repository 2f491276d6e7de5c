package dev.vigil.billing.ledger;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The issued invoices' one series, {@code VIG-000001} on (docs/decisions/0053). A number is taken
 * from a counter row updated in the transaction that issues the invoice: the row stays locked until
 * that transaction ends, so two invoices issued at once are numbered one after the other, and an
 * issue that rolls back gives its number back. Drafts carry none.
 */
@Component
class InvoiceNumbers {

  /** The series of this installation; every operator account's invoices share it. */
  static final String SERIES = "VIG";

  private final JdbcClient jdbc;

  InvoiceNumbers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The next number; the caller issues the invoice in the same transaction. */
  String next() {
    long next =
        jdbc.sql(
                """
                update invoice_number_series set last_number = last_number + 1
                where prefix = :series
                returning last_number
                """)
            .param("series", SERIES)
            .query(Long.class)
            .single();
    return format(next);
  }

  static String format(long sequence) {
    return "%s-%06d".formatted(SERIES, sequence);
  }
}
