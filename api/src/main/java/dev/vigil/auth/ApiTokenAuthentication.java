package dev.vigil.auth;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** An API token as presented (unauthenticated), then the caller it stands for (authenticated). */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

  private final transient String token;
  private final ApiCaller caller;

  private ApiTokenAuthentication(String token, ApiCaller caller) {
    super(caller == null ? List.of() : caller.authorities());
    this.token = token;
    this.caller = caller;
    setAuthenticated(caller != null);
  }

  static ApiTokenAuthentication presented(String token) {
    return new ApiTokenAuthentication(token, null);
  }

  static ApiTokenAuthentication of(ApiCaller caller) {
    return new ApiTokenAuthentication(null, caller);
  }

  String token() {
    return token;
  }

  @Override
  public Object getCredentials() {
    return null; // never kept: the token itself is not to travel further than the provider
  }

  @Override
  public ApiCaller getPrincipal() {
    return caller;
  }

  @Override
  public String getName() {
    return caller == null ? "" : "token " + caller.tokenId();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApiTokenAuthentication that
        && java.util.Objects.equals(caller, that.caller)
        && java.util.Objects.equals(token, that.token);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(caller, token);
  }

  @Override
  public String toString() {
    return "ApiTokenAuthentication[" + getName() + "]"; // never the token
  }
}
