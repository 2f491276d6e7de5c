package dev.vigil.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/** An error the REST API answers with: a status, a stable code, and a message for people. */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String code;
  private final List<String> errors;

  public ApiException(HttpStatus status, String code, String message, List<String> errors) {
    super(message);
    this.status = status;
    this.code = code;
    this.errors = List.copyOf(errors);
  }

  public static ApiException notFound(String what) {
    return new ApiException(HttpStatus.NOT_FOUND, "not_found", what + " not found", List.of());
  }

  public static ApiException conflict(String message) {
    return new ApiException(HttpStatus.CONFLICT, "conflict", message, List.of());
  }

  /** Refusing to delete something still in use, saying what uses it. */
  /** A transient state that heals by itself: the caller should try again shortly. */
  public static ApiException unavailable(String message) {
    return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", message, List.of());
  }

  public static ApiException inUse(String what, List<String> usedBy) {
    return new ApiException(
        HttpStatus.CONFLICT, "in_use", what + " is in use by " + String.join(", ", usedBy), usedBy);
  }

  public static ApiException badRequest(String field, String problem) {
    return new ApiException(
        HttpStatus.BAD_REQUEST,
        "invalid_request",
        "Request is invalid",
        List.of("'" + field + "' " + problem));
  }

  /**
   * Several fields at fault at once, each already phrased as {@code 'field' problem}: a client
   * fixing a form sees every problem in one answer, not one per attempt.
   */
  public static ApiException badRequest(List<String> errors) {
    return new ApiException(
        HttpStatus.BAD_REQUEST, "invalid_request", "Request is invalid", errors);
  }

  public HttpStatus status() {
    return status;
  }

  public ApiError body() {
    return ApiError.of(code, getMessage(), errors);
  }
}
