package dev.vigil.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.billing.cycle.BillingCycleWorkflow;
import dev.vigil.billing.cycle.SubscriptionChange;
import dev.vigil.billing.document.Dunning;
import dev.vigil.billing.invoice.Actor;
import dev.vigil.billing.invoice.Adjustment;
import dev.vigil.billing.invoice.Approval;
import dev.vigil.billing.invoice.CheckPayment;
import dev.vigil.billing.invoice.Closure;
import dev.vigil.billing.invoice.InvoiceStanding;
import dev.vigil.billing.invoice.InvoiceStatus;
import dev.vigil.billing.invoice.InvoiceWorkflow;
import dev.vigil.billing.ledger.BillingWorkflowStarts;
import dev.vigil.billing.ledger.CollectionMethod;
import dev.vigil.billing.ledger.UsageAlerts;
import dev.vigil.billing.testsupport.BillingFixtures;
import dev.vigil.billing.testsupport.BillingWorkflowExtension;
import dev.vigil.billing.testsupport.InvoiceRows;
import dev.vigil.refusal.Refusal;
import dev.vigil.testsupport.ActivitiesTestApplication;
import dev.vigil.testsupport.WorkflowHistories;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowUpdateException;
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
 * Invoice-and-check customers through the billing workflows on Temporal's time-skipping server,
 * with the real activities on PostgreSQL: months pass, invoices are drafted at month end, an
 * accountant approves them, checks arrive, reminders go out around the due date. Every expected
 * amount is computed by hand in the comments from the seeded catalog (migration V8) and the rules
 * of docs/decisions/0008.
 */
@SpringBootTest(classes = ActivitiesTestApplication.class)
// An activity that keeps failing is retried forever: a broken test fails instead of hanging.
@Timeout(120)
class CheckCustomerBillingTest {

  static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

  /** April 2027 in Chicago: 30 days, no daylight-saving change, from 05:00 UTC on the 1st. */
  static final Instant APRIL = local(2027, 4, 1, 0, 0);

  static final Instant MAY = local(2027, 5, 1, 0, 0);
  static final Instant JUNE = local(2027, 6, 1, 0, 0);

  /** Each month is drafted an hour after it ends. */
  static final Duration DRAFT_DELAY = Duration.ofHours(1);

  /** The operator's accountant: only the operator changes what an invoice says is owed. */
  static final Actor ACCOUNTANT = new Actor(null, "operator_accountant");

  @RegisterExtension
  final BillingWorkflowExtension temporal =
      new BillingWorkflowExtension(APRIL.plus(Duration.ofHours(12)));

  @Autowired JdbcClient jdbc;
  @Autowired Dunning dunning;
  @Autowired UsageAlerts alerts;
  BillingFixtures fixtures;
  InvoiceRows invoices;

  @BeforeEach
  void fixtures() {
    fixtures = new BillingFixtures(jdbc);
    invoices = new InvoiceRows(jdbc);
  }

