package dev.vigil.console;

import dev.vigil.oncall.OnCallRefusal;
import dev.vigil.web.ApiException;
import dev.vigil.web.RequestChecks;
import org.springframework.stereotype.Component;

/**
 * A form's fields as the REST API would receive them: the same request records, checked by the same
 * constraints, refused in the same words ("'ack_timeout_minutes' must be between 1 and 43200").
 */
@Component
class ConsoleForms {

  private final RequestChecks checks;

  ConsoleForms(RequestChecks checks) {
    this.checks = checks;
  }

  /** The request's bean constraints, as the API's {@code @Valid} applies them. */
  <T> T valid(T request) {
    return checks.valid(request);
  }

  /** A whole number typed into a field; blank is none. */
  static Integer number(String field, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(text.strip());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(field, "must be a whole number");
    }
  }

  /** A choice of a list (a policy, a team); blank is none. */
  static Long id(String field, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Long.valueOf(text.strip());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(field, "is not one of the choices");
    }
  }

  static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  /** A refusal of the on-call stores, in the sentence the API's error would carry. */
  static String sentence(OnCallRefusal refused) {
    if (refused.details().isEmpty()) {
      return refused.getMessage();
    }
    return refused.getMessage() + ": " + String.join("; ", refused.details());
  }
}
