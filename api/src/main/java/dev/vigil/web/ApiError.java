package dev.vigil.web;

import java.util.List;

/** The REST API's error body: {@code {"error": {"code", "message", "errors": [...]}}}. */
public record ApiError(Body error) {

  public record Body(String code, String message, List<String> errors) {}

  public static ApiError of(String code, String message) {
    return new ApiError(new Body(code, message, List.of()));
  }

  public static ApiError of(String code, String message, List<String> errors) {
    return new ApiError(new Body(code, message, errors));
  }
}
