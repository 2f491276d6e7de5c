package dev.vigil.billing.invoice;

import dev.vigil.refusal.Refusal;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowLock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * An invoice's life. The ledger in PostgreSQL is the record; this workflow decides what happens
 * next and when, and serializes every change to one invoice: updates take {@link #lock}, so two
 * accountants recording checks at the same moment are applied one after the other, each seeing the
 * balance the other left.
 */
public class InvoiceWorkflowImpl implements InvoiceWorkflow {

  /** Card charges: the first at issue, then again after these pauses (as Stripe's dunning does). */
  static final List<Duration> CHARGE_RETRY_PAUSES =
      List.of(Duration.ofDays(3), Duration.ofDays(5), Duration.ofDays(7));

  /**
   * {@code Workflow.getVersion} change id of dunning that survives a new run: a run started again
   * for an open invoice (its server lost the last one) sends the latest reminder it missed, once,
   * and goes on with the card attempt it was at, at its time.
   */
  static final String DUNNING_RESUMES = "dunning-resumes";

  static final int DUNNING_RESUMES_V1 = 1;

  /**
   * {@code Workflow.getVersion} change id of credit notes on open invoices. Only runs that took a
   * credit note reach it (the update is new), so it marks them in their history; runs without one
   * are unchanged.
   */
  static final String CREDIT_NOTES = "credit-notes";

  static final int CREDIT_NOTES_V1 = 1;

  /**
   * {@code Workflow.getVersion} change id of credit notes on open card invoices (docs/decisions
   * 0066): the credit note is mirrored into Stripe, so that Stripe collects that much less. Only
   * runs that take such a credit note reach it (the validator refused them before), so it marks
   * them.
   */
  static final String CARD_CREDIT_NOTES = "card-credit-notes";

  static final int CARD_CREDIT_NOTES_V1 = 1;

  private final InvoiceActivities ledger =
      Workflow.newActivityStub(
          InvoiceActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setMaximumInterval(Duration.ofMinutes(5))
                      // Bad requests (a check recorded twice on different invoices) are final.
                      .setDoNotRetry(IllegalArgumentException.class.getName())
                      .build())
              .build());

  private final CardPaymentActivities stripe =
      Workflow.newActivityStub(
          CardPaymentActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(60))
              .setRetryOptions(
                  RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(10)).build())
              .build());

  private final WorkflowLock lock = Workflow.newWorkflowLock();
  private final Queue<StripeInvoiceEvent> stripeEvents = new ArrayDeque<>();
  private final Set<String> seenStripeEvents = new HashSet<>();
  private final InvoiceVisibility visibility = new InvoiceVisibility();

  private InvoiceStanding status;
  private InvoiceFacts facts;
  private long dueAtMillis;

  @Override
  public InvoiceStanding run(long invoiceId) {
    facts = ledger.load(invoiceId);
    status = facts.status();
    dueAtMillis = facts.dueAtMillis();
    visibility.loaded(facts);
    if (facts.card()) {
      collectByCard();
      if (status.status() == InvoiceStatus.VOID || status.status() == InvoiceStatus.UNCOLLECTIBLE) {
        stripe.closeInStripe(facts.invoiceId(), status.status().code());
      }
    } else {
      collectByCheck();
    }
    // Updates accepted just before the invoice closed finish before the workflow does.
    Workflow.await(Workflow::isEveryHandlerFinished);
    return status;
  }

  private void collectByCheck() {
    Workflow.await(() -> status.status() != InvoiceStatus.DRAFT);
    if (status.closed() && dueAtMillis == 0) {
      return; // voided as a draft: nothing was sent
    }
    // Sent by an earlier run when the facts say it was issued; by this one just now otherwise.
    long sentAt =
        facts.issuedAtMillis() > 0 ? facts.issuedAtMillis() : Workflow.currentTimeMillis();
    ledger.sendInvoice(facts.invoiceId());
    boolean catchUp =
        Workflow.getVersion(DUNNING_RESUMES, Workflow.DEFAULT_VERSION, DUNNING_RESUMES_V1)
            == DUNNING_RESUMES_V1;
    Integer missed = null;
    for (int offset : facts.reminderOffsetDays()) {
      long remindAt = dueAtMillis + Duration.ofDays(offset).toMillis();
      long wait = remindAt - Workflow.currentTimeMillis();
      if (wait <= 0) {
        // Due while no run was there to send it (one before the invoice went out never was).
        if (catchUp && remindAt > sentAt) {
          missed = offset;
        }
        continue;
      }
      if (missed != null) {
        ledger.sendReminder(facts.invoiceId(), missed);
        missed = null;
      }
      awaitUpTo(Duration.ofMillis(wait), () -> status.closed());
      if (status.closed()) {
        return;
      }
      ledger.sendReminder(facts.invoiceId(), offset);
    }
    if (missed != null && !status.closed()) {
      ledger.sendReminder(facts.invoiceId(), missed);
    }
    Workflow.await(() -> status.closed());
  }

  private void collectByCard() {
    if (status.status() == InvoiceStatus.DRAFT) {
      IssuedInvoice issued =
          withLock(() -> ledger.issueCardInvoice(facts.invoiceId(), Workflow.currentTimeMillis()));
      status = issued.status();
      dueAtMillis = issued.dueAtMillis();
      visibility.issued(issued.number());
      shown();
    }
    if (status.closed()) {
      return; // nothing to charge
    }
    stripe.pushToStripe(facts.invoiceId());
    // Version 1: a run started again goes on from the attempt the ledger records, at its time.
    int first = 1;
    if (Workflow.getVersion(DUNNING_RESUMES, Workflow.DEFAULT_VERSION, DUNNING_RESUMES_V1)
        == DUNNING_RESUMES_V1) {
      first = facts.paymentAttempts() + 1;
    }
    for (int attempt = first; attempt <= CHARGE_RETRY_PAUSES.size() + 1; attempt++) {
      if (attempt > 1) {
        Duration pause =
            attempt == first
                ? Duration.ofMillis(
                    Math.max(0, facts.nextPaymentAttemptAtMillis() - Workflow.currentTimeMillis()))
                : CHARGE_RETRY_PAUSES.get(attempt - 2);
        awaitUpTo(pause, () -> status.closed() || !stripeEvents.isEmpty());
        applyStripeEvents();
        if (status.closed()) {
          return;
        }
      }
      ChargeOutcome outcome = stripe.charge(facts.invoiceId(), attempt);
      applyStripeEvents();
      if (outcome.paid()) {
        status =
            withLock(
                () ->
                    ledger.recordCardPayment(
                        facts.invoiceId(), outcome.amountPaidMinor(), outcome.paymentReference()));
        shown();
        return;
      }
      if (status.closed()) {
        return;
      }
      if (outcome.actionRequired()) {
        // The bank waits for the cardholder (3-D Secure): no retry of ours can pass that, and it
        // is no decline. The customer confirms on Stripe's page; its webhook says when. (Only
        // outcomes of this kind take this path, and no recorded run has one.)
        ledger.reportPaymentActionRequired(facts.invoiceId(), attempt, outcome.actionUrl());
        break;
      }
      long nextAttemptAt =
          attempt <= CHARGE_RETRY_PAUSES.size()
              ? Workflow.currentTimeMillis() + CHARGE_RETRY_PAUSES.get(attempt - 1).toMillis()
              : 0;
      ledger.reportPaymentFailure(facts.invoiceId(), attempt, outcome.message(), nextAttemptAt);
    }
    // Every retry declined, or the customer's confirmation awaited: the invoice stays open until
    // the customer pays in Stripe (a webhook says so) or the operator voids it or writes it off.
    while (!status.closed()) {
      Workflow.await(() -> status.closed() || !stripeEvents.isEmpty());
      applyStripeEvents();
    }
  }

  private void applyStripeEvents() {
    while (!stripeEvents.isEmpty() && !status.closed()) {
      StripeInvoiceEvent event = stripeEvents.remove();
      if (event.type().equals(StripeInvoiceEvent.PAID)) {
        status =
            withLock(
                () ->
                    ledger.recordCardPayment(
                        facts.invoiceId(), event.amountPaidMinor(), event.paymentReference()));
        shown();
      }
      // A failed payment Stripe reports was either our own charge (already reported when it
      // returned) or the customer's attempt on Stripe's page: nothing for us to do.
    }
  }

  @Override
  public void stripeEvent(StripeInvoiceEvent event) {
    if (seenStripeEvents.add(event.eventId())) {
      stripeEvents.add(event);
    }
  }

  @Override
  public void validateApprove(Approval approval) {
    requireBillingRole(approval.actor(), "approve invoices");
    requireStatus("approve", InvoiceStatus.DRAFT);
    validateAdjustments(approval);
  }

  @Override
  public InvoiceStanding approve(Approval approval) {
    return withLock(
        () -> {
          stillAllowed("approve", InvoiceStatus.DRAFT);
          IssuedInvoice issued =
              ledger.approve(facts.invoiceId(), approval, Workflow.currentTimeMillis());
          dueAtMillis = issued.dueAtMillis();
          status = issued.status();
          visibility.issued(issued.number());
          return shown();
        });
  }

  @Override
  public void validateAdjust(Approval adjustments) {
    requireBillingRole(adjustments.actor(), "adjust invoices");
    requireStatus("adjust", InvoiceStatus.DRAFT);
    if (adjustments.adjustments().isEmpty()) {
      throw Refusal.invalidField("adjustments", "at least one is needed");
    }
    validateAdjustments(adjustments);
  }

  @Override
  public InvoiceStanding adjust(Approval adjustments) {
    return withLock(
        () -> {
          stillAllowed("adjust", InvoiceStatus.DRAFT);
          status = ledger.addAdjustments(facts.invoiceId(), adjustments);
          return shown();
        });
  }

  @Override
  public void validateRecordCheck(CheckPayment payment) {
    requireBillingRole(payment.actor(), "record payments");
    requireStatus("record a payment on", InvoiceStatus.OPEN);
    if (facts.card()) {
      throw Refusal.wrongState("invoice is paid by card: checks are for check invoices");
    }
    if (payment.amountMinor() <= 0) {
      throw Refusal.invalidField("amount", "must be more than zero");
    }
    if (payment.checkNumber() == null || payment.checkNumber().isBlank()) {
      throw Refusal.invalidField("check_number", "is required");
    }
    if (payment.receivedOn() == null) {
      throw Refusal.invalidField("received_on", "is required");
    }
  }

  @Override
  public InvoiceStanding recordCheck(CheckPayment payment) {
    return withLock(
        () -> {
          stillAllowed("record a payment on", InvoiceStatus.OPEN);
          status = ledger.recordCheck(facts.invoiceId(), payment);
          return shown();
        });
  }

  @Override
  public void validateCreditNote(CreditNoteRequest request) {
    requireBillingRole(request.actor(), "issue credit notes");
    requireStatus("take a credit note", InvoiceStatus.OPEN);
    if (request.amountMinor() < 0) {
      throw Refusal.invalidField("amount", "must be more than zero");
    }
    if (request.reason() == null || request.reason().isBlank()) {
      throw Refusal.invalidField("reason", "is required");
    }
  }

  @Override
  public InvoiceStanding creditNote(CreditNoteRequest request) {
    return withLock(
        () -> {
          Workflow.getVersion(CREDIT_NOTES, Workflow.DEFAULT_VERSION, CREDIT_NOTES_V1);
          stillAllowed("take a credit note", InvoiceStatus.OPEN);
          status = ledger.issueCreditNote(facts.invoiceId(), request);
          if (facts.card()
              && Workflow.getVersion(
                      CARD_CREDIT_NOTES, Workflow.DEFAULT_VERSION, CARD_CREDIT_NOTES_V1)
                  == CARD_CREDIT_NOTES_V1) {
            // Stripe collects what our ledger says is still owed: it learns of the credit now.
            stripe.creditInStripe(facts.invoiceId(), request.requestKey());
          }
          return shown();
        });
  }

  @Override
  public void validateVoid(Closure closure) {
    requireBillingRole(closure.actor(), "void invoices");
    requireReason(closure);
    requireLoaded();
    if (status.closed()) {
      throw Refusal.wrongState("invoice is " + status.status() + ": it cannot be voided");
    }
    if (status.amountPaidMinor() > 0) {
      throw Refusal.wrongState(
          "invoice has payments recorded: mark it uncollectible instead, or credit the account");
    }
  }

  @Override
  public InvoiceStanding voidInvoice(Closure closure) {
    return close(InvoiceStatus.VOID, closure);
  }

  @Override
  public void validateMarkUncollectible(Closure closure) {
    requireBillingRole(closure.actor(), "mark invoices uncollectible");
    requireReason(closure);
    requireStatus("mark uncollectible", InvoiceStatus.OPEN);
  }

  @Override
  public InvoiceStanding markUncollectible(Closure closure) {
    return close(InvoiceStatus.UNCOLLECTIBLE, closure);
  }

  private InvoiceStanding close(InvoiceStatus newStatus, Closure closure) {
    return withLock(
        () -> {
          if (status.closed()) {
            throw ApplicationFailure.newNonRetryableFailure(
                "invoice is already " + status.status(), "InvoiceClosed");
          }
          status =
              ledger.close(
                  facts.invoiceId(), newStatus.code(), closure, Workflow.currentTimeMillis());
          return shown();
        });
  }

  @Override
  public InvoiceStanding status() {
    return status;
  }

  /** Every change of the invoice's status comes through here, so the Temporal UI shows it. */
  private InvoiceStanding shown() {
    visibility.changed(status, dueAtMillis);
    return status;
  }

  /** An update that arrives while the run is still reading its invoice is asked to come back. */
  private void requireLoaded() {
    if (status == null) {
      throw Refusal.notReady("invoice is still loading; try again in a moment");
    }
  }

  private static void requireBillingRole(Actor actor, String what) {
    if (actor == null || !actor.mayManageBilling()) {
      throw Refusal.notAllowed(
          "only the operator_admin and operator_accountant roles may "
              + what
              + " (caller's role: "
              + (actor == null ? "none" : actor.role())
              + ")");
    }
  }

  private void requireStatus(String action, InvoiceStatus required) {
    requireLoaded();
    if (status.status() != required) {
      throw Refusal.wrongState(
          "invoice is "
              + status.status()
              + ": only a"
              + (required == InvoiceStatus.OPEN ? "n " : " ")
              + required
              + " invoice can be asked to "
              + action);
    }
  }

  /**
   * The state check again, inside an update's lock: another update may have changed the invoice
   * between this one's validation and its turn. An {@link ApplicationFailure} fails just the
   * update.
   */
  private void stillAllowed(String action, InvoiceStatus required) {
    try {
      requireStatus(action, required);
    } catch (Refusal.WrongState e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "InvoiceStateChanged");
    }
  }

  private void validateAdjustments(Approval approval) {
    long total = status.totalMinor();
    for (int i = 0; i < approval.adjustments().size(); i++) {
      Adjustment adjustment = approval.adjustments().get(i);
      String field = "adjustments[" + i + "]";
      if (adjustment.description() == null || adjustment.description().isBlank()) {
        throw Refusal.invalidField(field + ".description", "is required");
      }
      if (adjustment.reason() == null || adjustment.reason().isBlank()) {
        throw Refusal.invalidField(field + ".reason", "is required");
      }
      if (adjustment.amountMinor() == 0) {
        throw Refusal.invalidField(field + ".amount", "must not be zero");
      }
      total += adjustment.amountMinor();
    }
    if (total < 0) {
      throw Refusal.invalidField(
          "adjustments",
          "would take the total below zero; give the customer account credit instead");
    }
  }

  private static void requireReason(Closure closure) {
    if (closure.reason() == null || closure.reason().isBlank()) {
      throw Refusal.invalidField("reason", "is required");
    }
  }

  /**
   * Waits up to {@code timeout} for the condition, then cancels the timer. {@code
   * Workflow.await(Duration, ...)} leaves its timer running when the condition ends the wait, so an
   * invoice closed during a wait would finish with a timer still armed; cancelling it keeps the
   * history honest about what is still pending (and Temporal's test server, which stalls on a
   * finished workflow's armed timer, working).
   */
  private static void awaitUpTo(Duration timeout, BooleanSupplier condition) {
    if (condition.getAsBoolean() || timeout.isZero()) {
      return;
    }
    CancellationScope wait =
        Workflow.newCancellationScope(
            () -> {
              Promise<Void> timer = Workflow.newTimer(timeout);
              Workflow.await(() -> timer.isCompleted() || condition.getAsBoolean());
            });
    wait.run();
    wait.cancel();
  }

  private <T> T withLock(java.util.function.Supplier<T> change) {
    lock.lock();
    try {
      return change.get();
    } finally {
      lock.unlock();
    }
  }
}
