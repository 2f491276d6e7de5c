package dev.vigil.billing.problem;

/**
 * Tells the operator of billing problems: an incident on the operator account's own on-call,
 * through the same path as any event (the application provides it; without one, problems are only
 * logged and shown on the account).
 */
public interface OperatorAlarm {

  /** Opens (or joins) the problem's incident; throws when that could not be done. */
  void raise(BillingProblem problem);

  /** Resolves the problem's incident, if one is open. */
  void clear(BillingProblem problem);
}
