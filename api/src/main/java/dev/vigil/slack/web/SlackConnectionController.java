package dev.vigil.slack.web;

import dev.vigil.auth.ApiCaller;
import dev.vigil.slack.delivery.SlackStore;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The account's Slack app (docs/decisions/0062). Secrets go in and never come out. */
@RestController
@Tag(
    name = "Slack",
    description =
        "Incidents posted to a service's Slack channel and kept up to date, with Acknowledge and"
            + " Resolve buttons")
class SlackConnectionController {

  private static final Pattern TEAM = Pattern.compile("[TE][A-Z0-9]{2,30}");
  private static final Pattern BOT_TOKEN = Pattern.compile("xoxb-[A-Za-z0-9-]{10,250}");
  private static final Pattern SIGNING_SECRET = Pattern.compile("[A-Za-z0-9]{16,128}");

  private final SlackStore store;

  SlackConnectionController(SlackStore store) {
    this.store = store;
  }

  @GetMapping("/api/v1/slack")
  @ApiResponse(responseCode = "200", description = "OK")
  @ApiResponse(
      responseCode = "404",
      description = "The account has no Slack connection",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(ref = "#/components/schemas/Error")))
  @Operation(
      summary = "Get the account's Slack connection",
      description = "Without its secrets; with the last delivery Slack refused, if any.")
  Map<String, SlackConnectionView> get(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller) {
    return Map.of("slack", view(caller));
  }

  @PutMapping("/api/v1/slack")
  @Operation(
      summary = "Connect the account to a Slack app",
      description =
          "The app's workspace, bot token and signing secret; Slack's interactivity request URL"
              + " is $VIGIL_PUBLIC_URL/webhooks/slack/interactions. Secrets omitted on a change"
              + " keep their stored values.")
  Map<String, SlackConnectionView> put(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @RequestBody SlackConnectionRequest request) {
    List<String> errors = new ArrayList<>();
    if (request.workspaceId() == null || request.workspaceId().isBlank()) {
      errors.add("'workspace_id' is required");
    } else if (!TEAM.matcher(request.workspaceId()).matches()) {
      errors.add("'workspace_id' must be a Slack workspace id (T followed by capitals and digits)");
    }
    if (request.botToken() != null && !BOT_TOKEN.matcher(request.botToken()).matches()) {
      errors.add("'bot_token' must be a bot token (xoxb-...)");
    }
    if (request.signingSecret() != null
        && !SIGNING_SECRET.matcher(request.signingSecret()).matches()) {
      errors.add(
          "'signing_secret' must be the app's signing secret (16 to 128 letters and digits)");
    }
    if (!errors.isEmpty()) {
      throw ApiException.badRequest(errors);
    }
    switch (store.save(
        caller.accountId(), request.workspaceId(), request.botToken(), request.signingSecret())) {
      case TEAM_TAKEN ->
          throw ApiException.conflict(
              "Slack workspace " + request.workspaceId() + " is connected to another account");
      case SECRETS_REQUIRED -> {
        List<String> missing = new ArrayList<>();
        if (request.botToken() == null) {
          missing.add("'bot_token' is required");
        }
        if (request.signingSecret() == null) {
          missing.add("'signing_secret' is required");
        }
        throw ApiException.badRequest(missing);
      }
      case SAVED -> {}
    }
    return Map.of("slack", view(caller));
  }

  @DeleteMapping("/api/v1/slack")
  @ApiResponse(
      responseCode = "404",
      description = "The account has no Slack connection",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(ref = "#/components/schemas/Error")))
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(
      summary = "Disconnect Slack",
      description = "Forgets the secrets; nothing more is posted and Slack's buttons are refused.")
  void delete(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller) {
    if (!store.delete(caller.accountId())) {
      throw ApiException.notFound("Slack connection");
    }
  }

  private SlackConnectionView view(ApiCaller caller) {
    return store
        .connection(caller.accountId())
        .map(c -> SlackConnectionView.of(c, store.failedCount(caller.accountId())))
        .orElseThrow(() -> ApiException.notFound("Slack connection"));
  }
}
