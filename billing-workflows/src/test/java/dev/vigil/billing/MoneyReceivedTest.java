package dev.vigil.billing;

import static dev.vigil.billing.CheckCustomerBillingTest.APRIL;
import static dev.vigil.billing.CheckCustomerBillingTest.CHICAGO;
import static dev.vigil.billing.CheckCustomerBillingTest.DRAFT_DELAY;
import static dev.vigil.billing.CheckCustomerBillingTest.JUNE;
import static dev.vigil.billing.CheckCustomerBillingTest.MAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.billing.document.InvoicePdf;
import dev.vigil.billing.document.InvoiceReader;
import dev.vigil.billing.invoice.Actor;
import dev.vigil.billing.invoice.Approval;
import dev.vigil.billing.invoice.CheckPayment;
import dev.vigil.billing.invoice.Closure;
import dev.vigil.billing.invoice.CreditNoteRequest;
import dev.vigil.billing.invoice.InvoiceStanding;
import dev.vigil.billing.invoice.InvoiceStatus;
import dev.vigil.billing.invoice.InvoiceWorkflow;
import dev.vigil.billing.ledger.AccountCredits;
import dev.vigil.billing.ledger.CollectionMethod;
import dev.vigil.billing.ledger.CreditNotes;
import dev.vigil.billing.ledger.Payments;
import dev.vigil.billing.ledger.Refunds;
import dev.vigil.billing.testsupport.BillingFixtures;
import dev.vigil.billing.testsupport.BillingWorkflowExtension;
import dev.vigil.billing.testsupport.InvoiceRows;
import dev.vigil.refusal.Refusal;
import dev.vigil.testsupport.ActivitiesTestApplication;
import dev.vigil.testsupport.WorkflowHistories;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowUpdateException;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Money received is never refused (docs/decisions/0043): checks on invoices that are paid, void or
 * on none are held as account credit, credit notes reduce a balance or become credit, refunds pay
 * credit back, and the credit comes off the next invoice drafted. Team plan, 2 seats: 2 x 19.00 =
 * 38.00 a month, no base fee (migration V8).
 */
@SpringBootTest(classes = ActivitiesTestApplication.class)
@Timeout(120)
class MoneyReceivedTest {

  static final Actor ACCOUNTANT = new Actor(null, "operator_accountant");

  @RegisterExtension
  final BillingWorkflowExtension temporal =
      new BillingWorkflowExtension(APRIL.plus(Duration.ofHours(12)));

  @Autowired JdbcClient jdbc;
  @Autowired Payments payments;
  @Autowired CreditNotes creditNotes;
  @Autowired Refunds refunds;
  @Autowired AccountCredits credits;
  @Autowired InvoiceReader reader;
  @Autowired InvoicePdf pdf;
  BillingFixtures fixtures;
  InvoiceRows invoices;

  @BeforeEach
  void fixtures() {
    fixtures = new BillingFixtures(jdbc);
    invoices = new InvoiceRows(jdbc);
  }

