package dev.vigil.billing.document;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.billing.document.DocumentTestInvoices.Invoice;
import dev.vigil.testsupport.ActivitiesTestApplication;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The invoice PDF as a customer reads it: rendered from invoices in PostgreSQL, then read back as
 * text, the way a PDF viewer's search or a screen reader sees it.
 */
@SpringBootTest(classes = ActivitiesTestApplication.class)
@TestPropertySource("classpath:dev/vigil/billing/document/remittance.properties")
class InvoicePdfTest {

  static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
  // 9:00 in New York on 1 December; due 30 days later.
  static final Instant ISSUED = Instant.parse("2026-12-01T14:00:00Z");
  static final Instant DUE = Instant.parse("2026-12-31T14:00:00Z");

  @Autowired JdbcClient jdbc;
  @Autowired InvoiceReader reader;
  @Autowired InvoicePdf pdf;

  private DocumentTestInvoices invoices;

  @BeforeEach
  void setUp() {
    invoices = new DocumentTestInvoices(jdbc);
  }

  @Test
  void aCheckInvoiceShowsItsLinesTotalsDueDateAndHowToPay() throws IOException {
    long account = invoices.account("Acme Rockets", "check", "ap@acme.example.com");
    Invoice invoice = invoices.invoice(account, "check", NOVEMBER);
    invoices.line(account, invoice, "base_fee", "Business plan", "1", "9900", 9_900, null);
    invoices.line(account, invoice, "seats", "Seats", "12", "3900", 46_800, null);
    invoices.line(
        account, invoice, "usage", "SMS, domestic, beyond 2,000", "1250", "1.25", 1_563, null);
    invoices.line(
        account, invoice, "adjustment", "Goodwill credit", "1", "0", -1_000, "Outage on 3 Nov");
    invoices.usage(account, invoice, "sms_domestic", NOVEMBER, 3_250, 2_000, 1_250);
    invoices.usage(account, invoice, "voice_domestic", NOVEMBER.minusMonths(1), 12, 0, 12);
    invoices.issue(invoice, ISSUED, DUE);
    invoices.payment(account, invoice, "check", 20_000, "1042", LocalDate.of(2026, 12, 10), ISSUED);

    String text = text(render(account, invoice));

    assertThat(text).contains("Invoice " + invoice.number());
    assertThat(lineWith(text, "Bill to")).isNotNull();
    assertThat(text).contains("Acme Rockets").contains("ap@acme.example.com");
    assertThat(lineWith(text, "Issue date")).endsWith("Issue date 1 Dec 2026");
    assertThat(lineWith(text, "Period")).endsWith("Period 1 Nov 2026 \u2013 30 Nov 2026");
    assertThat(lineWith(text, "Due date")).endsWith("Due date 31 Dec 2026 (net 30)");
    assertThat(lineWith(text, "Plan")).endsWith("Plan Business v1");
    assertThat(lineWith(text, "Business plan")).isEqualTo("Business plan 1 99.00 USD 99.00 USD");
    assertThat(lineWith(text, "Seats")).isEqualTo("Seats 12 39.00 USD 468.00 USD");
    assertThat(lineWith(text, "SMS, domestic"))
        .isEqualTo("SMS, domestic, beyond 2,000 1,250 0.0125 USD 15.63 USD");
    assertThat(lineWith(text, "Goodwill credit")).isEqualTo("Goodwill credit -10.00 USD");
    // The reason is the operator's internal note: not on the customer's copy.
    assertThat(text).doesNotContain("Outage on 3 Nov");
    assertThat(lineWith(text, "Total")).isEqualTo("Total 572.63 USD");
    assertThat(lineWith(text, "Amount paid")).isEqualTo("Amount paid 200.00 USD");
    assertThat(lineWith(text, "Balance due")).isEqualTo("Balance due 372.63 USD");
    assertThat(lineWith(text, "Check 1042"))
        .isEqualTo("Check 1042, received 10 Dec 2026 200.00 USD");
    assertThat(lineWith(text, "SMS, domestic (segments)"))
        .isEqualTo("SMS, domestic (segments) 3,250 2,000 1,250");
    assertThat(lineWith(text, "Voice, domestic (minutes)"))
        .isEqualTo("Voice, domestic (minutes), late from Oct 2026 12 0 12");
    assertThat(text)
        .contains("How to pay")
        .contains("Make your check payable to: Vigil Inc.")
        .contains("Mail it to:")
        .contains("PO Box 4410")
        .contains("Springfield, IL 62701")
        .contains("Write " + invoice.number() + " on the check's memo line")
        .contains("Questions about an invoice? Write to billing@vigil.example.com.")
        .doesNotContain("DRAFT")
        .contains("Page 1 of 1");
  }

