package dev.vigil.slack.web;

import dev.vigil.auth.ApiCaller;
import dev.vigil.oncall.service.ServiceStore;
import dev.vigil.slack.delivery.SlackStore;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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

/** The Slack channel each service's incidents are posted to (docs/decisions/0062). */
@RestController
@Tag(name = "Slack")
class SlackChannelController {

  private static final Pattern CHANNEL = Pattern.compile("[CG][A-Z0-9]{2,30}");

  private final SlackStore store;
  private final ServiceStore services;

  SlackChannelController(SlackStore store, ServiceStore services) {
    this.store = store;
    this.services = services;
  }

  @GetMapping("/api/v1/services/{id}/slack_channel")
  @Operation(summary = "Get the Slack channel of a service")
  Map<String, SlackChannelView> get(
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
  Map<String, SlackChannelView> put(
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
  void delete(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long id) {
    services.require(caller.accountId(), id);
    if (!store.deleteChannel(caller.accountId(), id)) {
      throw ApiException.notFound("Slack channel of service " + id);
    }
  }

  private SlackChannelView channelView(ApiCaller caller, long serviceId) {
    return store
        .channelOf(caller.accountId(), serviceId)
        .map(channel -> new SlackChannelView(serviceId, channel))
        .orElseThrow(() -> ApiException.notFound("Slack channel of service " + serviceId));
  }
}