  @Test
  void aCreditNoteSettlesAnOpenInvoiceLaterChecksAreCreditAndCreditPaysTheNextInvoice()
      throws IOException {
    long account = checkCustomer("Careful Books Ltd");
    fixtures.subscribe(account, "team", 2, APRIL);
    temporal.startCycle(account, "2027-04");
    temporal.sleepUntil(MAY.plus(DRAFT_DELAY).plusSeconds(1));
    long april = invoices.only(account, "draft");
    InvoiceWorkflow invoice = temporal.invoice(april);
    invoice.approve(new Approval(ACCOUNTANT, List.of()));
    invoice.recordCheck(new CheckPayment(ACCOUNTANT, 1000, "101", LocalDate.of(2027, 5, 3)));

    // Balance 38.00 - 10.00 = 28.00. A credit note of 30.00 takes the 28.00 still owed (paid) and
    // the 2.00 the check had covered becomes credit.
    InvoiceStanding credited =
        invoice.creditNote(new CreditNoteRequest(ACCOUNTANT, 3000, "Seat billed twice", "t-cn-1"));
    assertThat(credited.status()).isEqualTo(InvoiceStatus.PAID);
    assertThat(credited.balanceMinor()).isZero();
    CreditNotes.CreditNote note = creditNotes.byRequestKey("t-cn-1").orElseThrow();
    assertThat(note.number()).matches("CN-\\d{6}");
    assertThat(note.appliedMinor()).isEqualTo(2800);
    assertThat(note.creditMinor()).isEqualTo(200);
    assertThat(credits.balance(account, "USD")).isEqualTo(200);
    assertThat(
            temporal
                .client()
                .newUntypedWorkflowStub(InvoiceWorkflow.workflowId(april))
                .getResult(InvoiceStanding.class)
                .status())
        .as("a credited invoice owing nothing is paid, and its workflow ends")
        .isEqualTo(InvoiceStatus.PAID);
    WorkflowHistories.recordIfEnabled(
        temporal.client(), execution(april), "check-invoice-credit-note");

    // A check for the paid invoice arrives anyway: accepted, all of it credit. 2.00 + 50.00.
    CheckPayment late = new CheckPayment(ACCOUNTANT, 5000, "102", LocalDate.of(2027, 5, 20));
    payments.receiveOnClosedInvoice(april, late);
    payments.receiveOnClosedInvoice(april, late); // the form sent twice: recorded once
    assertThat(credits.balance(account, "USD")).isEqualTo(5200);
    assertThatThrownBy(
            () ->
                payments.receiveOnClosedInvoice(
                    april, new CheckPayment(ACCOUNTANT, 10, "102", LocalDate.of(2027, 5, 21))))
        .satisfies(e -> assertThat(Refusal.of(e)).contains(Refusal.INVALID_FIELD));

    // 15.00 paid back by transfer leaves 37.00; 40.00 more than the credit is refused.
    refunds.refund(
        account,
        new Refunds.Request(ACCOUNTANT, "transfer", 1500, null, "USD", "WIRE-9", "asked back"));
    assertThat(credits.balance(account, "USD")).isEqualTo(3700);
    assertThatThrownBy(
            () ->
                refunds.refund(
                    account,
                    new Refunds.Request(
                        ACCOUNTANT, "check", 4000, null, "USD", "5001", "too much")))
        .satisfies(e -> assertThat(Refusal.of(e)).contains(Refusal.WRONG_STATE));
    assertThat(credits.balance(account, "USD")).isEqualTo(3700);

    // The PDF shows the check, the credit note and the credit created.
    String text = text(pdf.render(reader.find(account, april).orElseThrow()));
    assertThat(text)
        .contains("Check 101", "Check 102", "Credit notes", note.number() + ": Seat billed twice")
        .contains(
            "Credit note " + note.number() + " on ",
            "credited to your account 2.00 USD",
            "(paid), credited to your account 50.00 USD")
        .contains("Credit notes -28.00 USD", "Balance due 0.00 USD");
    assertThat(text(pdf.renderCreditNote(note, reader.find(account, april).orElseThrow())))
        .contains("Credit note " + note.number(), "Seat billed twice", "Total credit 30.00 USD");

    // May: 38.00 less the 37.00 of credit.
    temporal.sleepUntil(JUNE.plus(DRAFT_DELAY).plusSeconds(1));
    long may = invoices.forPeriod(account, MAY);
    assertThat(invoices.amounts(may)).containsExactly(3800L, -3700L);
    assertThat(credits.balance(account, "USD")).isZero();
  }

