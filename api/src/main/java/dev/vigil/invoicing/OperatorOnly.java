package dev.vigil.invoicing;

import dev.vigil.web.ApiException;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * The part of a billing change that only the operator may make, where the route alone cannot say
 * it: a tenant's plan change dated in the past, a tenant's switch of payment method or terms.
 */
final class OperatorOnly {

  /** How far in the past a tenant's "now" may lie: the time a request takes to arrive. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  private OperatorOnly() {}

  static ApiException refusal(String what) {
    return new ApiException(
        HttpStatus.FORBIDDEN,
        "forbidden",
        "Only the operator " + what + " (POST or PUT under /api/v1/operator/accounts/{id})",
        List.of());
  }
}
