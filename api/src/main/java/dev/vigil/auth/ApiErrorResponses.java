package dev.vigil.auth;

import dev.vigil.ratelimit.KeyedLimiter.Admission;
import dev.vigil.web.ApiError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/** Refusals of the security layer in the API's error envelope: 401, 403 and 429. */
@Component
class ApiErrorResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final ObjectMapper json;

  ApiErrorResponses(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    if (e instanceof DisabledException) {
      write(
          response,
          HttpStatus.UNAUTHORIZED,
          ApiError.of("account_suspended", "The account is suspended; ask the operator"));
      return;
    }
    write(
        response,
        HttpStatus.UNAUTHORIZED,
        ApiError.of(
            "unauthorized", "A valid API token is required (Authorization: Token token=...)"));
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    String role =
        SecurityContextHolder.getContext().getAuthentication() != null
                && SecurityContextHolder.getContext().getAuthentication().getPrincipal()
                    instanceof ApiCaller caller
            ? caller.role()
            : "caller's";
    write(
        response,
        HttpStatus.FORBIDDEN,
        ApiError.of("forbidden", "The " + role + " role may not do this"));
  }

  void tooManyRequests(HttpServletResponse response, Admission refusal, String code, String message)
      throws IOException {
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(refusal.retryAfterSeconds()));
    write(response, HttpStatus.TOO_MANY_REQUESTS, ApiError.of(code, message));
  }

  private void write(HttpServletResponse response, HttpStatus status, ApiError body)
      throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    json.writeValue(response.getOutputStream(), body);
  }
}