  @Test
  void aPaidInvoiceIsCreditedInFullOnceAndVoidDraftAndAccountPaymentsAreCredit() {
    long account = checkCustomer("Voided Things Inc");
    fixtures.subscribe(account, "team", 2, APRIL);
    temporal.startCycle(account, "2027-04");
    temporal.sleepUntil(MAY.plus(DRAFT_DELAY).plusSeconds(1));
    long april = invoices.only(account, "draft");
    InvoiceWorkflow invoice = temporal.invoice(april);

    // A check before approval: held as credit, the draft still owes its 38.00.
    payments.receiveOnClosedInvoice(
        april, new CheckPayment(ACCOUNTANT, 700, "7", LocalDate.of(2027, 5, 2)));
    assertThat(credits.balance(account, "USD")).isEqualTo(700);
    assertThatThrownBy(
            () -> creditNotes.issue(april, new CreditNoteRequest(ACCOUNTANT, 0, "x", "t-d")))
        .as("a draft is adjusted, not credited")
        .satisfies(e -> assertThat(Refusal.of(e)).contains(Refusal.WRONG_STATE));

    invoice.approve(new Approval(ACCOUNTANT, List.of()));
    invoice.recordCheck(new CheckPayment(ACCOUNTANT, 3800, "8", LocalDate.of(2027, 5, 9)));
    // Full credit note on the paid invoice: all 38.00 becomes credit. 7.00 + 38.00 = 45.00.
    CreditNotes.CreditNote full =
        creditNotes.issue(april, new CreditNoteRequest(ACCOUNTANT, 0, "Goodwill", "t-full"));
    assertThat(full.amountMinor()).isEqualTo(3800);
    assertThat(full.creditMinor()).isEqualTo(3800);
    assertThat(credits.balance(account, "USD")).isEqualTo(4500);
    assertThat(creditNotes.issue(april, new CreditNoteRequest(ACCOUNTANT, 0, "G", "t-full")))
        .as("the same request again issues nothing new")
        .isEqualTo(full);
    assertThatThrownBy(
            () -> creditNotes.issue(april, new CreditNoteRequest(ACCOUNTANT, 0, "again", "t-2")))
        .satisfies(e -> assertThat(Refusal.of(e)).contains(Refusal.WRONG_STATE))
        .hasMessageContaining("fully credited");

    // A transfer naming no invoice: credit. 45.00 + 12.50 = 57.50.
    payments.receiveOnAccount(
        account,
        "USD",
        new CheckPayment(ACCOUNTANT, 1250, "BANK-REF-1", LocalDate.of(2027, 5, 30), "transfer"));
    assertThat(credits.balance(account, "USD")).isEqualTo(5750);

    // May is drafted with 38.00 of seats, all paid by the credit; 19.50 stays.
    temporal.sleepUntil(JUNE.plus(DRAFT_DELAY).plusSeconds(1));
    long may = invoices.forPeriod(account, MAY);
    assertThat(invoices.amounts(may)).containsExactly(3800L, -3800L);
    assertThat(credits.balance(account, "USD")).isEqualTo(1950);
    InvoiceWorkflow mayInvoice = temporal.invoice(may);
    mayInvoice.voidInvoice(new Closure(ACCOUNTANT, "billed in error"));
    // Voiding returns the 38.00 of credit it used: 57.50. A check for it after: credit, 58.50.
    payments.receiveOnClosedInvoice(
        may, new CheckPayment(ACCOUNTANT, 100, "9", LocalDate.of(2027, 6, 9)));
    assertThat(credits.balance(account, "USD")).isEqualTo(5850);
    assertThatThrownBy(
            () ->
                mayInvoice.recordCheck(
                    new CheckPayment(ACCOUNTANT, 100, "10", LocalDate.of(2027, 6, 9))))
        .isInstanceOf(Exception.class);
  }

  @Test
  void aCreditNoteIsTheOperatorsAndNeedsAReason() {
    long account = checkCustomer("Roles Ltd");
    fixtures.subscribe(account, "team", 1, APRIL);
    temporal.startCycle(account, "2027-04");
    temporal.sleepUntil(MAY.plus(DRAFT_DELAY).plusSeconds(1));
    long april = invoices.only(account, "draft");
    InvoiceWorkflow invoice = temporal.invoice(april);
    invoice.approve(new Approval(ACCOUNTANT, List.of()));

    assertThatThrownBy(
            () ->
                invoice.creditNote(
                    new CreditNoteRequest(new Actor(4L, "accountant"), 100, "mine", "t-r1")))
        .isInstanceOf(WorkflowUpdateException.class)
        .satisfies(e -> assertThat(Refusal.of(e)).contains(Refusal.NOT_ALLOWED));
    assertThatThrownBy(
            () -> invoice.creditNote(new CreditNoteRequest(ACCOUNTANT, 100, " ", "t-r2")))
        .satisfies(e -> assertThat(Refusal.field(e)).contains("reason"));
    // More than the invoice's 19.00.
    assertThatThrownBy(
            () -> invoice.creditNote(new CreditNoteRequest(ACCOUNTANT, 1901, "too much", "t-r3")))
        .satisfies(e -> assertThat(Refusal.field(e)).contains("amount"));
    assertThat(invoices.status(april)).isEqualTo("open");
    assertThat(creditNotes.list(account, april)).isEmpty();
  }

  private long checkCustomer(String name) {
    return fixtures.account(
        name,
        "US",
        CollectionMethod.CHECK,
        CHICAGO,
        "ap@" + name.toLowerCase().replaceAll("[^a-z]", "") + ".test",
        APRIL);
  }

  private static WorkflowExecution execution(long invoiceId) {
    return WorkflowExecution.newBuilder()
        .setWorkflowId(InvoiceWorkflow.workflowId(invoiceId))
        .build();
  }

  static String text(byte[] document) throws IOException {
    try (PDDocument loaded = Loader.loadPDF(document)) {
      return new PDFTextStripper().getText(loaded).replaceAll("\\s+", " ");
    }
  }
}