  @Test
  void aCardInvoiceHasNoRemittanceBlockAndSaysItIsPaid() throws IOException {
    long account = invoices.account("Card Customer", "card", "billing@card.example.com");
    Invoice invoice = invoices.invoice(account, "card", NOVEMBER);
    invoices.line(account, invoice, "base_fee", "Business plan", "1", "9900", 9_900, null);
    invoices.issue(invoice, ISSUED, null);
    invoices.payment(account, invoice, "card", 9_900, null, null, ISSUED.plusSeconds(60));
    invoices.status(invoice, "paid", ISSUED.plusSeconds(60), null);

    String text = text(render(account, invoice));

    assertThat(text).contains("PAID on 1 Dec 2026");
    assertThat(lineWith(text, "Payment")).endsWith("Payment Card, charged automatically");
    assertThat(lineWith(text, "Balance due")).isEqualTo("Balance due 0.00 USD");
    assertThat(lineWith(text, "Card payment")).isEqualTo("Card payment, 1 Dec 2026 99.00 USD");
    assertThat(text)
        .doesNotContain("How to pay")
        .doesNotContain("payable to")
        .doesNotContain("Mail it to:")
        .doesNotContain("Due date");
  }

  @Test
  void aDraftIsMarkedOnEveryPageAndNotYetIssued() throws IOException {
    long account = invoices.account("Draft Co", "check", "ap@draft.example.com");
    Invoice invoice = invoices.invoice(account, "check", NOVEMBER);
    for (int i = 1; i <= 60; i++) {
      invoices.line(account, invoice, "adjustment", "Charge " + i, "1", "0", 100, null);
    }

    byte[] document = render(account, invoice);

    try (PDDocument pdf = Loader.loadPDF(document)) {
      assertThat(pdf.getNumberOfPages()).isGreaterThanOrEqualTo(2);
      for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
        assertThat(pageText(pdf, page)).contains("DRAFT");
      }
    }
    String text = text(document);
    assertThat(text).contains("DRAFT \u2013 not yet issued");
    assertThat(lineWith(text, "Issue date")).endsWith("Issue date Not yet issued");
  }

  @Test
  void sixtyLinesFlowOntoASecondPageUnderTheTableHeader() throws IOException {
    long account = invoices.account("Many Lines Ltd", "check", "ap@many.example.com");
    Invoice invoice = invoices.invoice(account, "check", NOVEMBER);
    for (int i = 1; i <= 60; i++) {
      invoices.line(
          account, invoice, "adjustment", "Line number %02d".formatted(i), "1", "0", i, null);
    }
    invoices.issue(invoice, ISSUED, DUE);

    byte[] document = render(account, invoice);

    try (PDDocument pdf = Loader.loadPDF(document)) {
      int pages = pdf.getNumberOfPages();
      assertThat(pages).isBetween(2, 3);
      String first = pageText(pdf, 1);
      String second = pageText(pdf, 2);
      assertThat(first).contains("Line number 01").contains("Page 1 of " + pages);
      assertThat(second)
          .contains("Invoice " + invoice.number() + " (continued)")
          .contains("Description Quantity Unit price Amount")
          .contains("Page 2 of " + pages);
      String all = text(document);
      for (int i = 1; i <= 60; i++) {
        assertThat(lineWith(all, "Line number %02d".formatted(i)))
            .isEqualTo("Line number %02d %s USD".formatted(i, MoneyFormat.decimal(i, "USD")));
      }
      // 1 + 2 + ... + 60 cents.
      assertThat(lineWith(all, "Total")).isEqualTo("Total 18.30 USD");
    }
  }

  @Test
  void longDescriptionsWrapAndAbsurdOnesAreCut() throws IOException {
    long account = invoices.account("Wordy Inc", "check", "ap@wordy.example.com");
    Invoice invoice = invoices.invoice(account, "check", NOVEMBER);
    String wraps =
        "Credit for the outage of the SMS provider in the Frankfurt region between 02:00 and 04:00"
            + " UTC on 3 November, as agreed with the account's administrator by phone";
    String endless = "word ".repeat(400) + "LASTWORD";
    String unbroken = "x".repeat(200);
    invoices.line(account, invoice, "adjustment", wraps, "1", "0", -250, null);
    invoices.line(account, invoice, "adjustment", endless, "1", "0", 100, null);
    invoices.line(account, invoice, "adjustment", unbroken, "1", "0", 200, null);
    invoices.line(account, invoice, "adjustment", "After them", "1", "0", 300, null);
    invoices.issue(invoice, ISSUED, DUE);

    String text = text(render(account, invoice));

    List<String> lines = text.lines().toList();
    int first = lines.indexOf(lineWith(text, "Credit for the outage"));
    assertThat(lines.get(first)).endsWith("-2.50 USD");
    // Every word is there, over several lines, none of them wider than the description column.
    int next = first + 1;
    while (!lines.get(next).startsWith("word word")) {
      next++;
    }
    assertThat(next - first).isGreaterThan(1);
    String wrapped = String.join(" ", lines.subList(first, next)).replace("-2.50 USD", "");
    assertThat(wrapped.replaceAll(" +", " ").strip()).isEqualTo(wraps);
    assertThat(text).doesNotContain("LASTWORD").contains("word word\u2026");
    assertThat(text).contains("x".repeat(40));
    assertThat(lineWith(text, "After them")).isEqualTo("After them 3.00 USD");
    assertThat(lineWith(text, "Total")).isEqualTo("Total 3.50 USD");
  }

  @Test
  void namesInOtherScriptsPrintAsWrittenWithTheFontEmbedded() throws IOException {
    long account =
        invoices.account("Łódź Ops, Αθήνα Ltd, ООО Москва \u2713", "check", "ap@lodz.example.com");
    Invoice invoice = invoices.invoice(account, "check", NOVEMBER);
    invoices.line(account, invoice, "base_fee", "Business plan – Zürich", "1", "9900", 9_900, null);
    invoices.issue(invoice, ISSUED, DUE);

    byte[] document = render(account, invoice);

    assertThat(text(document))
        .contains("Łódź Ops, Αθήνα Ltd, ООО Москва \u2713")
        .contains("Business plan – Zürich");
    try (PDDocument pdf = Loader.loadPDF(document)) {
      for (COSName name : pdf.getPage(0).getResources().getFontNames()) {
        PDFont font = pdf.getPage(0).getResources().getFont(name);
        assertThat(font.isEmbedded()).as("font %s embedded", font.getName()).isTrue();
      }
    }
  }

  @Test
  void aScriptTheFontLacksStillRendersWithPlaceholders() throws IOException {
    long account = invoices.account("株式会社 Tokyo Ops", "check", "ap@tokyo.example.com");
    Invoice invoice = invoices.invoice(account, "check", NOVEMBER);
    invoices.line(account, invoice, "base_fee", "Business plan", "1", "9900", 9_900, null);
    invoices.issue(invoice, ISSUED, DUE);

    assertThat(text(render(account, invoice))).contains("???? Tokyo Ops");
  }

  private byte[] render(long account, Invoice invoice) {
    return pdf.render(reader.find(account, invoice.id()).orElseThrow());
  }

  static String text(byte[] document) throws IOException {
    try (PDDocument pdf = Loader.loadPDF(document)) {
      return stripper().getText(pdf);
    }
  }

  private static String pageText(PDDocument pdf, int page) throws IOException {
    PDFTextStripper stripper = stripper();
    stripper.setStartPage(page);
    stripper.setEndPage(page);
    return stripper.getText(pdf);
  }

  private static PDFTextStripper stripper() {
    PDFTextStripper stripper = new PDFTextStripper();
    stripper.setSortByPosition(true);
    return stripper;
  }

  /** The first line of text that starts with (or, for the right column, contains) a label. */
  static String lineWith(String text, String label) {
    return Arrays.stream(text.split("\\R"))
        .map(String::strip)
        .filter(line -> line.startsWith(label))
        .findFirst()
        .orElseGet(
            () ->
                Arrays.stream(text.split("\\R"))
                    .map(String::strip)
                    .filter(line -> line.contains(label))
                    .findFirst()
                    .orElse(null));
  }
}
