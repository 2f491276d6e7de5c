package dev.vigil.billing.document;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.billing.document.DocumentTestInvoices.Invoice;
import dev.vigil.testsupport.ActivitiesTestApplication;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** The accounting export, parsed back as an accounting system would read it. */
@SpringBootTest(classes = ActivitiesTestApplication.class)
@TestPropertySource("classpath:dev/vigil/billing/document/remittance.properties")
class InvoiceCsvExportTest {

  // December 2026 in New York: from local midnight on 1 Dec to local midnight on 1 Jan.
  static final Instant FROM = Instant.parse("2026-12-01T05:00:00Z");
  static final Instant TO = Instant.parse("2027-01-01T05:00:00Z");

  @Autowired JdbcClient jdbc;
  @Autowired InvoiceCsvExport export;

  private DocumentTestInvoices invoices;

  @BeforeEach
  void setUp() {
    invoices = new DocumentTestInvoices(jdbc);
  }

  @Test
  void exportsTheRangesInvoicesPaymentsAndCreditWithExactAmounts() throws IOException {
    long account = invoices.account("Books Inc", "check", "ap@books.example.com");
    long other = invoices.account("Other Books", "check", "ap@other.example.com");

    Invoice before = invoices.invoice(account, "check", YearMonth.of(2026, 9));
    invoices.line(account, before, "base_fee", "Business plan", "1", "9900", 9_900, null);
    invoices.issue(before, FROM.minusMillis(1), FROM.plusSeconds(86_400 * 30));

    Invoice atStart = invoices.invoice(account, "check", YearMonth.of(2026, 10));
    invoices.line(account, atStart, "base_fee", "Business plan", "1", "9900", 9_900, null);
    invoices.line(account, atStart, "usage", "SMS", "1250", "1.25", 1_563, null);
    invoices.issue(atStart, FROM, FROM.plusSeconds(86_400 * 30));

    Invoice lastMoment = invoices.invoice(account, "check", YearMonth.of(2026, 11));
    invoices.line(account, lastMoment, "base_fee", "Business plan", "1", "9900", 9_900, null);
    invoices.line(account, lastMoment, "account_credit", "Credit", "1", "0", -2_500, null);
    // 23:59:59 on 31 Dec in New York: still December there, already 1 Jan in UTC.
    invoices.issue(lastMoment, TO.minusSeconds(1), TO.plusSeconds(86_400 * 30));

    Invoice atEnd = invoices.invoice(account, "check", YearMonth.of(2026, 12));
    invoices.line(account, atEnd, "base_fee", "Business plan", "1", "9900", 9_900, null);
    invoices.issue(atEnd, TO, TO.plusSeconds(86_400 * 30));

    invoices.invoice(account, "check", YearMonth.of(2027, 1)); // a draft: never exported

    Invoice othersInvoice = invoices.invoice(other, "check", YearMonth.of(2026, 11));
    invoices.line(other, othersInvoice, "base_fee", "Business plan", "1", "9900", 9_900, null);
    invoices.issue(othersInvoice, FROM.plusSeconds(3_600), null);
    invoices.payment(other, othersInvoice, "check", 9_900, "1", LocalDate.of(2026, 12, 2), FROM);

    Instant checkRecorded = Instant.parse("2026-12-15T15:00:00Z");
    long check =
        invoices.payment(
            account, atStart, "check", 12_000, "1042", LocalDate.of(2026, 12, 14), checkRecorded);
    // A card payment recorded at 21:30 on 20 Dec in New York (02:30 on the 21st in UTC).
    Instant cardRecorded = Instant.parse("2026-12-21T02:30:00Z");
    long card = invoices.payment(account, atStart, "card", 1_463, null, null, cardRecorded);
    invoices.payment(account, before, "check", 9_900, "1043", LocalDate.of(2026, 12, 31), TO);
    long overpaid =
        invoices.credit(account, "USD", 537, atStart, "Overpayment of check 1042", checkRecorded);
    invoices.credit(account, "USD", -537, lastMoment, "Applied", TO);

    List<CSVRecord> rows = parse(account, FROM, TO);

    assertThat(rows)
        .map(CSVRecord::toMap)
        .containsExactly(
            row(
                "invoice",
                atStart.id(),
                "2026-12-01",
                atStart.number(),
                "open",
                "114.63",
                "2026-10-01",
                "2026-10-31",
                "",
                "",
                ""),
            row(
                "payment",
                check,
                "2026-12-14",
                atStart.number(),
                "",
                "120.00",
                "",
                "",
                "check",
                "1042",
                ""),
            row(
                "credit",
                overpaid,
                "2026-12-15",
                atStart.number(),
                "",
                "5.37",
                "",
                "",
                "",
                "",
                "Overpayment of check 1042"),
            row(
                "payment",
                card,
                "2026-12-20",
                atStart.number(),
                "",
                "14.63",
                "",
                "",
                "card",
                "",
                ""),
            row(
                "invoice",
                lastMoment.id(),
                "2026-12-31",
                lastMoment.number(),
                "open",
                "74.00",
                "2026-11-01",
                "2026-11-30",
                "",
                "",
                ""));
  }

