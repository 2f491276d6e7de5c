package dev.vigil.billing.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.billing.document.DocumentTestInvoices.Invoice;
import dev.vigil.billing.ledger.CollectionMethod;
import dev.vigil.testsupport.ActivitiesTestApplication;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** Reading invoices as their account sees them, and only their account. */
@SpringBootTest(classes = ActivitiesTestApplication.class)
@TestPropertySource("classpath:dev/vigil/billing/document/remittance.properties")
class InvoiceReaderTest {

  static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
  static final Instant ISSUED = Instant.parse("2026-12-01T14:00:00Z");
  static final Instant DUE = Instant.parse("2026-12-31T14:00:00Z");

  @Autowired JdbcClient jdbc;
  @Autowired InvoiceReader reader;

  private DocumentTestInvoices invoices;

  @BeforeEach
  void setUp() {
    invoices = new DocumentTestInvoices(jdbc);
  }

  @Test
  void readsAnInvoiceWithItsLinesUsagePaymentsAndBalance() {
    long account = invoices.account("Acme Rockets", "check", "ap@acme.example.com");
    Invoice invoice = invoices.invoice(account, "check", NOVEMBER);
    invoices.line(account, invoice, "base_fee", "Business plan", "1", "9900", 9_900, null);
    invoices.line(account, invoice, "usage", "SMS, domestic", "1250", "1.25", 1_563, null);
    invoices.usage(account, invoice, "sms_domestic", NOVEMBER, 3_250, 2_000, 1_250);
    invoices.issue(invoice, ISSUED, DUE);
    invoices.payment(account, invoice, "check", 5_000, "1042", LocalDate.of(2026, 12, 10), DUE);

    InvoiceDetail detail = reader.find(account, invoice.id()).orElseThrow();

    assertThat(detail.number()).isEqualTo(invoice.number());
    assertThat(detail.accountName()).isEqualTo("Acme Rockets");
    assertThat(detail.billingEmail()).isEqualTo("ap@acme.example.com");
    assertThat(detail.planLabel()).isEqualTo("Business v1");
    assertThat(detail.collectionMethod()).isEqualTo(CollectionMethod.CHECK);
    assertThat(detail.status()).isEqualTo("open");
    assertThat(detail.firstDay()).isEqualTo(LocalDate.of(2026, 11, 1));
    assertThat(detail.lastDay()).isEqualTo(LocalDate.of(2026, 11, 30));
    assertThat(detail.periodStart()).isEqualTo(Instant.parse("2026-11-01T04:00:00Z"));
    assertThat(detail.periodEnd()).isEqualTo(Instant.parse("2026-12-01T05:00:00Z"));
    assertThat(detail.netTermsDays()).contains(30L);
    assertThat(detail.totalMinor()).isEqualTo(11_463);
    assertThat(detail.amountPaidMinor()).isEqualTo(5_000);
    assertThat(detail.balanceMinor()).isEqualTo(6_463);
    assertThat(detail.lines())
        .extracting(InvoiceDetail.Line::position, InvoiceDetail.Line::description)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "Business plan"),
            org.assertj.core.groups.Tuple.tuple(2, "SMS, domestic"));
    assertThat(detail.lines().get(1).unitPriceMinor()).isEqualByComparingTo(new BigDecimal("1.25"));
    assertThat(detail.lines().get(1).quantity()).isEqualByComparingTo(new BigDecimal("1250"));
    assertThat(detail.usage())
        .containsExactly(
            new InvoiceDetail.Usage(
                "sms_domestic", Instant.parse("2026-11-01T04:00:00Z"), 3_250, 2_000, 1_250));
    assertThat(detail.payments()).hasSize(1);
    InvoiceDetail.Payment payment = detail.payments().get(0);
    assertThat(payment.invoiceNumber()).isEqualTo(invoice.number());
    assertThat(payment.checkNumber()).isEqualTo("1042");
    assertThat(payment.receivedOn()).isEqualTo(LocalDate.of(2026, 12, 10));
    assertThat(reader.findByNumber(account, invoice.number())).contains(detail);
  }

  @Test
  void anOverpaidInvoiceHasNoBalanceDue() {
    long account = invoices.account("Generous", "check", "ap@generous.example.com");
    Invoice invoice = invoices.invoice(account, "check", NOVEMBER);
    invoices.line(account, invoice, "base_fee", "Business plan", "1", "9900", 9_900, null);
    invoices.issue(invoice, ISSUED, DUE);
    invoices.payment(account, invoice, "check", 10_000, "7", LocalDate.of(2026, 12, 2), DUE);

    InvoiceDetail detail = reader.find(account, invoice.id()).orElseThrow();

    assertThat(detail.amountPaidMinor()).isEqualTo(10_000);
    assertThat(detail.balanceMinor()).isZero();
    assertThat(reader.list(account, Optional.empty(), 10, null).get(0).balanceMinor()).isZero();
  }

  @Test
  void anotherAccountsInvoiceIsNotFound() {
    long mine = invoices.account("Mine", "check", "ap@mine.example.com");
    long theirs = invoices.account("Theirs", "check", "ap@theirs.example.com");
    Invoice their = invoices.invoice(theirs, "check", NOVEMBER);
    invoices.payment(theirs, their, "check", 100, "1", LocalDate.of(2026, 12, 2), DUE);
    invoices.credit(theirs, "USD", 700, null, "Overpayment", DUE);

    assertThat(reader.find(mine, their.id())).isEmpty();
    assertThat(reader.findByNumber(mine, their.number())).isEmpty();
    assertThat(reader.list(mine, Optional.empty(), 10, null)).isEmpty();
    assertThat(reader.payments(mine)).isEmpty();
    assertThat(reader.creditBalance(mine, "USD")).isZero();
    assertThat(reader.creditBalances(mine)).isEmpty();
    assertThat(reader.find(theirs, their.id())).isPresent();
  }

  @Test
  void listsNewestFirstOnePageAfterAnother() {
    long account = invoices.account("Long Customer", "card", "ap@long.example.com");
    List<Invoice> made =
        List.of(
            invoices.invoice(account, "card", YearMonth.of(2026, 7)),
            invoices.invoice(account, "card", YearMonth.of(2026, 8)),
            invoices.invoice(account, "card", YearMonth.of(2026, 9)),
            invoices.invoice(account, "card", YearMonth.of(2026, 10)),
            invoices.invoice(account, "card", YearMonth.of(2026, 11)));
    for (Invoice invoice : made.subList(0, 4)) {
      invoices.issue(invoice, ISSUED, null);
    }

    List<InvoiceSummary> first = reader.list(account, Optional.empty(), 2, null);
    List<InvoiceSummary> second = reader.list(account, Optional.empty(), 2, first.get(1).id());
    List<InvoiceSummary> third = reader.list(account, Optional.empty(), 2, second.get(1).id());
    List<InvoiceSummary> after = reader.list(account, Optional.empty(), 2, third.get(0).id());

    assertThat(first)
        .extracting(InvoiceSummary::number)
        .containsExactly(made.get(4).number(), made.get(3).number());
    assertThat(second)
        .extracting(InvoiceSummary::number)
        .containsExactly(made.get(2).number(), made.get(1).number());
    assertThat(third).extracting(InvoiceSummary::number).containsExactly(made.get(0).number());
    assertThat(after).isEmpty();
    assertThat(first.get(0).status()).isEqualTo("draft");
    assertThat(first.get(0).issuedAt()).isNull();
    assertThat(reader.list(account, Optional.of("draft"), 10, null))
        .extracting(InvoiceSummary::number)
        .containsExactly(made.get(4).number());
    assertThat(reader.list(account, Optional.of("open"), 10, null)).hasSize(4);
    assertThatThrownBy(() -> reader.list(account, Optional.empty(), 0, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void paymentsAreNewestFirstWithTheirInvoiceNumbers() {
    long account = invoices.account("Payer", "check", "ap@payer.example.com");
    Invoice october = invoices.invoice(account, "check", YearMonth.of(2026, 10));
    Invoice november = invoices.invoice(account, "check", NOVEMBER);
    long older =
        invoices.payment(
            account, october, "check", 1_000, "501", LocalDate.of(2026, 11, 20), ISSUED);
    long newer =
        invoices.payment(account, november, "check", 2_000, "502", LocalDate.of(2026, 12, 20), DUE);

    assertThat(reader.payments(account))
        .extracting(
            InvoiceDetail.Payment::id,
            InvoiceDetail.Payment::invoiceNumber,
            InvoiceDetail.Payment::amountMinor)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(newer, november.number(), 2_000L),
            org.assertj.core.groups.Tuple.tuple(older, october.number(), 1_000L));
  }

  @Test
  void creditIsTheSumOfItsMovementsPerCurrency() {
    long account = invoices.account("Credited", "check", "ap@credited.example.com");
    Invoice invoice = invoices.invoice(account, "check", NOVEMBER);
    invoices.credit(account, "USD", 2_500, null, "Overpayment of check 88", ISSUED);
    invoices.credit(account, "USD", -1_000, invoice, "Applied to " + invoice.number(), DUE);
    invoices.credit(account, "EUR", 300, null, "Overpayment", ISSUED);
    invoices.credit(account, "EUR", -300, null, "Applied", DUE);

    assertThat(reader.creditBalance(account, "USD")).isEqualTo(1_500);
    assertThat(reader.creditBalance(account, "EUR")).isZero();
    assertThat(reader.creditBalance(account, "JPY")).isZero();
    assertThat(reader.creditBalances(account))
        .containsExactly(Map.entry("EUR", 0L), Map.entry("USD", 1_500L));
  }
}
