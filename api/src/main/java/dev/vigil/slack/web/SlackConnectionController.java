package dev.vigil.slack.web;

import dev.vigil.auth.ApiCaller;
import dev.vigil.slack.delivery.SlackStore;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
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

  private final SlackStore store;
  private final SlackConnections connections;

  SlackConnectionController(SlackStore store, SlackConnections connections) {
    this.store = store;
    this.connections = connections;
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
    connections.save(
        caller.accountId(), request.workspaceId(), request.botToken(), request.signingSecret());
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
