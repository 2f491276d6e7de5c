package dev.vigil.web;

import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.databind.DatabindException;

/** Every refusal of the REST API in one shape, naming the fields at fault in snake_case. */
@RestControllerAdvice(basePackages = "dev.vigil")
class ApiExceptionHandler {

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ApiError> api(ApiException e) {
    return ResponseEntity.status(e.status()).body(e.body());
  }

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ResponseEntity<ApiError> invalidBody(MethodArgumentNotValidException e) {
    List<String> errors =
        e.getBindingResult().getFieldErrors().stream()
            .sorted(Comparator.comparing(error -> error.getField()))
            .map(
                error ->
                    "'" + FieldNames.snakeCase(error.getField()) + "' " + error.getDefaultMessage())
            .toList();
    return invalid(errors);
  }

  /** Not JSON, or a value of the wrong type: say which field, not how the parser felt. */
  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
    if (e.getMostSpecificCause() instanceof DatabindException mismatch
        && !mismatch.getPath().isEmpty()) {
      return invalid(
          List.of("'" + FieldNames.path(mismatch.getPath()) + "' has the wrong type or format"));
    }
    return invalid(List.of("Body is not valid JSON"));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
    return invalid(List.of("'" + e.getName() + "' has an invalid value"));
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
    return invalid(List.of("'" + e.getParameterName() + "' is required"));
  }

  private static ResponseEntity<ApiError> invalid(List<String> errors) {
    return ResponseEntity.status(HttpStatus.BAD_REQUEST)
        .body(ApiError.of("invalid_request", "Request is invalid", errors));
  }
}
