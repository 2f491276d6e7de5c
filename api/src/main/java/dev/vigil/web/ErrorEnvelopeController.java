package dev.vigil.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the servlet container forwards to {@code /error} (a refusal before Spring MVC, an error
 * raised by a filter) answers in the API's error envelope too, never Spring Boot's default {@code
 * {"timestamp", "status", ...}}. The exception itself is not described: its message may carry what
 * a caller should not see.
 */
@RestController
class ErrorEnvelopeController implements ErrorController {

  @RequestMapping(value = "/error", produces = MediaType.ALL_VALUE)
  ResponseEntity<ApiError> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status =
        code instanceof Integer value && HttpStatus.resolve(value) != null
            ? HttpStatus.valueOf(value)
            : HttpStatus.INTERNAL_SERVER_ERROR;
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(ApiError.of(status.name().toLowerCase(Locale.ROOT), status.getReasonPhrase()));
  }
}
