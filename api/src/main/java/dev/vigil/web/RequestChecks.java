package dev.vigil.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * A request record's bean constraints, checked as {@code @Valid} checks them on the API, for the
 * console's forms that build the same records: the same rules and the same 400, each fault naming
 * its field in snake_case.
 */
@Component
public class RequestChecks {

  private final Validator validator;

  RequestChecks(Validator validator) {
    this.validator = validator;
  }

  public <T> T valid(T request) {
    List<String> errors =
        validator.validate(request).stream()
            .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
            .map(RequestChecks::problem)
            .toList();
    if (!errors.isEmpty()) {
      throw ApiException.badRequest(errors);
    }
    return request;
  }

  private static String problem(ConstraintViolation<?> violation) {
    String path =
        violation
            .getPropertyPath()
            .toString()
            .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
            .toLowerCase(Locale.ROOT);
    return "'" + path + "' " + violation.getMessage();
  }
}
