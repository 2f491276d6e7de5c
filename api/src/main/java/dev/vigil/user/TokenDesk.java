package dev.vigil.user;

import dev.vigil.auth.ApiCaller;
import dev.vigil.oncall.access.ApiTokens;
import dev.vigil.web.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * An account's API tokens as its admins manage them in the console: created through the REST API's
 * {@code POST /api/v1/users/{id}/api-tokens} (so its refusals are the API's), listed and revoked
 * through {@link ApiTokens}, which never holds a token's secret.
 */
@Component
public class TokenDesk {

  private final UserTokenController userTokens;
  private final ApiTokens tokens;

  TokenDesk(UserTokenController userTokens, ApiTokens tokens) {
    this.userTokens = userTokens;
    this.tokens = tokens;
  }

  public List<ApiTokens.Listed> list(ApiCaller caller) {
    return tokens.list(caller.accountId());
  }

  /** Creates a token acting as the user; answers the token itself, the only time it is visible. */
  public String create(ApiCaller caller, long userId, String name) {
    Map<String, Object> created =
        userTokens.create(caller, userId, new UserTokenController.TokenRequest(name));
    return String.valueOf(((Map<?, ?>) created.get("api_token")).get("token"));
  }

  public void revoke(ApiCaller caller, long tokenId) {
    if (!tokens.revoke(caller.accountId(), tokenId)) {
      throw ApiException.notFound("API token " + tokenId);
    }
  }
}
