package dev.vigil.billing.document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An account's billing movements in a time range, as CSV (RFC 4180, a header row, CRLF line ends)
 * for an accounting system. A row belongs to the range when its moment is at or after {@code from}
 * and before {@code to}: invoices by when they were issued (drafts never appear), payments by when
 * they were recorded, credit by when it was granted or applied. Rows are in that order of moments.
 *
 * <p>Columns:
 *
 * <ul>
 *   <li>{@code record_type}: {@code invoice}, {@code payment} or {@code credit}
 *   <li>{@code record_id}: the invoice's, payment's or credit movement's id; unique per record
 *       type, so an import can skip rows it already has
 *   <li>{@code date}: ISO date. Invoice: the issue date in the invoice's billing time zone.
 *       Payment: the day the check was received; for card payments the day it was recorded, in the
 *       billing time zone. Credit: the day of the movement in the billing time zone
 *   <li>{@code invoice_number}: {@code VIG-000042}; for credit, the invoice it was applied to or
 *       came from (or {@code Draft} for a draft, which has no number yet), empty when none
 *   <li>{@code status}: the invoice's status now (open, paid, void, uncollectible); empty for other
 *       rows
 *   <li>{@code currency}: ISO 4217
 *   <li>{@code amount}: a plain decimal in major units with the currency's decimals ({@code
 *       1234.56}, {@code 1235} for JPY). Invoice: its total. Payment: the amount received. Credit:
 *       positive when granted (an overpayment), negative when applied to an invoice
 *   <li>{@code period_start}, {@code period_end}: the invoice's first and last billed day,
 *       inclusive, in its billing time zone; empty for other rows
 *   <li>{@code method}: {@code check}, {@code transfer} or {@code card} for payments; empty for
 *       other rows
 *   <li>{@code check_number}: the check's number, or the transfer's reference; else empty
 *   <li>{@code description}: what a credit movement was; empty for other rows
 * </ul>
 */
@Component
public class InvoiceCsvExport {

  /** The header row, in column order. */
  public static final List<String> COLUMNS =
      List.of(
          "record_type",
          "record_id",
          "date",
          "invoice_number",
          "status",
          "currency",
          "amount",
          "period_start",
          "period_end",
          "method",
          "check_number",
          "description");

  private final JdbcClient jdbc;

  public InvoiceCsvExport(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Writes the header and the account's rows in [from, to); the writer is flushed, not closed. */
  public void write(long accountId, Instant from, Instant to, Writer out) {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("the export's range is empty: " + from + " to " + to);
    }
    List<Row> rows = new ArrayList<>();
    rows.addAll(invoices(accountId, from, to));
    rows.addAll(payments(accountId, from, to));
    rows.addAll(credits(accountId, from, to));
    rows.sort(Comparator.comparing(Row::at).thenComparing(Row::order).thenComparing(Row::id));
    try {
      CSVPrinter printer =
          CSVFormat.DEFAULT.builder().setHeader(COLUMNS.toArray(String[]::new)).get().print(out);
      for (Row row : rows) {
        printer.printRecord(row.values().stream().map(SpreadsheetCells::inert).toList());
      }
      printer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the billing export", e);
    }
  }

  private List<Row> invoices(long accountId, Instant from, Instant to) {
    return jdbc.sql(
            """
            select id, number, status, currency, total_minor, issued_at, period_start, period_end,
                   billing_time_zone
            from invoices
            where account_id = :account and issued_at >= :from and issued_at < :to
            """)
        .param("account", accountId)
        .param("from", utc(from))
        .param("to", utc(to))
        .query(
            (rs, n) -> {
              ZoneId zone = ZoneId.of(rs.getString("billing_time_zone"));
              Instant issued = InvoiceReader.instant(rs, "issued_at");
              String currency = rs.getString("currency");
              return new Row(
                  issued,
                  0,
                  rs.getLong("id"),
                  List.of(
                      "invoice",
                      String.valueOf(rs.getLong("id")),
                      date(issued, zone),
                      InvoiceDetail.displayNumber(rs.getString("number")),
                      rs.getString("status"),
                      currency,
                      MoneyFormat.decimal(rs.getLong("total_minor"), currency),
                      date(InvoiceReader.instant(rs, "period_start"), zone),
                      InvoiceReader.instant(rs, "period_end")
                          .atZone(zone)
                          .toLocalDate()
                          .minusDays(1)
                          .toString(),
                      "",
                      "",
                      ""));
            })
        .list();
  }

