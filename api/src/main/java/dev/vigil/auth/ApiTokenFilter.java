package dev.vigil.auth;

import dev.vigil.ratelimit.KeyedLimiter.Admission;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the API token of a {@code /api/**} request, PagerDuty style ({@code Authorization: Token
 * token=...}) or as a bearer token, and authenticates it through the {@link AuthenticationManager}.
 * The request is matched on its decoded, normalised path, the same path the access rules and the
 * controllers see. A presented token decides alone: a wrong one is a 401 even with a session.
 *
 * <p>The limits of docs/decisions/0018 stay here: an address that sent too many wrong tokens is
 * refused unread, and each token has its rate. The authentication lives for this request only: a
 * token never opens a session.
 */
class ApiTokenFilter extends OncePerRequestFilter {

  private final RequestMatcher api;
  private final AuthenticationManager authentication;
  private final ApiThrottle throttle;
  private final ApiErrorResponses errors;

  ApiTokenFilter(
      RequestMatcher api,
      AuthenticationManager authentication,
      ApiThrottle throttle,
      ApiErrorResponses errors) {
    this.api = api;
    this.authentication = authentication;
    this.throttle = throttle;
    this.errors = errors;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !api.matches(request);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization == null) {
      chain.doFilter(request, response); // a session, or anonymous: the access rules decide
      return;
    }
    String address = request.getRemoteAddr();
    Admission addressAllowed = throttle.addressAllowed(address);
    if (!addressAllowed.admitted()) {
      errors.tooManyRequests(
          response,
          addressAllowed,
          "too_many_bad_tokens",
          "Too many wrong API tokens from this address; retry later");
      return;
    }
    Optional<String> token = tokenOf(authorization);
    Authentication caller;
    try {
      caller =
          authentication.authenticate(
              ApiTokenAuthentication.presented(
                  token.orElseThrow(() -> new BadCredentialsException("No API token"))));
    } catch (AuthenticationException e) {
      if (token.isPresent() && e instanceof BadCredentialsException) {
        throttle.wrongCredentials(address);
      }
      SecurityContextHolder.clearContext();
      errors.commence(request, response, e);
      return;
    }
    Admission tokenAllowed = throttle.request((ApiCaller) caller.getPrincipal());
    if (!tokenAllowed.admitted()) {
      errors.tooManyRequests(
          response,
          tokenAllowed,
          "rate_limited",
          "More than "
              + throttle.tokenLimitPerMinute()
              + " requests a minute with this API token; retry later");
      return;
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(caller);
    SecurityContextHolder.setContext(context);
    chain.doFilter(request, response);
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
