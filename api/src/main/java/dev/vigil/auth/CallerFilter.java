package dev.vigil.auth;

import dev.vigil.oncall.access.Logins;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hands the caller to the controllers ({@link ApiCaller#ATTRIBUTE}), just before the access rules.
 * A person logged in is read again from the database at each request: the access rules see their
 * role as it is now, and a deleted user or a suspended account ends the session.
 */
class CallerFilter extends OncePerRequestFilter {

  static final String OIDC_USER_ID = "vigil_user_id";

  private final Logins logins;

  CallerFilter(Logins logins) {
    this.logins = logins;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    Long loggedInUser = loggedInUser(authentication);
    if (loggedInUser != null) {
      var login = logins.byUser(loggedInUser).filter(l -> !l.suspended());
      if (login.isEmpty()) {
        SecurityContextHolder.clearContext();
        HttpSession session = request.getSession(false);
        if (session != null) {
          session.invalidate();
        }
      } else {
        ApiCaller fresh = ApiCaller.loggedIn(login.get());
        // For this request only: the session keeps what login stored.
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(fresh, null, fresh.authorities()));
        SecurityContextHolder.setContext(context);
      }
    }
    Authentication current = SecurityContextHolder.getContext().getAuthentication();
    if (current != null && current.getPrincipal() instanceof ApiCaller caller) {
      request.setAttribute(ApiCaller.ATTRIBUTE, caller);
    }
    chain.doFilter(request, response);
  }

  private static Long loggedInUser(Authentication authentication) {
    if (authentication == null) {
      return null;
    }
    if (authentication.getPrincipal() instanceof ApiCaller caller && caller.loggedIn()) {
      return caller.userId();
    }
    if (authentication.getPrincipal() instanceof OidcUser oidc
        && oidc.getAttributes().get(OIDC_USER_ID) instanceof Number id) {
      return id.longValue();
    }
    return null;
  }
}
