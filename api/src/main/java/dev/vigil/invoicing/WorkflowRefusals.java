package dev.vigil.invoicing;

import dev.vigil.web.ApiException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * Turns a billing workflow's refusal of an update into the API's error shape. Validators phrase a
 * refusal about one field as {@code field: problem} (400 naming the field), about a role as "only
 * the ... roles" (403), and about the invoice's state otherwise (409).
 */
final class WorkflowRefusals {

  private static final Pattern FIELD =
      Pattern.compile("^([a-z_]+(?:\\[\\d+\\])?(?:\\.[a-z_]+)?): (.+)$");

  private WorkflowRefusals() {}

  static ApiException of(WorkflowUpdateException e) {
    String message = rootMessage(e);
    Matcher field = FIELD.matcher(message);
    if (field.matches()) {
      return ApiException.badRequest(field.group(1), field.group(2));
    }
    if (message.startsWith("only the ")) {
      return new ApiException(HttpStatus.FORBIDDEN, "forbidden", message, List.of());
    }
    return ApiException.conflict(message);
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e.getCause();
    while (cause instanceof ActivityFailure && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof ApplicationFailure failure) {
      return failure.getOriginalMessage();
    }
    return cause == null ? e.getMessage() : cause.getMessage();
  }
}
