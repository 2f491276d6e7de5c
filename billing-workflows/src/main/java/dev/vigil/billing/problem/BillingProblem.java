package dev.vigil.billing.problem;

import java.time.Instant;

/**
 * A billing cycle or invoice that cannot proceed (docs/decisions/0044).
 *
 * @param invoiceId the invoice held up; null when the billing cycle is (its draft failed)
 * @param step what failed: {@code draft}, {@code stripe_push}, {@code stripe_charge} or {@code
 *     stripe_credit_note}
 * @param message what went wrong, for the operator
 * @param resolvedAt null while open
 */
public record BillingProblem(
    long id,
    long accountId,
    Long invoiceId,
    String step,
    String message,
    Instant openedAt,
    Instant lastSeenAt,
    Instant resolvedAt) {

  public static final String DRAFT = "draft";
  public static final String STRIPE_PUSH = "stripe_push";
  public static final String STRIPE_CHARGE = "stripe_charge";
  public static final String STRIPE_CREDIT_NOTE = "stripe_credit_note";

  /** The dedup key of the operator's incident about this problem: one incident per problem. */
  public String incidentKey() {
    return "billing-problem-" + id;
  }
}
