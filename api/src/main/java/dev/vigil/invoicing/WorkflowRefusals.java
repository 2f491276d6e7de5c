package dev.vigil.invoicing;

import dev.vigil.refusal.Refusal;
import dev.vigil.web.ApiException;
import io.temporal.client.WorkflowUpdateException;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * Turns a billing workflow's refusal of an update into the API's error shape, by the refusal's type
 * ({@link Refusal}): an invalid field is 400 naming it, a role that may not is 403, anything else
 * (the invoice's state, or a state that changed under a queued update) is 409. The message is
 * passed on for people, never read.
 */
final class WorkflowRefusals {

  private WorkflowRefusals() {}

  static ApiException of(WorkflowUpdateException e) {
    String message = Refusal.message(e).orElse(e.getMessage());
    return switch (Refusal.of(e).orElse(Refusal.WRONG_STATE)) {
      case INVALID_FIELD -> ApiException.badRequest(Refusal.field(e).orElseThrow(), message);
      case NOT_ALLOWED -> new ApiException(HttpStatus.FORBIDDEN, "forbidden", message, List.of());
      case WRONG_STATE -> ApiException.conflict(message);
      case NOT_READY -> ApiException.unavailable(message);
    };
  }
}
