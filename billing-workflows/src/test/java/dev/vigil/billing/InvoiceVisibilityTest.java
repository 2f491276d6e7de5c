package dev.vigil.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.billing.cycle.BillingCycleWorkflow;
import dev.vigil.billing.invoice.Actor;
import dev.vigil.billing.invoice.Approval;
import dev.vigil.billing.invoice.CheckPayment;
import dev.vigil.billing.invoice.InvoiceWorkflow;
import dev.vigil.billing.ledger.CollectionMethod;
import dev.vigil.billing.testsupport.BillingFixtures;
import dev.vigil.billing.testsupport.BillingWorkflowExtension;
import dev.vigil.billing.testsupport.InvoiceRows;
import dev.vigil.search.VigilSearchAttributes;
import dev.vigil.testsupport.ActivitiesTestApplication;
import dev.vigil.testsupport.WorkflowHistories;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What support staff see of billing in the Temporal UI: a cycle found by its account, an invoice by
 * its account and status (kept current as it is approved and paid) and, once issued, its number,
 * each with a summary, and an invoice's current details.
 */
@SpringBootTest(classes = ActivitiesTestApplication.class)
@Timeout(120)
class InvoiceVisibilityTest {

  static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  static final Instant APRIL = LocalDateTime.of(2027, 4, 1, 0, 0).atZone(CHICAGO).toInstant();
  static final Instant MAY = LocalDateTime.of(2027, 5, 1, 0, 0).atZone(CHICAGO).toInstant();

  /** The operator's accountant: only the operator changes what an invoice says is owed. */
  static final Actor ACCOUNTANT = new Actor(null, "operator_accountant");

  @RegisterExtension
  final BillingWorkflowExtension temporal =
      new BillingWorkflowExtension(APRIL.plus(Duration.ofHours(12)));

  @Autowired JdbcClient jdbc;
  BillingFixtures fixtures;
  InvoiceRows invoices;

  @BeforeEach
  void fixtures() {
    fixtures = new BillingFixtures(jdbc);
    invoices = new InvoiceRows(jdbc);
  }

  @Test
  void anInvoiceIsFoundByAccountNumberAndStatusAsItIsApprovedAndPaid() {
    long account =
        fixtures.account(
            "Visible Widgets", "US", CollectionMethod.CHECK, CHICAGO, "ap@visible.test", APRIL);
    fixtures.subscribe(account, "team", 2, APRIL); // 2 x 19.00 = 38.00 USD, no usage
    temporal.startCycle(account, "2027-04");

    WorkflowStub cycle = untyped(BillingCycleWorkflow.workflowId(account));
    assertThat(cycle.describe().getStaticSummary()).isEqualTo("Billing cycle of Visible Widgets");
    assertThat(searchAttributes(cycle).get(VigilSearchAttributes.ACCOUNT_ID)).isEqualTo(account);
    WorkflowExecution april = cycle.describe().getExecution();

    temporal.sleepUntil(MAY.plus(Duration.ofHours(1)).plusSeconds(1));
    long invoiceId = invoices.only(account, "draft");
    WorkflowStub invoice = untyped(InvoiceWorkflow.workflowId(invoiceId));

    // A draft has no number yet (docs/decisions/0053): it is found by account and status.
    assertThat(number(invoiceId)).isNull();
    assertThat(invoice.describe().getStaticSummary())
        .isEqualTo("Draft invoice #" + invoiceId + " Visible Widgets, 2027-04");
    SearchAttributes drafted = searchAttributes(invoice);
    assertThat(drafted.get(VigilSearchAttributes.ACCOUNT_ID)).isEqualTo(account);
    assertThat(drafted.get(VigilSearchAttributes.INVOICE_NUMBER)).isNull();
    assertThat(drafted.get(VigilSearchAttributes.INVOICE_STATUS)).isEqualTo("draft");
    assertThat(currentDetails(invoice))
        .isEqualTo(
            "Draft invoice #"
                + invoiceId
                + " Visible Widgets — draft, awaiting approval, total 38.00 USD");

    temporal.invoice(invoiceId).approve(new Approval(ACCOUNTANT, List.of()));
    String number = number(invoiceId);
    assertThat(number).matches("VIG-\\d{6}");
    LocalDate due = invoices.dueAt(invoiceId).atZone(CHICAGO).toLocalDate();
    assertThat(searchAttributes(invoice).get(VigilSearchAttributes.INVOICE_STATUS))
        .isEqualTo("open");
    assertThat(searchAttributes(invoice).get(VigilSearchAttributes.INVOICE_NUMBER))
        .isEqualTo(number);
    assertThat(currentDetails(invoice))
        .isEqualTo(
            "Invoice " + number + " Visible Widgets — open, due " + due + ", balance 38.00 USD");

    temporal
        .invoice(invoiceId)
        .recordCheck(new CheckPayment(ACCOUNTANT, 3800, "1001", LocalDate.of(2027, 5, 9)));
    assertThat(searchAttributes(invoice).get(VigilSearchAttributes.INVOICE_STATUS))
        .isEqualTo("paid");
    assertThat(currentDetails(invoice)).isEqualTo("Invoice " + number + " Visible Widgets — paid");

    // The cycle continued as new into May: the new run keeps the account's attribute.
    assertThat(searchAttributes(cycle).get(VigilSearchAttributes.ACCOUNT_ID)).isEqualTo(account);
    assertThat(currentDetails(cycle)).startsWith("Billing 2027-05: invoice to be drafted at ");

    WorkflowHistories.recordIfEnabled(
        temporal.client(), invoice.describe().getExecution(), "check-invoice-numbered-at-issue");
  }

  private WorkflowStub untyped(String workflowId) {
    return temporal.client().newUntypedWorkflowStub(workflowId);
  }

  private String number(long invoiceId) {
    return jdbc.sql("select number from invoices where id = :id")
        .param("id", invoiceId)
        .query((rs, n) -> rs.getString(1))
        .list()
        .get(0);
  }

  private static SearchAttributes searchAttributes(WorkflowStub workflow) {
    return workflow.describe().getTypedSearchAttributes();
  }

  private static String currentDetails(WorkflowStub workflow) {
    return workflow
        .query(WorkflowClient.QUERY_TYPE_WORKFLOW_METADATA, WorkflowMetadata.class)
        .getCurrentDetails();
  }
}
