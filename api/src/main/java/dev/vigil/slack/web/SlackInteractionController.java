package dev.vigil.slack.web;

import dev.vigil.slack.delivery.SlackMessages;
import dev.vigil.slack.delivery.SlackStore;
import dev.vigil.slack.delivery.SlackStore.Credentials;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Slack's interactivity request URL (docs/decisions/0062): a button press on an incident's message,
 * as a form with one field, {@code payload}, holding JSON. No token: the request is Slack's when it
 * carries the signature of the signing secret of the workspace it names, made within the last five
 * minutes. Answered at once; the action follows ({@link SlackInteractions}).
 */
@RestController
class SlackInteractionController {

  private static final Set<String> OURS = Set.of(SlackMessages.ACKNOWLEDGE, SlackMessages.RESOLVE);

  private final SlackStore store;
  private final SlackInteractions interactions;
  private final ObjectMapper json;

  SlackInteractionController(SlackStore store, SlackInteractions interactions, ObjectMapper json) {
    this.store = store;
    this.interactions = interactions;
    this.json = json;
  }

  @PostMapping("/webhooks/slack/interactions")
  ResponseEntity<Void> interact(
      @RequestBody(required = false) byte[] body,
      @RequestHeader(name = "X-Slack-Request-Timestamp", required = false) String timestamp,
      @RequestHeader(name = "X-Slack-Signature", required = false) String signature) {
    Optional<JsonNode> payload = payloadOf(body);
    if (payload.isEmpty()) {
      return ResponseEntity.badRequest().build();
    }
    JsonNode press = payload.get();
    Optional<Credentials> credentials = store.credentialsOfTeam(press.at("/team/id").asString(""));
    if (credentials.isEmpty()
        || !SlackSignatures.fresh(timestamp, Instant.now())
        || !SlackSignatures.valid(credentials.get().signingSecret(), timestamp, body, signature)) {
      return ResponseEntity.status(401).build();
    }
    JsonNode action = press.at("/actions/0");
    String actionId = action.path("action_id").asString("");
    if (!"block_actions".equals(press.path("type").asString("")) || !OURS.contains(actionId)) {
      return ResponseEntity.ok().build();
    }
    boolean taken =
        interactions.accept(
            new SlackInteractions.Press(
                credentials.get(),
                press.at("/user/id").asString(""),
                actionId,
                action.path("value").asString(""),
                press.path("response_url").asString("")));
    return taken ? ResponseEntity.ok().build() : ResponseEntity.status(503).build();
  }

  private Optional<JsonNode> payloadOf(byte[] body) {
    if (body == null || body.length == 0) {
      return Optional.empty();
    }
    for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && "payload".equals(pair.substring(0, eq))) {
        try {
          JsonNode parsed =
              json.readTree(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
          return parsed.isObject() ? Optional.of(parsed) : Optional.empty();
        } catch (RuntimeException unreadable) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }
}