  @Test
  void typedTextThatASpreadsheetWouldRunIsExportedAsText() throws IOException {
    long account = invoices.account("Formula Inc", "check", "ap@formula.example.com");
    Invoice invoice = invoices.invoice(account, "check", YearMonth.of(2026, 11));
    invoices.line(account, invoice, "base_fee", "Business plan", "1", "9900", 9_900, null);
    invoices.issue(invoice, FROM.plusSeconds(60), FROM.plusSeconds(86_400 * 30));
    Instant recorded = FROM.plusSeconds(3_600);
    invoices.payment(
        account,
        invoice,
        "check",
        9_900,
        "=HYPERLINK(\"https://evil.example.com\",\"1044\")",
        LocalDate.of(2026, 12, 1),
        recorded);
    invoices.credit(account, "USD", -100, invoice, "@SUM(1+1)", recorded.plusSeconds(1));
    invoices.credit(account, "USD", 100, invoice, "-1+1 goodwill", recorded.plusSeconds(2));

    List<CSVRecord> rows = parse(account, FROM, TO);

    assertThat(rows)
        .extracting(r -> r.get("check_number"))
        .contains("'=HYPERLINK(\"https://evil.example.com\",\"1044\")");
    assertThat(rows).extracting(r -> r.get("description")).contains("'@SUM(1+1)", "'-1+1 goodwill");
    // Negative amounts are numbers, not formulas.
    assertThat(rows).extracting(r -> r.get("amount")).contains("-1.00", "1.00", "99.00");
  }

  @Test
  void anEmptyRangeOfAnAccountIsJustTheHeader() throws IOException {
    long account = invoices.account("Quiet", "card", "ap@quiet.example.com");
    StringWriter out = new StringWriter();

    export.write(account, FROM, TO, out);

    assertThat(out.toString())
        .isEqualTo(
            "record_type,record_id,date,invoice_number,status,currency,amount,period_start,"
                + "period_end,method,check_number,description\r\n");
  }

  private List<CSVRecord> parse(long account, Instant from, Instant to) throws IOException {
    StringWriter out = new StringWriter();
    export.write(account, from, to, out);
    try (CSVParser parser =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .get()
            .parse(new StringReader(out.toString()))) {
      assertThat(parser.getHeaderNames()).isEqualTo(InvoiceCsvExport.COLUMNS);
      return parser.getRecords();
    }
  }

  private static Map<String, String> row(
      String type,
      long id,
      String date,
      String number,
      String status,
      String amount,
      String periodStart,
      String periodEnd,
      String method,
      String checkNumber,
      String description) {
    Map<String, String> row = new java.util.LinkedHashMap<>();
    row.put("record_type", type);
    row.put("record_id", String.valueOf(id));
    row.put("date", date);
    row.put("invoice_number", number);
    row.put("status", status);
    row.put("currency", "USD");
    row.put("amount", amount);
    row.put("period_start", periodStart);
    row.put("period_end", periodEnd);
    row.put("method", method);
    row.put("check_number", checkNumber);
    row.put("description", description);
    return row;
  }
}
