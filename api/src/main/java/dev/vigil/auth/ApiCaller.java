package dev.vigil.auth;

import dev.vigil.oncall.access.Logins;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The authenticated caller of the REST API: a token, or a person logged in. Every query a request
 * makes is scoped to its account. Spring Security holds it as the principal; the request carries it
 * under {@link #ATTRIBUTE} for controllers.
 *
 * @param tokenId the API token used, or {@link #LOGIN} for a person logged in (password or SSO)
 * @param userId the user a token acts as; null for an account token (the bootstrap token)
 * @param role {@code admin}, {@code responder}, {@code support}, {@code accountant} (tenants), or
 *     {@code operator_admin}, {@code operator_accountant} (the operator's staff)
 */
public record ApiCaller(long tokenId, long accountId, String tokenName, Long userId, String role)
    implements Serializable {

  public static final String ATTRIBUTE = "vigil.apiCaller";

  /** The {@link #tokenId} of a caller who logged in rather than presenting a token. */
  public static final long LOGIN = 0;

  /** Whether the caller acts for the operator, the company that runs Vigil as a service. */
  /** A person logged in (password or SSO) rather than presenting a token. */
  static ApiCaller loggedIn(Logins.Login login) {
    return new ApiCaller(LOGIN, login.accountId(), login.email(), login.userId(), login.role());
  }

  public boolean operator() {
    return role.startsWith("operator_");
  }

  boolean loggedIn() {
    return tokenId == LOGIN;
  }

  /** {@code ROLE_ADMIN}, {@code ROLE_OPERATOR_ACCOUNTANT}, ...: what the access rules check. */
  List<GrantedAuthority> authorities() {
    return List.of(new SimpleGrantedAuthority("ROLE_" + role.toUpperCase(Locale.ROOT)));
  }
}
