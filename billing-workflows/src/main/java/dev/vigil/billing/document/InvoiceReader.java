package dev.vigil.billing.document;

import dev.vigil.billing.ledger.AccountCredits;
import dev.vigil.billing.ledger.CollectionMethod;
import dev.vigil.billing.rating.TaxTreatment;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads invoices for people: the API, the PDF, the export. Every query is scoped by the account, so
 * an invoice id or number of another account is simply not found.
 */
@Component
public class InvoiceReader {

  private static final String DETAIL =
      """
      select i.id, i.account_id, a.name as account_name, b.billing_email, i.number,
             i.period_start, i.period_end, i.billing_time_zone, i.currency,
             p.name as plan_name, v.version as plan_version, i.collection_method, i.status,
             i.total_minor, i.amount_paid_minor, i.drafted_at, i.issued_at, i.due_at, i.paid_at,
             i.closed_at, i.close_reason, i.stripe_invoice_id, i.payment_attempts,
             i.last_payment_error, i.credited_minor,
             case when i.issued_at is null then b.po_number else i.po_number end as po_number,
             case when i.issued_at is null then b.bill_to_address else i.bill_to_address end
                 as bill_to_address,
             i.seller_name, i.seller_address, i.seller_tax_id, i.customer_tax_id,
             i.reverse_charge,
             exists (select 1 from credit_notes n where n.invoice_id = i.id) as has_credit_notes,
             exists (select 1 from account_credits c where c.invoice_id = i.id and c.amount_minor > 0)
                 as has_credit
      from invoices i
      join accounts a on a.id = i.account_id
      join plan_versions v on v.id = i.plan_version_id
      join plans p on p.code = v.plan_code
      left join billing_profiles b on b.account_id = i.account_id
      where i.account_id = :account
      """;

  private static final String PAYMENTS =
      """
      select p.id, p.invoice_id, i.number, p.method, p.amount_minor, p.currency, p.check_number,
             p.received_on, p.recorded_at
      from payments p left join invoices i on i.id = p.invoice_id and i.account_id = p.account_id
      where p.account_id = :account
      """;

  private final JdbcClient jdbc;
  private final AccountCredits credits;

  public InvoiceReader(JdbcClient jdbc, AccountCredits credits) {
    this.credits = credits;
    this.jdbc = jdbc;
  }

  public Optional<InvoiceDetail> find(long accountId, long invoiceId) {
    return detail("and i.id = :key", accountId, invoiceId);
  }

  /**
   * The operator's approval queue: draft check invoices of every account, oldest first (card
   * invoices are never approved: they are issued and charged on their own).
   */
  public List<InvoiceDetail> awaitingApproval(int limit) {
    return jdbc
        .sql(
            """
            select id, account_id from invoices
            where status = 'draft' and collection_method = 'check'
            order by id limit :limit""")
        .param("limit", limit)
        .query((rs, n) -> new long[] {rs.getLong("account_id"), rs.getLong("id")})
        .list()
        .stream()
        .map(key -> find(key[0], key[1]))
        .flatMap(Optional::stream)
        .toList();
  }

  /** By the number customers quote: {@code VIG-000042}. */
  public Optional<InvoiceDetail> findByNumber(long accountId, String number) {
    return detail("and i.number = :key", accountId, number);
  }

