package dev.vigil.slack.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Slack's Web API over plain HTTP: JSON bodies with the bot token as a bearer token, at a base URL
 * that tests point at a stand-in ({@code vigil.slack.api-url}). Tokens are never logged.
 */
public class SlackApi {

  /** Slack's errors that say "try again later"; every other error is Slack's final word. */
  private static final Set<String> PASSING =
      Set.of(
          "ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout");

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final String baseUrl;
  private final HttpClient http;
  private final ObjectMapper json;

  public SlackApi(String baseUrl, ObjectMapper json) {
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.json = json;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  /**
   * Slack refused for good: the same request would be refused again ({@code channel_not_found}).
   */
  public static class SlackRefused extends RuntimeException {
    private final String error;

    public SlackRefused(String error) {
      super("Slack refused: " + error);
      this.error = error;
    }

    public String error() {
      return error;
    }
  }

  /** Slack or the way there is down, or asks to slow down: worth trying again. */
  public static class SlackUnavailable extends RuntimeException {
    private final Duration retryAfter;

    public SlackUnavailable(String message, Duration retryAfter) {
      super(message);
      this.retryAfter = retryAfter;
    }

    /** Slack's Retry-After, when it gave one. */
    public Optional<Duration> retryAfter() {
      return Optional.ofNullable(retryAfter);
    }
  }

  public ObjectNode object() {
    return json.createObjectNode();
  }

  /** {@code chat.postMessage}; answers the message's {@code ts}. */
  public String postMessage(String botToken, ObjectNode message) {
    return call("chat.postMessage", botToken, message).path("ts").asString();
  }

  /** {@code chat.update} of the message {@code ts} in its channel. */
  public void update(String botToken, ObjectNode message) {
    call("chat.update", botToken, message);
  }

  /** The e-mail of a Slack user ({@code users.info}, which needs the users:read.email scope). */
  public Optional<String> emailOf(String botToken, String slackUserId) {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    baseUrl
                        + "/users.info?user="
                        + URLEncoder.encode(slackUserId, StandardCharsets.UTF_8)))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + botToken)
            .GET()
            .build();
    JsonNode answer = answerOf(request, "users.info");
    String email = answer.at("/user/profile/email").asString("");
    return email.isBlank() ? Optional.empty() : Optional.of(email);
  }

  /** Answers an interaction through its response URL (an ephemeral message to the one person). */
  public void respond(String responseUrl, String text) {
    ObjectNode body = object();
    body.put("response_type", "ephemeral");
    body.put("replace_original", false);
    body.put("text", text);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(responseUrl))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new SlackUnavailable("response_url answered " + response.statusCode(), null);
      }
    } catch (IOException e) {
      throw new SlackUnavailable("response_url unreachable: " + e.getMessage(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SlackUnavailable("interrupted", null);
    }
  }

  private JsonNode call(String method, String botToken, ObjectNode body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/" + method))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json; charset=utf-8")
            .header("Authorization", "Bearer " + botToken)
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
            .build();
    return answerOf(request, method);
  }

  private JsonNode answerOf(HttpRequest request, String method) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new SlackUnavailable(
          method + ": Slack unreachable (" + e.getClass().getSimpleName() + ")", null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SlackUnavailable(method + ": interrupted", null);
    }
    if (response.statusCode() == 429) {
      Duration wait =
          response
              .headers()
              .firstValue("Retry-After")
              .flatMap(SlackApi::seconds)
              .orElse(Duration.ofSeconds(30));
      throw new SlackUnavailable(method + ": rate limited by Slack", wait);
    }
    if (response.statusCode() >= 500) {
      throw new SlackUnavailable(method + ": Slack answered " + response.statusCode(), null);
    }
    JsonNode answer;
    try {
      answer = json.readTree(response.body());
    } catch (RuntimeException unreadable) {
      throw new SlackUnavailable(
          method + ": Slack answered " + response.statusCode() + " without JSON", null);
    }
    if (!answer.path("ok").asBoolean(false)) {
      String error = answer.path("error").asString("unknown_error");
      if (PASSING.contains(error)) {
        throw new SlackUnavailable(method + ": " + error, null);
      }
      throw new SlackRefused(error);
    }
    return answer;
  }

  private static Optional<Duration> seconds(String value) {
    try {
      return Optional.of(Duration.ofSeconds(Math.max(1, Long.parseLong(value.trim()))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
