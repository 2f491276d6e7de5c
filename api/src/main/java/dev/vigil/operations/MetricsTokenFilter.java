package dev.vigil.operations;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /actuator/prometheus}: without a configured metrics token the endpoint does not
 * exist (404); with one, only {@code Authorization: Bearer <token>} reads it (401 otherwise). See
 * docs/decisions/0012-operations-endpoints.md.
 */
class MetricsTokenFilter extends OncePerRequestFilter {

  static final String PATH = "/actuator/prometheus";

  /** SHA-256 of the token, so comparing takes the same time whatever the length guessed. */
  private final byte[] expectedDigest;

  MetricsTokenFilter(String token) {
    this.expectedDigest = token == null || token.isBlank() ? null : sha256(token);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return !(path.equals(PATH) || path.startsWith(PATH + "/"));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (expectedDigest == null) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    String presented = bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
    if (presented == null || !MessageDigest.isEqual(expectedDigest, sha256(presented))) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"metrics\"");
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
      return;
    }
    chain.doFilter(request, response);
  }

  private static String bearer(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return authorization.substring(7).strip();
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
