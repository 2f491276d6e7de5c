package dev.vigil.billing.ledger;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What an issued invoice has received, and the one rule of when it is paid: once its payments and
 * credit notes together reach its total (docs/decisions/0043). Callers hold the invoice's row lock
 * ({@link InvoiceLocks}) in the same transaction and never apply more than its balance.
 */
@Component
class InvoiceBalances {

  private final JdbcClient jdbc;

  InvoiceBalances(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Adds a payment's applied part ({@code paidMinor}) and a credit note's ({@code creditedMinor}).
   */
  void receive(long invoiceId, long paidMinor, long creditedMinor) {
    if (paidMinor == 0 && creditedMinor == 0) {
      return;
    }
    // Every right-hand side reads the row as it was before this update.
    jdbc.sql(
            """
            update invoices
            set amount_paid_minor = amount_paid_minor + :paid,
                credited_minor = credited_minor + :credited,
                status = case when amount_paid_minor + credited_minor + :paid + :credited
                                   >= total_minor
                              then 'paid' else status end,
                paid_at = case when amount_paid_minor + credited_minor + :paid + :credited
                                    >= total_minor
                               then now() else paid_at end
            where id = :id
            """)
        .param("paid", paidMinor)
        .param("credited", creditedMinor)
        .param("id", invoiceId)
        .update();
  }
}
