package dev.vigil.billing.problem;

import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Billing problems: the one writer of {@code billing_problems} (docs/decisions/0044). A billing
 * step runs {@link #watch watched}: when it fails for good, or is still failing at its third
 * attempt, a problem opens on the account and the operator is alerted; when it next succeeds the
 * problem is resolved, and so is the operator's incident. Retries go on meanwhile: a problem is
 * never the end.
 */
@Component
public class BillingProblems {

  /** Attempts of a failing step before the operator hears of it: a blip heals by itself. */
  static final int ALERT_AT_ATTEMPT = 3;

  private static final Logger log = LoggerFactory.getLogger(BillingProblems.class);

  private final JdbcClient jdbc;
  private final ObjectProvider<OperatorAlarm> alarm;

  public BillingProblems(JdbcClient jdbc, ObjectProvider<OperatorAlarm> alarm) {
    this.jdbc = jdbc;
    this.alarm = alarm;
  }

  /** Runs a step of an invoice's billing, watched. */
  public <T> T watchInvoice(long invoiceId, String step, Supplier<T> work) {
    long accountId =
        jdbc.sql("select account_id from invoices where id = :id")
            .param("id", invoiceId)
            .query(Long.class)
            .single();
    return watch(accountId, invoiceId, step, work);
  }

  /** Runs a step of an account's billing ({@code invoiceId} null: the cycle's), watched. */
  public <T> T watch(long accountId, Long invoiceId, String step, Supplier<T> work) {
    T result;
    try {
      result = work.get();
    } catch (RuntimeException e) {
      if (isFinal(e) || attempt() >= ALERT_AT_ATTEMPT) {
        report(accountId, invoiceId, step, describe(e));
      }
      throw e;
    }
    resolve(accountId, invoiceId, step, null);
    return result;
  }

  /**
   * Opens the problem (or notes that it is still there) and alerts the operator once. Never throws:
   * the step's own failure is what its caller must see.
   */
  public void report(long accountId, Long invoiceId, String step, String message) {
    try {
      BillingProblem problem =
          jdbc.sql(
                  """
                  insert into billing_problems (account_id, invoice_id, step, message)
                  values (:account, :invoice, :step, :message)
                  on conflict (account_id, (coalesce(invoice_id, 0)), step)
                      where resolved_at is null
                  do update set message = excluded.message, last_seen_at = now()
                  returning *
                  """)
              .param("account", accountId)
              .param("invoice", invoiceId)
              .param("step", step)
              .param("message", message)
              .query(BillingProblems::problem)
              .single();
      boolean alerted =
          jdbc.sql("select alerted from billing_problems where id = :id")
              .param("id", problem.id())
              .query(Boolean.class)
              .single();
      log.warn(
          "Billing problem {} on account {} (invoice {}, step {}): {}",
          problem.id(),
          accountId,
          invoiceId,
          step,
          message);
      if (!alerted) {
        OperatorAlarm operator = alarm.getIfAvailable();
        if (operator == null) {
          log.warn("No operator alarm configured: billing problem {} is not paged", problem.id());
          return;
        }
        operator.raise(problem);
        jdbc.sql("update billing_problems set alerted = true where id = :id")
            .param("id", problem.id())
            .update();
      }
    } catch (RuntimeException e) {
      log.error("Billing problem on account {} could not be reported: {}", accountId, e.toString());
    }
  }

  /**
   * Resolves the open problem of the step, if any, and the operator's incident about it; {@code
   * userId} is who resolved it by hand, null when the step succeeded.
   */
  public Optional<BillingProblem> resolve(
      long accountId, Long invoiceId, String step, Long userId) {
    Optional<BillingProblem> resolved =
        jdbc.sql(
                """
                update billing_problems set resolved_at = now(), resolved_by = :user
                where account_id = :account and coalesce(invoice_id, 0) = :invoice
                      and step = :step and resolved_at is null
                returning *
                """)
            .param("user", userId)
            .param("account", accountId)
            .param("invoice", invoiceId == null ? 0 : invoiceId)
            .param("step", step)
            .query(BillingProblems::problem)
            .optional();
    resolved.ifPresent(this::cleared);
    return resolved;
  }

  /** Resolves a problem by hand (the operator fixed what the step needed). */
  public Optional<BillingProblem> resolve(long accountId, long problemId, Long userId) {
    return find(accountId, problemId)
        .filter(p -> p.resolvedAt() == null)
        .flatMap(p -> resolve(accountId, p.invoiceId(), p.step(), userId));
  }

  private void cleared(BillingProblem problem) {
    log.info("Billing problem {} on account {} resolved", problem.id(), problem.accountId());
    OperatorAlarm operator = alarm.getIfAvailable();
    if (operator == null) {
      return;
    }
    try {
      operator.clear(problem);
    } catch (RuntimeException e) {
      log.warn("Incident of billing problem {} not resolved: {}", problem.id(), e.toString());
    }
  }

  /** The account's open problems, oldest first. */
  public List<BillingProblem> open(long accountId) {
    return jdbc.sql(
            "select * from billing_problems where account_id = :account and resolved_at is null"
                + " order by id")
        .param("account", accountId)
        .query(BillingProblems::problem)
        .list();
  }

  public Optional<BillingProblem> find(long accountId, long problemId) {
    return jdbc.sql("select * from billing_problems where account_id = :account and id = :id")
        .param("account", accountId)
        .param("id", problemId)
        .query(BillingProblems::problem)
        .optional();
  }

  private static boolean isFinal(RuntimeException e) {
    return (e instanceof ApplicationFailure failure && failure.isNonRetryable())
        || e instanceof IllegalArgumentException;
  }

  private static String describe(RuntimeException e) {
    String message =
        e instanceof ApplicationFailure failure ? failure.getOriginalMessage() : e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }

  /** The activity's attempt; 1 when called outside an activity (a test, the API). */
  private static int attempt() {
    try {
      return Activity.getExecutionContext().getInfo().getAttempt();
    } catch (IllegalStateException | NullPointerException notInAnActivity) {
      return 1;
    }
  }

  private static BillingProblem problem(ResultSet rs, int n) throws SQLException {
    return new BillingProblem(
        rs.getLong("id"),
        rs.getLong("account_id"),
        (Long) rs.getObject("invoice_id"),
        rs.getString("step"),
        rs.getString("message"),
        instant(rs, "opened_at"),
        instant(rs, "last_seen_at"),
        instant(rs, "resolved_at"));
  }

  private static java.time.Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
