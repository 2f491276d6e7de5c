package dev.vigil.billing.ledger;

import dev.vigil.billing.invoice.CreditNoteRequest;
import dev.vigil.billing.invoice.InvoiceStatus;
import dev.vigil.refusal.Refusal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Credit notes: the one writer of {@code credit_notes} (docs/decisions/0043). A credit note takes
 * an amount off an issued invoice: what the invoice still owes is reduced first (an invoice owing
 * nothing more is paid), and the part its payments had already covered becomes account credit. An
 * open invoice is credited through its workflow, which must know its balance (and, for a card
 * invoice, tells Stripe to collect that much less: docs/decisions/0066); a paid invoice, whose
 * workflow has ended, is credited here directly.
 */
@Component
public class CreditNotes {

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final InvoiceLocks locks;
  private final InvoiceBalances balances;

  public CreditNotes(
      JdbcClient jdbc, TransactionTemplate tx, InvoiceLocks locks, InvoiceBalances balances) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.locks = locks;
    this.balances = balances;
  }

  /** A credit note as its customer and the operator read it. */
  public record CreditNote(
      long id,
      long accountId,
      long invoiceId,
      String invoiceNumber,
      String number,
      String currency,
      long amountMinor,
      long appliedMinor,
      long creditMinor,
      String reason,
      Instant createdAt) {}

  /**
   * Issues a credit note on an open or paid invoice, once per request key. Refused: a draft (add an
   * adjustment instead), a void or written-off invoice (nothing is owed to credit), an amount over
   * what is not yet credited.
   */
  public CreditNote issue(long invoiceId, CreditNoteRequest request) {
    Long id = tx.execute(s -> issueLocked(invoiceId, request));
    return byId(id);
  }

  private long issueLocked(long invoiceId, CreditNoteRequest request) {
    InvoiceLocks.Locked invoice = locks.lock(invoiceId);
    Optional<Long> done =
        jdbc.sql("select id from credit_notes where request_key = :key")
            .param("key", request.requestKey())
            .query(Long.class)
            .optional();
    if (done.isPresent()) {
      return done.get();
    }
    if (invoice.status() != InvoiceStatus.OPEN && invoice.status() != InvoiceStatus.PAID) {
      throw Refusal.wrongStateFailure(
          "invoice "
              + invoice.label()
              + " is "
              + invoice.status()
              + ": only an open or paid invoice takes a credit note"
              + (invoice.status() == InvoiceStatus.DRAFT ? " (adjust the draft instead)" : ""));
    }
    if (request.reason() == null || request.reason().isBlank()) {
      throw Refusal.invalidFieldFailure("reason", "is required");
    }
    long credited =
        jdbc.sql("select coalesce(sum(amount_minor), 0) from credit_notes where invoice_id = :id")
            .param("id", invoiceId)
            .query(Long.class)
            .single();
    long creditable = invoice.totalMinor() - credited;
    long amount = request.amountMinor() == 0 ? creditable : request.amountMinor();
    if (amount <= 0) {
      throw request.amountMinor() == 0
          ? Refusal.wrongStateFailure("invoice " + invoice.label() + " is fully credited already")
          : Refusal.invalidFieldFailure("amount", "must be more than zero");
    }
    if (amount > creditable) {
      throw Refusal.invalidFieldFailure(
          "amount",
          "is more than the "
              + creditable
              + " minor units of "
              + invoice.label()
              + " not yet credited");
    }
    long applied =
        invoice.status() == InvoiceStatus.OPEN ? Math.min(amount, invoice.balanceMinor()) : 0;
    long credit = amount - applied;
    long next = jdbc.sql("select nextval('credit_note_numbers')").query(Long.class).single();
    long id =
        jdbc.sql(
                """
                insert into credit_notes (account_id, invoice_id, number, currency, amount_minor,
                                          applied_minor, credit_minor, reason, created_by,
                                          request_key)
                values (:account, :invoice, :number, :currency, :amount, :applied, :credit,
                        :reason, :user, :key)
                returning id
                """)
            .param("account", invoice.accountId())
            .param("invoice", invoiceId)
            .param("number", number(next))
            .param("currency", invoice.currency())
            .param("amount", amount)
            .param("applied", applied)
            .param("credit", credit)
            .param("reason", request.reason().strip())
            .param("user", request.actor() == null ? null : request.actor().userId())
            .param("key", request.requestKey())
            .query(Long.class)
            .single();
    balances.receive(invoiceId, 0, applied);
    if (credit > 0) {
      jdbc.sql(
              """
              insert into account_credits (account_id, currency, amount_minor, invoice_id,
                                           credit_note_id, description)
              values (:account, :currency, :amount, :invoice, :note, :description)
              """)
          .param("account", invoice.accountId())
          .param("currency", invoice.currency())
          .param("amount", credit)
          .param("invoice", invoiceId)
          .param("note", id)
          .param("description", "Credit note " + number(next) + " on " + invoice.label())
          .update();
    }
    return id;
  }

  /** CN-000042: credit notes are numbered in a series of their own. */
  static String number(long sequence) {
    return "CN-%06d".formatted(sequence);
  }

  /** The credit note a request issued, once it has. */
  public Optional<CreditNote> byRequestKey(String requestKey) {
    return jdbc.sql(SELECT + " where n.request_key = :key")
        .param("key", requestKey)
        .query(CreditNotes::map)
        .optional();
  }

  private CreditNote byId(long id) {
    return jdbc.sql(SELECT + " where n.id = :id").param("id", id).query(CreditNotes::map).single();
  }

  public Optional<CreditNote> find(long accountId, long id) {
    return jdbc.sql(SELECT + " where n.account_id = :account and n.id = :id")
        .param("account", accountId)
        .param("id", id)
        .query(CreditNotes::map)
        .optional();
  }

  /** The account's credit notes, newest first; of one invoice when {@code invoiceId} is set. */
  public List<CreditNote> list(long accountId, Long invoiceId) {
    return jdbc.sql(
            SELECT
                + " where n.account_id = :account"
                + (invoiceId == null ? "" : " and n.invoice_id = :invoice")
                + " order by n.id desc")
        .param("account", accountId)
        .param("invoice", invoiceId == null ? 0 : invoiceId)
        .query(CreditNotes::map)
        .list();
  }

  private static final String SELECT =
      """
      select n.id, n.account_id, n.invoice_id, i.number as invoice_number, n.number, n.currency,
             n.amount_minor, n.applied_minor, n.credit_minor, n.reason, n.created_at
      from credit_notes n join invoices i on i.id = n.invoice_id
      """;

  private static CreditNote map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new CreditNote(
        rs.getLong("id"),
        rs.getLong("account_id"),
        rs.getLong("invoice_id"),
        rs.getString("invoice_number"),
        rs.getString("number"),
        rs.getString("currency"),
        rs.getLong("amount_minor"),
        rs.getLong("applied_minor"),
        rs.getLong("credit_minor"),
        rs.getString("reason"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }
}