  private List<Row> payments(long accountId, Instant from, Instant to) {
    return jdbc.sql(
            """
            select p.id, p.method, p.amount_minor, p.currency, p.check_number, p.received_on,
                   p.recorded_at,
                   case when i.id is not null then coalesce(i.number, 'Draft') end as number,
                   coalesce(i.billing_time_zone, b.billing_time_zone, 'UTC') as billing_time_zone
            from payments p
            left join invoices i on i.id = p.invoice_id and i.account_id = p.account_id
            left join billing_profiles b on b.account_id = p.account_id
            where p.account_id = :account and p.recorded_at >= :from and p.recorded_at < :to
            """)
        .param("account", accountId)
        .param("from", utc(from))
        .param("to", utc(to))
        .query(
            (rs, n) -> {
              Instant recorded = InvoiceReader.instant(rs, "recorded_at");
              LocalDate received = rs.getObject("received_on", LocalDate.class);
              String currency = rs.getString("currency");
              return new Row(
                  recorded,
                  1,
                  rs.getLong("id"),
                  List.of(
                      "payment",
                      String.valueOf(rs.getLong("id")),
                      received != null
                          ? received.toString()
                          : date(recorded, ZoneId.of(rs.getString("billing_time_zone"))),
                      nullToEmpty(rs.getString("number")),
                      "",
                      currency,
                      MoneyFormat.decimal(rs.getLong("amount_minor"), currency),
                      "",
                      "",
                      rs.getString("method"),
                      nullToEmpty(rs.getString("check_number")),
                      ""));
            })
        .list();
  }

  private List<Row> credits(long accountId, Instant from, Instant to) {
    return jdbc.sql(
            """
            select c.id, c.currency, c.amount_minor, c.description, c.created_at,
                   coalesce(ci.number, pi.number,
                            case when coalesce(ci.id, pi.id) is not null then 'Draft' end)
                       as number,
                   coalesce(ci.billing_time_zone, pi.billing_time_zone, b.billing_time_zone, 'UTC')
                       as zone
            from account_credits c
            left join invoices ci on ci.id = c.invoice_id and ci.account_id = c.account_id
            left join payments p on p.id = c.payment_id and p.account_id = c.account_id
            left join invoices pi on pi.id = p.invoice_id and pi.account_id = c.account_id
            left join billing_profiles b on b.account_id = c.account_id
            where c.account_id = :account and c.created_at >= :from and c.created_at < :to
            """)
        .param("account", accountId)
        .param("from", utc(from))
        .param("to", utc(to))
        .query(
            (rs, n) -> {
              Instant created = InvoiceReader.instant(rs, "created_at");
              String currency = rs.getString("currency");
              return new Row(
                  created,
                  2,
                  rs.getLong("id"),
                  List.of(
                      "credit",
                      String.valueOf(rs.getLong("id")),
                      date(created, ZoneId.of(rs.getString("zone"))),
                      nullToEmpty(rs.getString("number")),
                      "",
                      currency,
                      MoneyFormat.decimal(rs.getLong("amount_minor"), currency),
                      "",
                      "",
                      "",
                      "",
                      rs.getString("description")));
            })
        .list();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static String date(Instant instant, ZoneId zone) {
    return instant.atZone(zone).toLocalDate().toString();
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }

  /** One row with what orders it: its moment, then invoices before payments before credit. */
  private record Row(Instant at, int order, long id, List<String> values) {}
}
