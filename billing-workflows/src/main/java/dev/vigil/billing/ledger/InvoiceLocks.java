package dev.vigil.billing.ledger;

import dev.vigil.billing.invoice.InvoiceStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An invoice's row, read under its lock: every change of what an invoice says is owed takes it
 * first, in the transaction that makes the change, so two changes of one invoice never interleave.
 */
@Component
public class InvoiceLocks {

  private final JdbcClient jdbc;

  public InvoiceLocks(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Locked lock(long invoiceId) {
    return jdbc.sql(
            """
            select i.id, i.account_id, i.number, i.status as status_code, i.currency, i.total_minor,
                   i.amount_paid_minor, i.credited_minor, i.collection_method, b.net_terms_days
            from invoices i join billing_profiles b on b.account_id = i.account_id
            where i.id = :id
            for update of i
            """)
        .param("id", invoiceId)
        .query(Locked.class)
        .single();
  }

  /** The invoice row as read under its lock. */
  record Locked(
      long id,
      long accountId,
      String number,
      String statusCode,
      String currency,
      long totalMinor,
      long amountPaidMinor,
      long creditedMinor,
      String collectionMethod,
      int netTermsDays) {

    /** The number customers see; a draft, which has none yet, by its id. */
    String label() {
      return number != null ? number : "draft #" + id;
    }

    InvoiceStatus status() {
      return InvoiceStatus.of(statusCode);
    }

    /** What is still owed: total less payments and credit notes, never below zero. */
    long balanceMinor() {
      return Math.max(0, totalMinor - amountPaidMinor - creditedMinor);
    }

    boolean card() {
      return collectionMethod.equals(CollectionMethod.CARD.code());
    }
  }
}
