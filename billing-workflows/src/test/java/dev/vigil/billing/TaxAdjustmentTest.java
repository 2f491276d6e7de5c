package dev.vigil.billing;

import static dev.vigil.billing.CheckCustomerBillingTest.APRIL;
import static dev.vigil.billing.CheckCustomerBillingTest.CHICAGO;
import static dev.vigil.billing.CheckCustomerBillingTest.DRAFT_DELAY;
import static dev.vigil.billing.CheckCustomerBillingTest.MAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.billing.document.InvoiceDetail;
import dev.vigil.billing.document.InvoiceReader;
import dev.vigil.billing.invoice.Actor;
import dev.vigil.billing.invoice.Adjustment;
import dev.vigil.billing.invoice.Approval;
import dev.vigil.billing.ledger.CollectionMethod;
import dev.vigil.billing.ledger.TaxRates;
import dev.vigil.billing.testsupport.BillingFixtures;
import dev.vigil.billing.testsupport.BillingWorkflowExtension;
import dev.vigil.billing.testsupport.InvoiceRows;
import dev.vigil.testsupport.ActivitiesTestApplication;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An operator's adjustment at approval is part of the taxable subtotal (docs/decisions/0065): the
 * invoice's workflow approves it, and its tax line follows.
 */
@SpringBootTest(classes = ActivitiesTestApplication.class)
@Timeout(120)
class TaxAdjustmentTest {

  @RegisterExtension
  final BillingWorkflowExtension temporal =
      new BillingWorkflowExtension(APRIL.plus(Duration.ofHours(12)));

  @Autowired JdbcClient jdbc;
  @Autowired TaxRates rates;
  @Autowired InvoiceReader reader;

  @Test
  void aDiscountAtApprovalLowersTheTax() {
    rates.create("FI", null, "VAT", new BigDecimal("24"), LocalDate.of(2026, 1, 1), null);
    BillingFixtures fixtures = new BillingFixtures(jdbc);
    long account =
        fixtures.account(
            "Oulu Valvonta Oy", "FI", CollectionMethod.CHECK, CHICAGO, "ap@oulu.test", APRIL);
    fixtures.subscribe(account, "business", 1, APRIL);
    temporal.startCycle(account, "2027-04");
    temporal.sleepUntil(MAY.plus(DRAFT_DELAY).plusSeconds(1));
    long april = new InvoiceRows(jdbc).only(account, "draft");

    // Drafted: 99.00 + 39.00 = 138.00, VAT 24 % = 33.12 (13,800 x 0.24 = 3,312). Total 171.12.
    assertThat(reader.find(account, april).orElseThrow().totalMinor()).isEqualTo(17_112);

    temporal
        .invoice(april)
        .approve(
            new Approval(
                new Actor(null, "operator_accountant"),
                List.of(new Adjustment("Loyalty discount", -3_800, "renewal"))));

    // 138.00 - 38.00 = 100.00 taxable; VAT 24 % = 24.00. Total 124.00.
    InvoiceDetail issued = reader.find(account, april).orElseThrow();
    assertThat(issued.status()).isEqualTo("open");
    assertThat(issued.tax().lines())
        .extracting(InvoiceDetail.TaxLine::taxableMinor, InvoiceDetail.TaxLine::amountMinor)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(10_000L, 2_400L));
    assertThat(issued.lines())
        .filteredOn(line -> line.kind().equals("tax"))
        .extracting(InvoiceDetail.Line::description)
        .containsExactly("VAT 24% on 100.00 USD");
    assertThat(issued.totalMinor()).isEqualTo(12_400);
    assertThat(issued.tax().subtotalMinor()).isEqualTo(10_000);
  }
}
