package dev.vigil.auth;

import dev.vigil.ratelimit.KeyedLimiter.Admission;
import dev.vigil.web.ApiError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.ObjectMapper;

/**
 * Authenticates {@code /api/**} with an API token, PagerDuty style ({@code Authorization: Token
 * token=...}) or as a bearer token. The Events API authenticates by routing key instead.
 */
@Component
class ApiTokenFilter extends OncePerRequestFilter {

  private final ApiTokens tokens;
  private final ApiThrottle throttle;
  private final ObjectMapper json;

  ApiTokenFilter(ApiTokens tokens, ApiThrottle throttle, ObjectMapper json) {
    this.tokens = tokens;
    this.throttle = throttle;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String address = request.getRemoteAddr();
    Admission addressAllowed = throttle.addressAllowed(address);
    if (!addressAllowed.admitted()) {
      tooManyRequests(
          response,
          addressAllowed,
          "too_many_bad_tokens",
          "Too many wrong API tokens from this address; retry later");
      return;
    }
    Optional<String> token = tokenOf(request.getHeader(HttpHeaders.AUTHORIZATION));
    Optional<ApiCaller> caller = token.flatMap(tokens::authenticate);
    if (caller.isEmpty()) {
      if (token.isPresent()) {
        throttle.wrongToken(address);
      }
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      json.writeValue(
          response.getOutputStream(),
          ApiError.of(
              "unauthorized", "A valid API token is required (Authorization: Token token=...)"));
      return;
    }
    if (!RolePolicy.allows(caller.get(), request.getMethod(), request.getRequestURI())) {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      json.writeValue(
          response.getOutputStream(),
          ApiError.of(
              "forbidden", "The " + caller.get().role() + " role may read this but not change it"));
      return;
    }
    Admission tokenAllowed = throttle.request(caller.get());
    if (!tokenAllowed.admitted()) {
      tooManyRequests(
          response,
          tokenAllowed,
          "rate_limited",
          "More than "
              + throttle.tokenLimitPerMinute()
              + " requests a minute with this API token; retry later");
      return;
    }
    request.setAttribute(ApiCaller.ATTRIBUTE, caller.get());
    chain.doFilter(request, response);
  }

  private void tooManyRequests(
      HttpServletResponse response, Admission refusal, String code, String message)
      throws IOException {
    response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(refusal.retryAfterSeconds()));
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    json.writeValue(response.getOutputStream(), ApiError.of(code, message));
  }

  static Optional<String> tokenOf(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    String value = authorization.strip();
    if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return nonBlank(value.substring(7));
    }
    if (value.regionMatches(true, 0, "Token ", 0, 6)) {
      String rest = value.substring(6).strip();
      return rest.startsWith("token=") ? nonBlank(rest.substring(6)) : Optional.empty();
    }
    return Optional.empty();
  }

  private static Optional<String> nonBlank(String token) {
    String stripped = token.strip();
    return stripped.isEmpty() ? Optional.empty() : Optional.of(stripped);
  }
}
