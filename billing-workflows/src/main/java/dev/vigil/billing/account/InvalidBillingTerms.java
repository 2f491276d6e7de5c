package dev.vigil.billing.account;

import java.util.List;

/** Billing terms refused, every problem at once, each phrased {@code 'field' problem}. */
public class InvalidBillingTerms extends RuntimeException {

  private final List<String> problems;

  InvalidBillingTerms(List<String> problems) {
    super("Billing terms are invalid: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
