package dev.vigil.billing.testsupport;

import dev.vigil.billing.cycle.BillingCycleActivities;
import dev.vigil.billing.cycle.BillingCycleWorkflow;
import dev.vigil.billing.cycle.BillingCycleWorkflowImpl;
import dev.vigil.billing.invoice.CardPaymentActivities;
import dev.vigil.billing.invoice.InvoiceActivities;
import dev.vigil.billing.invoice.InvoiceWorkflow;
import dev.vigil.billing.invoice.InvoiceWorkflowImpl;
import dev.vigil.billing.ledger.BillingWorkflowStarts;
import dev.vigil.testsupport.TestSearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A fresh time-skipping Temporal test server per test, with a worker on the billing task queue
 * running the billing workflows and the real activity beans of the test's Spring context
 * (PostgreSQL, Stripe through whatever API base the context configures, billing mail). Months pass
 * in milliseconds: {@link #sleepUntil} jumps the server's clock, and the timers due meanwhile fire.
 */
public final class BillingWorkflowExtension implements BeforeEachCallback, AfterEachCallback {

  private final Instant start;
  private TestWorkflowEnvironment env;
  private BillingWorkflowStarts starts;

  /**
   * @param start the server clock's first reading: tests name their months (April 2027), so the
   *     expected amounts are hand computations that do not depend on the day the build runs
   */
  public BillingWorkflowExtension(Instant start) {
    this.start = start;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    ApplicationContext spring = SpringExtension.getApplicationContext(context);
    starts = spring.getBean(BillingWorkflowStarts.class);
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setInitialTime(start).build());
    TestSearchAttributes.register(env);
    Worker worker = env.newWorker(BillingCycleWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(
        BillingCycleWorkflowImpl.class, InvoiceWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        spring.getBean(BillingCycleActivities.class),
        spring.getBean(InvoiceActivities.class),
        spring.getBean(CardPaymentActivities.class));
    env.start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (env == null) {
      return;
    }
    context.getExecutionException().ifPresent(failure -> System.err.println(env.getDiagnostics()));
    env.close();
    env = null;
  }

  public WorkflowClient client() {
    return env.getWorkflowClient();
  }

  /** Starts the account's billing cycle at a month (2026-11), as setting up billing does. */
  public BillingCycleWorkflow startCycle(long accountId, String month) {
    starts.cycle(client(), accountId, month);
    return cycle(accountId);
  }

  public BillingCycleWorkflow cycle(long accountId) {
    return client()
        .newWorkflowStub(BillingCycleWorkflow.class, BillingCycleWorkflow.workflowId(accountId));
  }

  public InvoiceWorkflow invoice(long invoiceId) {
    return client().newWorkflowStub(InvoiceWorkflow.class, InvoiceWorkflow.workflowId(invoiceId));
  }

  /** The test server's clock: the workflows' {@code Workflow.currentTimeMillis()}. */
  public Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  public void sleep(Duration duration) {
    env.sleep(duration);
  }

  /** Skips time forward to {@code instant} on the server's clock. */
  public void sleepUntil(Instant instant) {
    Duration remaining = Duration.between(now(), instant);
    if (remaining.isNegative()) {
      throw new IllegalStateException("already past " + instant);
    }
    env.sleep(remaining);
  }
}
