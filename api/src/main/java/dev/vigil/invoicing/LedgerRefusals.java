package dev.vigil.invoicing;

import dev.vigil.refusal.Refusal;
import dev.vigil.web.ApiException;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A refusal thrown by ledger code the API calls directly (a payment on a closed invoice, a credit
 * note on a paid one, a refund), in the API's error shape: the same types as a workflow's refusals
 * (docs/decisions/0028). Anything else propagates as it is.
 */
final class LedgerRefusals {

  private LedgerRefusals() {}

  static RuntimeException of(RuntimeException e) {
    return Refusal.of(e)
        .<RuntimeException>map(
            refusal -> {
              String message = Refusal.message(e).orElse(e.getMessage());
              return switch (refusal) {
                case INVALID_FIELD ->
                    ApiException.badRequest(Refusal.field(e).orElse("request"), message);
                case NOT_ALLOWED ->
                    new ApiException(HttpStatus.FORBIDDEN, "forbidden", message, List.of());
                case WRONG_STATE -> ApiException.conflict(message);
                case NOT_READY -> ApiException.unavailable(message);
              };
            })
        .orElse(e);
  }
}
