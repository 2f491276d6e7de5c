package dev.vigil.auth;

import dev.vigil.web.ApiException;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * The authenticated caller of the REST API. Every query a request makes is scoped to its account.
 *
 * @param userId the user a token acts as; null for an account admin token (the bootstrap token)
 * @param role the user's role ({@code admin}, {@code responder}, {@code support}, {@code
 *     accountant}); {@code admin} for an account token
 */
public record ApiCaller(long tokenId, long accountId, String tokenName, Long userId, String role) {

  public static final String ATTRIBUTE = "vigil.apiCaller";

  public ApiCaller(long tokenId, long accountId, String tokenName) {
    this(tokenId, accountId, tokenName, null, "admin");
  }

  /** Refuses the request with 403 unless the caller has one of the roles. */
  public void requireRole(String... roles) {
    List<String> allowed = Arrays.asList(roles);
    if (!allowed.contains(role)) {
      throw new ApiException(
          HttpStatus.FORBIDDEN,
          "forbidden",
          "This needs the " + String.join(" or ", allowed) + " role; the caller's role is " + role,
          List.of());
    }
  }
}
