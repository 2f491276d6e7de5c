package dev.vigil.billing;

import static dev.vigil.billing.CheckCustomerBillingTest.APRIL;
import static dev.vigil.billing.CheckCustomerBillingTest.CHICAGO;
import static dev.vigil.billing.CheckCustomerBillingTest.DRAFT_DELAY;
import static dev.vigil.billing.CheckCustomerBillingTest.MAY;
import static dev.vigil.billing.MoneyReceivedTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.billing.account.BillingAccounts;
import dev.vigil.billing.account.BillingAccounts.ProfileTerms;
import dev.vigil.billing.document.InvoicePdf;
import dev.vigil.billing.document.InvoiceReader;
import dev.vigil.billing.invoice.Actor;
import dev.vigil.billing.invoice.Approval;
import dev.vigil.billing.ledger.BillingProfiles;
import dev.vigil.billing.ledger.CollectionMethod;
import dev.vigil.billing.testsupport.BillingFixtures;
import dev.vigil.billing.testsupport.BillingWorkflowExtension;
import dev.vigil.billing.testsupport.InvoiceRows;
import dev.vigil.testsupport.ActivitiesTestApplication;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The customer's PO number and bill-to address: printed on the invoice, and kept as issued when the
 * profile changes later (a draft shows the profile as it is now).
 */
@SpringBootTest(classes = ActivitiesTestApplication.class)
@Timeout(120)
class PurchaseOrderTest {

  @RegisterExtension
  final BillingWorkflowExtension temporal =
      new BillingWorkflowExtension(APRIL.plus(Duration.ofHours(12)));

  @Autowired JdbcClient jdbc;
  @Autowired BillingAccounts accounts;
  @Autowired BillingProfiles profiles;
  @Autowired InvoiceReader reader;
  @Autowired InvoicePdf pdf;

  @Test
  void anIssuedInvoiceKeepsThePoNumberAndAddressItWasSentWith() throws IOException {
    BillingFixtures fixtures = new BillingFixtures(jdbc);
    long account =
        fixtures.account(
            "Große Einkauf AG", "DE", CollectionMethod.CHECK, CHICAGO, "ap@einkauf.test", APRIL);
    fixtures.subscribe(account, "team", 1, APRIL);
    accounts.change(
        profiles.get(account),
        terms("PO-2027-0042", List.of("Kreditorenbuchhaltung", "Hauptstraße 5", "10115 Berlin")));
    temporal.startCycle(account, "2027-04");
    temporal.sleepUntil(MAY.plus(DRAFT_DELAY).plusSeconds(1));
    long april = new InvoiceRows(jdbc).only(account, "draft");

    assertThat(text(pdf.render(reader.find(account, april).orElseThrow())))
        .contains("PO number PO-2027-0042", "Hauptstraße 5", "10115 Berlin");

    temporal.invoice(april).approve(new Approval(new Actor(null, "operator_admin"), List.of()));
    accounts.change(profiles.get(account), terms("PO-2027-0099", List.of("Postfach 1", "Berlin")));

    String issued = text(pdf.render(reader.find(account, april).orElseThrow()));
    assertThat(issued)
        .as("as sent")
        .contains("PO number PO-2027-0042", "Kreditorenbuchhaltung", "Hauptstraße 5")
        .doesNotContain("PO-2027-0099", "Postfach 1");
    assertThat(reader.find(account, april).orElseThrow().billToAddress()).hasSize(3);
  }

  private static ProfileTerms terms(String po, List<String> address) {
    return new ProfileTerms(null, null, null, null, null, null, null, null, null, po, address);
  }
}
