package dev.vigil.auth;

import dev.vigil.oncall.access.ApiTokens;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * API tokens as Spring Security sees them: the same header and the same hashed storage as always
 * ({@link ApiTokens}). A token of a suspended account is refused (docs/decisions/0030).
 */
@Component
class ApiTokenAuthenticationProvider implements AuthenticationProvider {

  private final ApiTokens tokens;

  ApiTokenAuthenticationProvider(ApiTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String token = ((ApiTokenAuthentication) authentication).token();
    ApiTokens.Holder found =
        tokens
            .authenticate(token)
            .orElseThrow(() -> new BadCredentialsException("Unknown API token"));
    if (found.suspended()) {
      throw new DisabledException("The account is suspended");
    }
    tokens.used(found.tokenId());
    return ApiTokenAuthentication.of(
        new ApiCaller(
            found.tokenId(), found.accountId(), found.name(), found.userId(), found.role()));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return ApiTokenAuthentication.class.isAssignableFrom(authentication);
  }
}
