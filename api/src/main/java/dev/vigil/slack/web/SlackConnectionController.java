package dev.vigil.slack.web;

import dev.vigil.auth.ApiCaller;
import dev.vigil.oncall.service.ServiceStore;
import dev.vigil.slack.delivery.SlackStore;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The account's Slack app and the channel each service posts to (docs/decisions/0062). Secrets go
 * in and never come out.
 */
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
  private static final Pattern CHANNEL = Pattern.compile("[CG][A-Z0-9]{2,30}");

  private final SlackStore store;
  private final ServiceStore services;

  SlackConnectionController(SlackStore store, ServiceStore services) {
    this.store = store;
    this.services = services;
  }

  @GetMapping("/api/v1/slack")
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
    if (request.teamId() == null || request.teamId().isBlank()) {
      errors.add("'team_id' is required");
    } else if (!TEAM.matcher(request.teamId()).matches()) {
      errors.add("'team_id' must be a Slack workspace id (T followed by capitals and digits)");
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
        caller.accountId(), request.teamId(), request.botToken(), request.signingSecret())) {
      case TEAM_TAKEN ->
          throw ApiException.conflict(
              "Slack workspace " + request.teamId() + " is connected to another account");
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
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(
      summary = "Disconnect Slack",
      description = "Forgets the secrets; nothing more is posted and Slack's buttons are refused.")
  void delete(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller) {
    if (!store.delete(caller.accountId())) {
      throw ApiException.notFound("Slack connection");
    }
  }

  @GetMapping("/api/v1/services/{id}/slack_channel")
  @Operation(summary = "Get the Slack channel of a service")
  Map<String, SlackChannelView> channel(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long id) {
    services.require(caller.accountId(), id);
    return Map.of("slack_channel", channelView(caller, id));
  }

  @PutMapping("/api/v1/services/{id}/slack_channel")
  @Operation(
      summary = "Post a service's incidents to a Slack channel",
      description =
          "New incidents of the service are posted there (the app must be in the channel);"
              + " incidents already posted keep their message.")
  Map<String, SlackChannelView> setChannel(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      @RequestBody SlackChannelRequest request) {
    services.require(caller.accountId(), id);
    if (request.channelId() == null || request.channelId().isBlank()) {
      throw ApiException.badRequest("channel_id", "is required");
    }
    if (!CHANNEL.matcher(request.channelId()).matches()) {
      throw ApiException.badRequest(
          "channel_id", "must be a Slack channel id (C or G followed by capitals and digits)");
    }
    store.setChannel(caller.accountId(), id, request.channelId());
    return Map.of("slack_channel", channelView(caller, id));
  }

  @DeleteMapping("/api/v1/services/{id}/slack_channel")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Stop posting a service's incidents to Slack")
  void deleteChannel(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long id) {
    services.require(caller.accountId(), id);
    if (!store.deleteChannel(caller.accountId(), id)) {
      throw ApiException.notFound("Slack channel of service " + id);
    }
  }

  private SlackConnectionView view(ApiCaller caller) {
    return store
        .connection(caller.accountId())
        .map(c -> SlackConnectionView.of(c, store.failedCount(caller.accountId())))
        .orElseThrow(() -> ApiException.notFound("Slack connection"));
  }

  private SlackChannelView channelView(ApiCaller caller, long serviceId) {
    return store
        .channelOf(caller.accountId(), serviceId)
        .map(channel -> new SlackChannelView(serviceId, channel))
        .orElseThrow(() -> ApiException.notFound("Slack channel of service " + serviceId));
  }
}