  /**
   * The account's invoices, newest first, a page at a time.
   *
   * @param status only invoices in this status (draft, open, paid, void, uncollectible)
   * @param limit at most this many
   * @param afterId the id of the last invoice of the previous page; null for the first page
   */
  public List<InvoiceSummary> list(
      long accountId, Optional<String> status, int limit, Long afterId) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    StringBuilder sql =
        new StringBuilder(
            """
            select id, number, period_start, period_end, status, currency, total_minor,
                   amount_paid_minor, credited_minor, issued_at, due_at
            from invoices
            where account_id = :account
            """);
    status.ifPresent(s -> sql.append(" and status = :status"));
    if (afterId != null) {
      sql.append(" and id < :after");
    }
    sql.append(" order by id desc limit :limit");
    JdbcClient.StatementSpec query =
        jdbc.sql(sql.toString()).param("account", accountId).param("limit", limit);
    if (status.isPresent()) {
      query = query.param("status", status.get());
    }
    if (afterId != null) {
      query = query.param("after", afterId);
    }
    return query
        .query(
            (rs, n) -> {
              long total = rs.getLong("total_minor");
              long paid = rs.getLong("amount_paid_minor");
              return new InvoiceSummary(
                  rs.getLong("id"),
                  rs.getString("number"),
                  instant(rs, "period_start"),
                  instant(rs, "period_end"),
                  rs.getString("status"),
                  rs.getString("currency"),
                  total,
                  paid,
                  balance(total, paid + rs.getLong("credited_minor")),
                  instant(rs, "issued_at"),
                  instant(rs, "due_at"));
            })
        .list();
  }

  /** Every payment the account made, newest first, each with its invoice's number. */
  public List<InvoiceDetail.Payment> payments(long accountId) {
    return jdbc.sql(PAYMENTS + " order by p.recorded_at desc, p.id desc")
        .param("account", accountId)
        .query(InvoiceReader::payment)
        .list();
  }

  /** The account's credit in one currency: what it will take off its next invoices. */
  public long creditBalance(long accountId, String currency) {
    return credits.balance(accountId, currency);
  }

  /**
   * The account's credit per currency, for every currency it ever had credit in (a credit used up
   * shows as zero), in currency code order.
   */
  public Map<String, Long> creditBalances(long accountId) {
    Map<String, Long> balances = new LinkedHashMap<>();
    jdbc.sql(
            """
            select currency, sum(amount_minor) as balance from account_credits
            where account_id = :account
            group by currency order by currency
            """)
        .param("account", accountId)
        .query(
            rs -> {
              balances.put(rs.getString("currency"), rs.getLong("balance"));
            });
    return balances;
  }

  /**
   * The invoice's row is read and closed before its lines, usage and payments are: a query inside
   * another's row mapper holds two pooled connections at once, and enough concurrent callers then
   * wait on each other for the last ones (see PlanCatalog).
   */
  private Optional<InvoiceDetail> detail(String where, long accountId, Object key) {
    return jdbc.sql(DETAIL + where)
        .param("account", accountId)
        .param("key", key)
        .query(
            (rs, n) -> {
              long id = rs.getLong("id");
              long total = rs.getLong("total_minor");
              long paid = rs.getLong("amount_paid_minor");
              InvoiceDetail detail =
                  new InvoiceDetail(
                      id,
                      rs.getLong("account_id"),
                      rs.getString("account_name"),
                      rs.getString("billing_email"),
                      rs.getString("number"),
                      instant(rs, "period_start"),
                      instant(rs, "period_end"),
                      ZoneId.of(rs.getString("billing_time_zone")),
                      rs.getString("currency"),
                      rs.getString("plan_name") + " v" + rs.getInt("plan_version"),
                      CollectionMethod.fromCode(rs.getString("collection_method")),
                      rs.getString("status"),
                      total,
                      paid,
                      balance(total, paid + rs.getLong("credited_minor")),
                      instant(rs, "drafted_at"),
                      instant(rs, "issued_at"),
                      instant(rs, "due_at"),
                      instant(rs, "paid_at"),
                      instant(rs, "closed_at"),
                      rs.getString("close_reason"),
                      rs.getString("stripe_invoice_id"),
                      rs.getInt("payment_attempts"),
                      rs.getString("last_payment_error"),
                      List.of(),
                      List.of(),
                      List.of(),
                      rs.getLong("credited_minor"),
                      List.of(),
                      List.of(),
                      rs.getString("po_number"),
                      addressLines(rs.getArray("bill_to_address")),
                      new InvoiceDetail.Tax(
                          rs.getString("seller_name"),
                          addressLines(rs.getArray("seller_address")),
                          rs.getString("seller_tax_id"),
                          rs.getString("customer_tax_id"),
                          rs.getBoolean("reverse_charge"),
                          rs.getBoolean("reverse_charge")
                              ? TaxTreatment.REVERSE_CHARGE_WORDING
                              : null,
                          0,
                          0,
                          List.of()));
              // Two reads fewer for the invoices without credit, nearly all of them.
              return new Parts(
                  detail, rs.getBoolean("has_credit_notes"), rs.getBoolean("has_credit"));
            })
        .optional()
        .map(
            row ->
                row.detail()
                    .withParts(
                        lines(accountId, row.detail().id()),
                        usage(accountId, row.detail().id()),
                        invoicePayments(accountId, row.detail().id()),
                        row.hasCreditNotes()
                            ? creditNotes(accountId, row.detail().id())
                            : List.of(),
                        row.hasCredit() ? creditCreated(accountId, row.detail().id()) : List.of()))
        .map(detail -> withTaxLines(detail, taxLines(accountId, detail.id())));
  }

  /** The invoice with its tax lines, its subtotal before them and its tax. */
  private static InvoiceDetail withTaxLines(InvoiceDetail detail, List<InvoiceDetail.TaxLine> tax) {
    long subtotal =
        detail.lines().stream()
            .filter(line -> !line.kind().equals("tax") && !line.kind().equals("account_credit"))
            .mapToLong(InvoiceDetail.Line::amountMinor)
            .sum();
    InvoiceDetail.Tax parties = detail.tax();
    return new InvoiceDetail(
        detail.id(),
        detail.accountId(),
        detail.accountName(),
        detail.billingEmail(),
        detail.number(),
        detail.periodStart(),
        detail.periodEnd(),
        detail.billingTimeZone(),
        detail.currency(),
        detail.planLabel(),
        detail.collectionMethod(),
        detail.status(),
        detail.totalMinor(),
        detail.amountPaidMinor(),
        detail.balanceMinor(),
        detail.draftedAt(),
        detail.issuedAt(),
        detail.dueAt(),
        detail.paidAt(),
        detail.closedAt(),
        detail.closeReason(),
        detail.stripeInvoiceId(),
        detail.paymentAttempts(),
        detail.lastPaymentError(),
        detail.lines(),
        detail.usage(),
        detail.payments(),
        detail.creditedMinor(),
        detail.creditNotes(),
        detail.creditCreated(),
        detail.poNumber(),
        detail.billToAddress(),
        new InvoiceDetail.Tax(
            parties.sellerName(),
            parties.sellerAddress(),
            parties.sellerTaxId(),
            parties.customerTaxId(),
            parties.reverseCharge(),
            parties.note(),
            subtotal,
            tax.stream().mapToLong(InvoiceDetail.TaxLine::amountMinor).sum(),
            tax));
  }

  private List<InvoiceDetail.TaxLine> taxLines(long accountId, long invoiceId) {
    return jdbc.sql(
            """
            select coalesce(r.name, l.description) as name, l.tax_rate_percent, l.taxable_minor,
                   l.amount_minor
            from invoice_lines l left join tax_rates r on r.id = l.tax_rate_id
            where l.account_id = :account and l.invoice_id = :invoice and l.kind = 'tax'
            order by l.position
            """)
        .param("account", accountId)
        .param("invoice", invoiceId)
        .query(
            (rs, n) ->
                new InvoiceDetail.TaxLine(
                    rs.getString("name"),
                    rs.getBigDecimal("tax_rate_percent").stripTrailingZeros().toPlainString(),
                    rs.getLong("taxable_minor"),
                    rs.getLong("amount_minor")))
        .list();
  }

  /** An invoice's own row, and whether it has credit notes and credit to read after it. */
  private record Parts(InvoiceDetail detail, boolean hasCreditNotes, boolean hasCredit) {}

  private List<InvoiceDetail.Line> lines(long accountId, long invoiceId) {
    return jdbc.sql(
            """
            select position, kind, description, usage_type, quantity, unit_price_minor,
                   amount_minor, reason
            from invoice_lines where account_id = :account and invoice_id = :invoice
            order by position
            """)
        .param("account", accountId)
        .param("invoice", invoiceId)
        .query(
            (rs, n) ->
                new InvoiceDetail.Line(
                    rs.getInt("position"),
                    rs.getString("kind"),
                    rs.getString("description"),
                    rs.getString("usage_type"),
                    rs.getBigDecimal("quantity"),
                    rs.getBigDecimal("unit_price_minor"),
                    rs.getLong("amount_minor"),
                    rs.getString("reason")))
        .list();
  }

  private List<InvoiceDetail.Usage> usage(long accountId, long invoiceId) {
    return jdbc.sql(
            """
            select usage_type, period_start, units, included_units, billable_units
            from invoice_usage where account_id = :account and invoice_id = :invoice
            order by period_start, usage_type
            """)
        .param("account", accountId)
        .param("invoice", invoiceId)
        .query(
            (rs, n) ->
                new InvoiceDetail.Usage(
                    rs.getString("usage_type"),
                    instant(rs, "period_start"),
                    rs.getLong("units"),
                    rs.getLong("included_units"),
                    rs.getLong("billable_units")))
        .list();
  }

  private List<InvoiceDetail.Payment> invoicePayments(long accountId, long invoiceId) {
    return jdbc.sql(PAYMENTS + " and p.invoice_id = :invoice order by p.recorded_at, p.id")
        .param("account", accountId)
        .param("invoice", invoiceId)
        .query(InvoiceReader::payment)
        .list();
  }

  private static List<String> addressLines(java.sql.Array lines) throws SQLException {
    return lines == null ? List.of() : List.of((String[]) lines.getArray());
  }

  private List<InvoiceDetail.CreditNoteLine> creditNotes(long accountId, long invoiceId) {
    return jdbc.sql(
            """
            select id, number, amount_minor, reason from credit_notes
            where account_id = :account and invoice_id = :invoice order by id
            """)
        .param("account", accountId)
        .param("invoice", invoiceId)
        .query(
            (rs, n) ->
                new InvoiceDetail.CreditNoteLine(
                    rs.getLong("id"),
                    rs.getString("number"),
                    rs.getLong("amount_minor"),
                    rs.getString("reason")))
        .list();
  }

  private List<InvoiceDetail.CreditCreated> creditCreated(long accountId, long invoiceId) {
    return jdbc.sql(
            """
            select description, amount_minor from account_credits
            where account_id = :account and invoice_id = :invoice and amount_minor > 0
            order by id
            """)
        .param("account", accountId)
        .param("invoice", invoiceId)
        .query(
            (rs, n) ->
                new InvoiceDetail.CreditCreated(
                    rs.getString("description"), rs.getLong("amount_minor")))
        .list();
  }

  private static InvoiceDetail.Payment payment(ResultSet rs, int n) throws SQLException {
    return new InvoiceDetail.Payment(
        rs.getLong("id"),
        rs.getLong("invoice_id"),
        rs.getString("number"),
        rs.getString("method"),
        rs.getLong("amount_minor"),
        rs.getString("currency"),
        rs.getString("check_number"),
        rs.getObject("received_on", LocalDate.class),
        instant(rs, "recorded_at"));
  }

  /**
   * Total less payments and credit notes; an overpayment is account credit, not a negative balance.
   */
  static long balance(long totalMinor, long settledMinor) {
    return Math.max(0, totalMinor - settledMinor);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
