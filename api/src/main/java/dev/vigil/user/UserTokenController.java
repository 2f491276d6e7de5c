package dev.vigil.user;

import dev.vigil.auth.ApiCaller;
import dev.vigil.oncall.access.ApiTokens;
import dev.vigil.oncall.user.UserStore;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tokens that act as a user: requests made with one carry the user's role, which is how an
 * accountant reaches the billing API without holding an admin token.
 */
@RestController
@Tag(name = "Users")
class UserTokenController {

  private final UserStore users;
  private final ApiTokens tokens;

  UserTokenController(UserStore users, ApiTokens tokens) {
    this.users = users;
    this.tokens = tokens;
  }

  /** The token's name, to tell tokens apart when one must be revoked. */
  record TokenRequest(String name) {}

  @PostMapping("/api/v1/users/{id}/api-tokens")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Create an API token acting as a user",
      description =
          "Admins only. The token is shown once, in this answer; only its hash is kept. Requests"
              + " made with it have the user's role at the time of each request.")
  Map<String, Object> create(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      @RequestBody(required = false) TokenRequest request) {
    UserStore.UserRow user =
        users.find(caller.accountId(), id).orElseThrow(() -> ApiException.notFound("User " + id));
    if (user.role().startsWith("operator_")) {
      // A tenant admin of the operator's own account must not mint the operator's powers.
      throw new ApiException(
          HttpStatus.FORBIDDEN,
          "forbidden",
          "Tokens acting as the operator's staff are not made through the tenant API",
          java.util.List.of());
    }
    String name =
        request == null || request.name() == null || request.name().isBlank()
            ? "token for " + user.email()
            : request.name().strip();
    if (name.length() > 200) {
      throw ApiException.badRequest("name", "is longer than 200 characters");
    }
    String token = tokens.createForUser(caller.accountId(), id, name);
    return Map.of(
        "api_token", Map.of("name", name, "user_id", id, "role", user.role(), "token", token));
  }
}
