package dev.vigil.web;

import dev.vigil.oncall.OnCallRefusal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The on-call module's refusals in the API's error envelope, chosen by the refusal's kind: the
 * module knows no HTTP, the edge never reads a message to pick a status.
 */
@RestControllerAdvice(basePackages = "dev.vigil")
class OnCallRefusals {

  @ExceptionHandler(OnCallRefusal.class)
  ResponseEntity<ApiError> refused(OnCallRefusal e) {
    ApiException answer =
        switch (e.kind()) {
          case NOT_FOUND ->
              new ApiException(HttpStatus.NOT_FOUND, "not_found", e.getMessage(), e.details());
          case CONFLICT ->
              new ApiException(HttpStatus.CONFLICT, "conflict", e.getMessage(), e.details());
          case IN_USE ->
              new ApiException(HttpStatus.CONFLICT, "in_use", e.getMessage(), e.details());
          case INVALID -> ApiException.badRequest(e.details());
        };
    return ResponseEntity.status(answer.status()).body(answer.body());
  }
}
