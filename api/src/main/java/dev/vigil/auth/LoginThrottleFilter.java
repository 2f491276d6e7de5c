package dev.vigil.auth;

import dev.vigil.ratelimit.KeyedLimiter.Admission;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Password logins share the wrong-credentials allowance of API tokens (docs/decisions/0018): an
 * address that used it up, with wrong tokens or wrong passwords, has its next login refused unread
 * (429 with Retry-After), right password or not, until the allowance refills.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

  private final RequestMatcher login;
  private final ApiThrottle throttle;
  private final ApiErrorResponses errors;

  LoginThrottleFilter(RequestMatcher login, ApiThrottle throttle, ApiErrorResponses errors) {
    this.login = login;
    this.throttle = throttle;
    this.errors = errors;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !login.matches(request);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Admission allowed = throttle.addressAllowed(request.getRemoteAddr());
    if (!allowed.admitted()) {
      errors.tooManyRequests(
          response,
          allowed,
          "too_many_bad_logins",
          "Too many wrong passwords or API tokens from this address; retry later");
      return;
    }
    chain.doFilter(request, response);
  }

  /** The form login's failure handler: a wrong password spends the address's allowance. */
  static AuthenticationFailureHandler countingFailures(ApiThrottle throttle) {
    AuthenticationFailureHandler page = new SimpleUrlAuthenticationFailureHandler("/login?error");
    return (request, response, failure) -> {
      if (wrongPassword(failure)) {
        throttle.wrongCredentials(request.getRemoteAddr());
      }
      page.onAuthenticationFailure(request, response, failure);
    };
  }

  private static boolean wrongPassword(AuthenticationException failure) {
    return failure instanceof BadCredentialsException;
  }
}