  @Test
  void aMonthWithOveragesIsApprovedSentPaidByTwoChecksAndRemindedOnlyWhileUnpaid() {
    long account = checkCustomer("Initech");
    fixtures.subscribe(account, "team", 4, APRIL);
    // Team v1 includes 200 domestic SMS segments (1.5 cents over), none international (9.0),
    // 100 domestic voice minutes (3.0), 1,000 emails (0.1).
    for (int i = 0; i < 230; i++) {
      fixtures.sms(account, APRIL.plus(Duration.ofMinutes(10L * i)), "+13125550100", "US", 1);
    }
    fixtures.sms(account, local(2027, 4, 9, 8, 0), "+442079460958", "GB", 2);
    fixtures.sms(account, local(2027, 4, 9, 8, 5), "+442079460958", "GB", 2);
    fixtures.sms(account, local(2027, 4, 9, 8, 10), "+442079460958", "GB", 2);
    fixtures.call(account, local(2027, 4, 12, 3, 0), "+13125550100", "US", 3000); // 50 min
    fixtures.call(account, local(2027, 4, 20, 3, 0), "+13125550100", "US", 3601); // 61 min
    for (int i = 0; i < 12; i++) {
      fixtures.email(account, local(2027, 4, 21, 9, i));
    }
    // Usage of May and at 00:01 on May 1 belongs to May, not April.
    fixtures.sms(account, local(2027, 5, 1, 0, 1), "+13125550100", "US", 1);
    fixtures.sms(account, local(2027, 4, 30, 23, 59), "+13125550100", "US", 1);

    temporal.startCycle(account, "2027-04");
    temporal.sleepUntil(MAY.plus(DRAFT_DELAY).plusSeconds(1));

    long invoiceId = invoices.only(account, "draft");
    // Seats: 4 x 19.00 = 76.00 (Team has no base fee).
    // SMS domestic: 231 segments (230 + 23:59 on Apr 30), 31 over x 1.5 = 46.5 -> 47 (half up).
    // SMS international: 3 x 2 = 6 segments over x 9.0 = 54.
    // Voice domestic: 50 + 61 (3601 s rounds up) = 111 minutes, 11 over x 3.0 = 33.
    // Email: 12, within the quota.
    assertThat(invoices.amounts(invoiceId)).containsExactly(7600L, 47L, 54L, 33L);
    assertThat(invoices.total(invoiceId)).isEqualTo(7734);

    InvoiceWorkflow invoice = temporal.invoice(invoiceId);
    Instant approvedFrom = temporal.now();
    InvoiceStanding approved =
        invoice.approve(
            new Approval(
                ACCOUNTANT,
                List.of(new Adjustment("SLA credit, April 12 outage", -500, "contract 4.2"))));
    assertThat(approved.status()).isEqualTo(InvoiceStatus.OPEN);
    assertThat(approved.totalMinor()).isEqualTo(7234);
    Instant due = invoices.dueAt(invoiceId);
    assertThat(due)
        .as("net 30 from the approval")
        .isBetween(
            approvedFrom.plus(Duration.ofDays(30)), temporal.now().plus(Duration.ofDays(30)));
    temporal.sleep(Duration.ofMinutes(1)); // the workflow mails it after the update returned
    assertThat(invoices.mails(invoiceId, "invoice")).isEqualTo(1);

    InvoiceStanding partial =
        invoice.recordCheck(new CheckPayment(ACCOUNTANT, 5000, "10042", LocalDate.of(2027, 5, 20)));
    assertThat(partial.balanceMinor()).isEqualTo(2234);
    assertThat(partial.status()).isEqualTo(InvoiceStatus.OPEN);

    // A week before the due date, then a day after it: the balance is still open.
    temporal.sleepUntil(due.minus(Duration.ofDays(7)).plusSeconds(60));
    assertThat(invoices.mails(invoiceId, "reminder")).isEqualTo(1);
    temporal.sleepUntil(due.plus(Duration.ofDays(1)).plusSeconds(60));
    assertThat(invoices.mails(invoiceId, "reminder")).isEqualTo(2);
    // The operator's dunning view: overdue, two reminders sent, the next a week after the due date.
    assertThat(dunning.open(account, temporal.now(), 10))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.invoiceId()).isEqualTo(invoiceId);
              assertThat(d.overdue(temporal.now())).isTrue();
              assertThat(d.balanceMinor()).isEqualTo(2234);
              assertThat(d.remindersSent()).isEqualTo(2);
              assertThat(d.nextReminderAt()).isEqualTo(due.plus(Duration.ofDays(7)));
              assertThat(d.paymentAttempts()).isZero();
            });

    InvoiceStanding paid =
        invoice.recordCheck(new CheckPayment(ACCOUNTANT, 2234, "10057", LocalDate.of(2027, 6, 3)));
    assertThat(paid.status()).isEqualTo(InvoiceStatus.PAID);
    assertThat(paid.balanceMinor()).isZero();
    assertThat(dunning.open(account, temporal.now(), 10)).as("paid: no longer dunned").isEmpty();
    temporal.sleepUntil(due.plus(Duration.ofDays(31)));
    assertThat(invoices.mails(invoiceId, "reminder")).as("no reminder once paid").isEqualTo(2);

    // May: fees only (the 00:01 SMS is within the quota).
    long may = invoices.forPeriod(account, MAY);
    assertThat(invoices.amounts(may)).containsExactly(7600L);
    WorkflowHistories.recordIfEnabled(
        temporal.client(), execution(invoiceId), "check-invoice-approved-partly-paid-reminded");
  }

  @Test
  void usageArrivingAfterTheDraftIsBilledOnceOnTheNextInvoiceAtThePriceOfItsMonth() {
    long account = checkCustomer("Late Corp");
    fixtures.subscribe(account, "team", 1, APRIL);
    for (int i = 0; i < 199; i++) {
      fixtures.sms(account, APRIL.plus(Duration.ofMinutes(i)), "+13125550100", "US", 1);
    }
    long call =
        fixtures.callWithoutDuration(account, local(2027, 4, 30, 23, 50), "+13125550100", "US");
    temporal.startCycle(account, "2027-04");
    temporal.sleepUntil(MAY.plus(DRAFT_DELAY).plusSeconds(1));
    long april = invoices.only(account, "draft");
    assertThat(invoices.amounts(april))
        .containsExactly(1900L); // 199 of 200 SMS included, call 0 minutes

    // After April was frozen: three April SMS recorded late, and the call's 130 minutes arrive.
    fixtures.sms(account, local(2027, 4, 30, 22, 0), "+13125550100", "US", 1);
    fixtures.sms(account, local(2027, 4, 30, 22, 1), "+13125550100", "US", 1);
    fixtures.sms(account, local(2027, 4, 30, 22, 2), "+13125550100", "US", 1);
    fixtures.callDuration(account, call, 130 * 60);

    temporal.sleepUntil(JUNE.plus(DRAFT_DELAY).plusSeconds(1));
    long may = invoices.forPeriod(account, MAY);
    // Seats 19.00; late SMS: 199 + 3 = 202 against April's 200: 2 over x 1.5 = 3;
    // late voice: 130 minutes against April's 100 included: 30 x 3.0 = 90.
    assertThat(invoices.amounts(may)).containsExactly(1900L, 3L, 90L);
    // June bills none of it again.
    temporal.sleepUntil(local(2027, 7, 1, 0, 0).plus(DRAFT_DELAY).plusSeconds(1));
    assertThat(invoices.amounts(invoices.forPeriod(account, JUNE))).containsExactly(1900L);
  }

  @Test
  void aPlanChangeMidMonthProratesTheFeesByTheSecond() {
    long account = checkCustomer("Upgrade Inc");
    fixtures.subscribe(account, "team", 4, APRIL);
    BillingCycleWorkflow cycle = temporal.startCycle(account, "2027-04");
    temporal.sleep(Duration.ofMinutes(1));
    Instant upgrade = local(2027, 4, 11, 6, 0);
    cycle.changeSubscription(
        new SubscriptionChange(ACCOUNTANT, "business", 4, upgrade.toEpochMilli(), "growth"));
    for (int i = 0; i < 1500; i += 100) {
      fixtures.sms(account, local(2027, 4, 20, 0, 0).plusSeconds(i), "+13125550100", "US", 100);
    }

    temporal.sleepUntil(MAY.plus(DRAFT_DELAY).plusSeconds(1));
    long invoiceId = invoices.only(account, "draft");
    // April: 2,592,000 s. Team until Apr 11 06:00: 10.25 days = 885,600 s; Business after:
    // 1,706,400 s.
    // Team seats: 7,600 x 885,600 / 2,592,000 = 2,596.67 -> 2,597.
    // Business base: 9,900 x 1,706,400 / 2,592,000 = 6,517.5 -> 6,518 (half up).
    // Business seats: 15,600 x 1,706,400 / 2,592,000 = 10,270.
    // SMS: 1,500 segments sent under Business, whose 2,000 are shared by time: 2,000 x
    // 1,706,400 / 2,592,000 = 1,316.67 -> 1,317 included; 183 over x 1.25 = 228.75 -> 229.
    assertThat(invoices.amounts(invoiceId)).containsExactly(2597L, 6518L, 10270L, 229L);
    assertThat(invoices.total(invoiceId)).isEqualTo(19614);
    WorkflowHistories.recordIfEnabled(
        temporal.client(),
        io.temporal.client.WorkflowStub.fromTyped(cycle).getExecution(),
        "billing-cycle-month-with-plan-change");
  }

  @Test
  void changesThatReachBackBeforeTheMonthBeingBilledOrComeFromResponderAreRefused() {
    long account = checkCustomer("Careful LLC");
    fixtures.subscribe(account, "team", 2, APRIL);
    BillingCycleWorkflow cycle = temporal.startCycle(account, "2027-04");
    temporal.sleep(Duration.ofMinutes(1));

    assertThatThrownBy(
            () ->
                cycle.changeSubscription(
                    new SubscriptionChange(
                        ACCOUNTANT, "business", 2, APRIL.minusSeconds(1).toEpochMilli(), "")))
        .isInstanceOf(WorkflowUpdateException.class)
        .satisfies(
            refused -> {
              assertThat(Refusal.of(refused)).contains(Refusal.INVALID_FIELD);
              assertThat(Refusal.field(refused)).contains("effective_at");
            });
    assertThatThrownBy(
            () ->
                cycle.changeSubscription(
                    new SubscriptionChange(
                        new Actor(7L, "responder"), "business", 2, MAY.toEpochMilli(), "")))
        .isInstanceOf(WorkflowUpdateException.class)
        .satisfies(refused -> assertThat(Refusal.of(refused)).contains(Refusal.NOT_ALLOWED))
        .rootCause()
        .hasMessageContaining("admin and accountant");
    assertThat(
            jdbc.sql("select count(*) from subscription_changes where account_id = ?")
                .param(account)
                .query(Integer.class)
                .single())
        .as("nothing recorded")
        .isEqualTo(1);
  }

  @Test
  void anOverpaymentBecomesCreditOnTheNextInvoice() {
    long account = checkCustomer("Generous Ltd");
    fixtures.subscribe(account, "team", 2, APRIL);
    temporal.startCycle(account, "2027-04");
    temporal.sleepUntil(MAY.plus(DRAFT_DELAY).plusSeconds(1));
    long april = invoices.only(account, "draft");
    InvoiceWorkflow invoice = temporal.invoice(april);
    invoice.approve(new Approval(ACCOUNTANT, List.of()));
    InvoiceStanding paid =
        invoice.recordCheck(new CheckPayment(ACCOUNTANT, 5000, "77", LocalDate.of(2027, 5, 9)));
    assertThat(paid.status()).isEqualTo(InvoiceStatus.PAID);
    assertThat(paid.amountPaidMinor()).isEqualTo(3800); // 2 seats x 19.00; 12.00 left over

    temporal.sleepUntil(JUNE.plus(DRAFT_DELAY).plusSeconds(1));
    long may = invoices.forPeriod(account, MAY);
    // 38.00 of seats, less the 12.00 credit.
    assertThat(invoices.amounts(may)).containsExactly(3800L, -1200L);
    assertThat(invoices.total(may)).isEqualTo(2600);
    assertThat(
            jdbc.sql("select sum(amount_minor) from account_credits where account_id = ?")
                .param(account)
                .query(Long.class)
                .single())
        .as("the credit is used up")
        .isZero();
  }

  @Test
  void aVoidedInvoiceGetsNoRemindersAndAResponderCannotApprove() {
    long account = checkCustomer("Mistake Co");
    fixtures.subscribe(account, "team", 3, APRIL);
    temporal.startCycle(account, "2027-04");
    temporal.sleepUntil(MAY.plus(DRAFT_DELAY).plusSeconds(1));
    long invoiceId = invoices.only(account, "draft");
    InvoiceWorkflow invoice = temporal.invoice(invoiceId);

    assertThatThrownBy(() -> invoice.approve(new Approval(new Actor(3L, "responder"), List.of())))
        .isInstanceOf(WorkflowUpdateException.class)
        .satisfies(refused -> assertThat(Refusal.of(refused)).contains(Refusal.NOT_ALLOWED))
        .rootCause()
        .hasMessageContaining("operator_admin and operator_accountant");
    // The billed account's own accountant reads its invoices but does not approve them.
    assertThatThrownBy(() -> invoice.approve(new Approval(new Actor(4L, "accountant"), List.of())))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("operator_admin and operator_accountant");
    assertThat(invoices.status(invoiceId)).isEqualTo("draft");

    invoice.approve(new Approval(ACCOUNTANT, List.of()));
    Instant due = invoices.dueAt(invoiceId);
    assertThat(invoice.voidInvoice(new Closure(ACCOUNTANT, "billed the wrong entity")).status())
        .isEqualTo(InvoiceStatus.VOID);
    temporal.sleepUntil(due.plus(Duration.ofDays(31)));
    assertThat(invoices.mails(invoiceId, "reminder")).isZero();
    assertThatThrownBy(
            () ->
                invoice.recordCheck(
                    new CheckPayment(ACCOUNTANT, 100, "1", LocalDate.of(2027, 6, 1))))
        .isInstanceOf(Exception.class);
    WorkflowHistories.recordIfEnabled(
        temporal.client(), execution(invoiceId), "check-invoice-voided");
  }

  @Test
  void aRunStartedAgainSendsTheLatestMissedReminderOnceAndGoesOn(
      @Autowired BillingWorkflowStarts starts) {
    long account = checkCustomer("Restarted Inc");
    fixtures.subscribe(account, "team", 1, APRIL);
    temporal.startCycle(account, "2027-04");
    temporal.sleepUntil(MAY.plus(DRAFT_DELAY).plusSeconds(1));
    long invoiceId = invoices.only(account, "draft");
    temporal.invoice(invoiceId).approve(new Approval(ACCOUNTANT, List.of()));
    temporal.sleep(Duration.ofMinutes(1));
    assertThat(invoices.mails(invoiceId, "invoice")).isEqualTo(1);
    Instant due = invoices.dueAt(invoiceId);

    // The server loses the run; nothing runs while the reminders at -7, +1 and +7 days fall due.
    temporal
        .client()
        .newUntypedWorkflowStub(InvoiceWorkflow.workflowId(invoiceId))
        .terminate("lost");
    temporal.sleepUntil(due.plus(Duration.ofDays(8)));
    assertThat(invoices.mails(invoiceId, "reminder")).isZero();

    assertThat(starts.invoice(temporal.client(), invoiceId)).isTrue();
    temporal.sleep(Duration.ofMinutes(1));
    // The latest one missed (+7) goes out once; the invoice is not sent again.
    assertThat(invoices.mails(invoiceId, "reminder")).isEqualTo(1);
    assertThat(invoices.mails(invoiceId, "invoice")).isEqualTo(1);
    // Then the next ones at their time: +14 days.
    temporal.sleepUntil(due.plus(Duration.ofDays(14)).plusSeconds(60));
    assertThat(invoices.mails(invoiceId, "reminder")).isEqualTo(2);
    WorkflowHistories.recordIfEnabled(
        temporal.client(), execution(invoiceId), "check-invoice-restarted-catches-up");
  }

  @Test
  void theBillingContactHearsWhenUsageReachesEightyAndAHundredPercentOfAQuota() {
    long account = checkCustomer("Stormy Ltd");
    fixtures.subscribe(account, "team", 1, APRIL);
    // Team includes 200 domestic SMS segments: 170 are 85 %.
    for (int i = 0; i < 17; i++) {
      fixtures.sms(account, APRIL.plus(Duration.ofMinutes(i)), "+13125550100", "US", 10);
    }
    temporal.startCycle(account, "2027-04");
    temporal.sleep(Duration.ofDays(1));
    assertThat(usageAlerts(account))
        .containsExactly("SMS, domestic: 80 % of this month's quota reached");

    // The storm goes on: 210 segments, 105 %.
    Instant now = temporal.now();
    for (int i = 0; i < 4; i++) {
      fixtures.sms(account, now.minus(Duration.ofMinutes(i + 1)), "+13125550100", "US", 10);
    }
    temporal.sleep(Duration.ofDays(1));
    assertThat(usageAlerts(account))
        .containsExactly(
            "SMS, domestic: 80 % of this month's quota reached",
            "SMS, domestic: 100 % of this month's quota reached");

    // Each alert once a month, however often the usage is checked.
    temporal.sleep(Duration.ofDays(3));
    assertThat(usageAlerts(account)).hasSize(2);

    // The operator's list across accounts: this month's crossings, and none once May begins.
    assertThat(crossedThisMonth(account, temporal.now()))
        .containsExactlyInAnyOrder(
            "2027-04 SMS, domestic: 80 % of this month's quota reached",
            "2027-04 SMS, domestic: 100 % of this month's quota reached");
    assertThat(crossedThisMonth(account, MAY.plusSeconds(1))).isEmpty();
    assertThat(crossedThisMonth(account, MAY.minusSeconds(1)))
        .as("still April in Chicago")
        .hasSize(2);
  }

  private List<String> crossedThisMonth(long account, Instant now) {
    return alerts.crossedThisMonth(now, 1000).stream()
        .filter(c -> c.accountId() == account)
        .map(c -> c.month() + " " + c.subject())
        .toList();
  }

  private List<String> usageAlerts(long account) {
    return jdbc.sql(
            "select subject from billing_emails where account_id = ? and kind = 'usage_alert'"
                + " order by id")
        .param(account)
        .query(String.class)
        .list();
  }

  @Test
  void anOpenInvoiceIsMarkedUncollectibleAfterTheLastReminder() {
    long account = checkCustomer("Gone Away Inc");
    fixtures.subscribe(account, "team", 1, APRIL);
    temporal.startCycle(account, "2027-04");
    temporal.sleepUntil(MAY.plus(DRAFT_DELAY).plusSeconds(1));
    long invoiceId = invoices.only(account, "draft");
    InvoiceWorkflow invoice = temporal.invoice(invoiceId);
    invoice.approve(new Approval(ACCOUNTANT, List.of()));
    temporal.sleepUntil(invoices.dueAt(invoiceId).plus(Duration.ofDays(31)));
    assertThat(invoices.mails(invoiceId, "reminder")).as("-7, +1, +7, +14, +30 days").isEqualTo(5);

    InvoiceStanding written =
        invoice.markUncollectible(new Closure(ACCOUNTANT, "company dissolved"));
    assertThat(written.status()).isEqualTo(InvoiceStatus.UNCOLLECTIBLE);
    assertThat(
            temporal
                .client()
                .newUntypedWorkflowStub(InvoiceWorkflow.workflowId(invoiceId))
                .getResult(InvoiceStanding.class)
                .status())
        .isEqualTo(InvoiceStatus.UNCOLLECTIBLE);
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

  private WorkflowExecution execution(long invoiceId) {
    // No run id: the history of the latest (here the only) run.
    return WorkflowExecution.newBuilder()
        .setWorkflowId(InvoiceWorkflow.workflowId(invoiceId))
        .build();
  }

  static Instant local(int year, int month, int day, int hour, int minute) {
    return LocalDateTime.of(year, month, day, hour, minute).atZone(CHICAGO).toInstant();
  }
}
