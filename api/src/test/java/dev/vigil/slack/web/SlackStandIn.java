package dev.vigil.slack.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in of Slack's Web API on loopback that checks every request against the shapes Slack
 * documents (api.slack.com/methods/chat.postMessage, chat.update, users.info; Block Kit's block and
 * element types and their limits) and answers as Slack does. A request Slack would refuse is
 * answered with Slack's error and written down as a violation, which the tests assert away.
 *
 * <p>Channel {@code CNOTFOUND} does not exist ({@code channel_not_found}); channel {@code CBUSY} is
 * rate limited once ({@code 429} with {@code Retry-After: 1}). Response URLs are under {@code
 * /response/}.
 */
final class SlackStandIn {

  static final String BOT_TOKEN = "xoxb-1234567890-0987654321-standInToken";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<String> BLOCK_TYPES =
      Set.of("header", "section", "context", "actions", "divider", "image", "rich_text");
  private static final Set<String> TEXT_TYPES = Set.of("plain_text", "mrkdwn");

  record Call(String method, JsonNode body) {}

  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final Map<String, String> emails = new ConcurrentHashMap<>();

  /** ts of each message posted, by channel: updates must name one. */
  private final Map<String, Set<String>> posted = new ConcurrentHashMap<>();

  private final AtomicInteger nextTs = new AtomicInteger(1);
  private final AtomicInteger busyLeft = new AtomicInteger(1);

  SlackStandIn() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/api/", this::api);
    server.createContext("/response/", this::response);
    server.start();
  }

  String apiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
  }

  String responseUrl(String name) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/response/" + name;
  }

  /** A Slack user, with the e-mail users.info gives for them. */
  void user(String slackUserId, String email) {
    emails.put(slackUserId, email);
  }

  List<Call> calls(String method) {
    return calls.stream().filter(c -> c.method().equals(method)).toList();
  }

  List<Call> callsTo(String method, String channel) {
    return calls(method).stream()
        .filter(c -> channel.equals(c.body().path("channel").asString("")))
        .toList();
  }

  List<String> violations() {
    return List.copyOf(violations);
  }

  private void api(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestURI().getPath().substring("/api/".length());
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (!("Bearer " + BOT_TOKEN).equals(auth)) {
      refuse(exchange, method, "invalid_auth", "Authorization is not Bearer <the bot token>");
      return;
    }
    switch (method) {
      case "chat.postMessage", "chat.update" -> chat(exchange, method);
      case "users.info" -> usersInfo(exchange);
      default -> refuse(exchange, method, "unknown_method", "no such method " + method);
    }
  }

  private void chat(HttpExchange exchange, String method) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      refuse(exchange, method, "invalid_request", method + " takes POST");
      return;
    }
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.startsWith("application/json")) {
      refuse(exchange, method, "invalid_request", "Content-Type " + type + " is not JSON");
      return;
    }
    JsonNode body;
    try {
      body = JSON.readTree(exchange.getRequestBody().readAllBytes());
    } catch (RuntimeException e) {
      refuse(exchange, method, "invalid_json", "body is not JSON");
      return;
    }
    calls.add(new Call(method, body));
    List<String> problems = shapeProblems(method, body);
    if (!problems.isEmpty()) {
      refuse(exchange, method, "invalid_arguments", String.join("; ", problems));
      return;
    }
    String channel = body.path("channel").asString();
    if ("CNOTFOUND".equals(channel)) {
      answer(exchange, 200, Map.of("ok", false, "error", "channel_not_found"));
      return;
    }
    if ("CBUSY".equals(channel) && busyLeft.getAndDecrement() > 0) {
      exchange.getResponseHeaders().add("Retry-After", "1");
      answer(exchange, 429, Map.of("ok", false, "error", "ratelimited"));
      return;
    }
    if ("chat.update".equals(method)) {
      String ts = body.path("ts").asString();
      if (!posted.getOrDefault(channel, Set.of()).contains(ts)) {
        refuse(exchange, method, "message_not_found", "no message " + ts + " in " + channel);
        return;
      }
      answer(exchange, 200, Map.of("ok", true, "channel", channel, "ts", ts));
      return;
    }
    String ts = "1700000000." + String.format("%06d", nextTs.getAndIncrement());
    posted.computeIfAbsent(channel, c -> ConcurrentHashMap.newKeySet()).add(ts);
    answer(exchange, 200, Map.of("ok", true, "channel", channel, "ts", ts));
  }

  /** What Slack documents for a message body, checked field by field. */
  private static List<String> shapeProblems(String method, JsonNode body) {
    List<String> problems = new ArrayList<>();
    if (!body.path("channel").isString() || body.path("channel").asString().isBlank()) {
      problems.add("channel is required");
    }
    if (!body.path("text").isString() || body.path("text").asString().isBlank()) {
      problems.add("text (the notification fallback) is required");
    }
    if ("chat.update".equals(method) && !body.path("ts").isString()) {
      problems.add("ts is required");
    }
    if (body.has("thread_ts") && !body.path("thread_ts").isString()) {
      problems.add("thread_ts must be a string");
    }
    if (body.has("blocks")) {
      JsonNode blocks = body.path("blocks");
      if (!blocks.isArray() || blocks.isEmpty() || blocks.size() > 50) {
        problems.add("blocks must be an array of 1 to 50 blocks");
      } else {
        for (JsonNode block : blocks) {
          blockProblems(block, problems);
        }
      }
    } else if (!body.has("thread_ts")) {
      problems.add("an incident message carries blocks");
    }
    return problems;
  }

  private static void blockProblems(JsonNode block, List<String> problems) {
    String type = block.path("type").asString("");
    if (!BLOCK_TYPES.contains(type)) {
      problems.add("unknown block type '" + type + "'");
      return;
    }
    switch (type) {
      case "header" -> {
        JsonNode text = block.path("text");
        if (!"plain_text".equals(text.path("type").asString(""))
            || text.path("text").asString("").isEmpty()
            || text.path("text").asString("").length() > 150) {
          problems.add("a header's text is plain_text of 1 to 150 characters");
        }
      }
      case "section" -> {
        if (!block.has("text") && !block.has("fields")) {
          problems.add("a section has text or fields");
        }
        JsonNode fields = block.path("fields");
        if (block.has("fields") && (!fields.isArray() || fields.size() > 10)) {
          problems.add("a section has at most 10 fields");
        }
        for (JsonNode field : fields) {
          textProblems(field, 2000, problems);
        }
      }
      case "context" -> {
        JsonNode elements = block.path("elements");
        if (!elements.isArray() || elements.isEmpty() || elements.size() > 10) {
          problems.add("a context has 1 to 10 elements");
        }
        for (JsonNode element : elements) {
          textProblems(element, 3000, problems);
        }
      }
      case "actions" -> {
        JsonNode elements = block.path("elements");
        if (!elements.isArray() || elements.isEmpty() || elements.size() > 25) {
          problems.add("actions have 1 to 25 elements");
        }
        for (JsonNode element : elements) {
          if (!"button".equals(element.path("type").asString(""))) {
            problems.add("only buttons are expected in actions");
            continue;
          }
          String actionId = element.path("action_id").asString("");
          if (actionId.isEmpty() || actionId.length() > 255) {
            problems.add("a button has an action_id of up to 255 characters");
          }
          JsonNode text = element.path("text");
          if (!"plain_text".equals(text.path("type").asString(""))
              || text.path("text").asString("").length() > 75) {
            problems.add("a button's text is plain_text of up to 75 characters");
          }
          if (element.path("value").asString("").length() > 2000) {
            problems.add("a button's value is up to 2000 characters");
          }
          if (element.has("style")
              && !Set.of("primary", "danger").contains(element.path("style").asString(""))) {
            problems.add("a button's style is primary or danger");
          }
        }
      }
      default -> {}
    }
  }

  private static void textProblems(JsonNode text, int max, List<String> problems) {
    if (!TEXT_TYPES.contains(text.path("type").asString(""))) {
      problems.add("a text object is plain_text or mrkdwn");
    }
    String value = text.path("text").asString("");
    if (value.isEmpty() || value.length() > max) {
      problems.add("a text object has 1 to " + max + " characters");
    }
  }

  private void usersInfo(HttpExchange exchange) throws IOException {
    String query = exchange.getRequestURI().getRawQuery();
    String user = null;
    for (String pair : query == null ? new String[0] : query.split("&")) {
      if (pair.startsWith("user=")) {
        user = URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
      }
    }
    calls.add(new Call("users.info", JSON.valueToTree(Map.of("user", String.valueOf(user)))));
    if (user == null || user.isBlank()) {
      refuse(exchange, "users.info", "invalid_arguments", "user is required");
      return;
    }
    String email = emails.get(user);
    if (email == null) {
      answer(exchange, 200, Map.of("ok", false, "error", "user_not_found"));
      return;
    }
    answer(
        exchange,
        200,
        Map.of(
            "ok",
            true,
            "user",
            Map.of("id", user, "name", user.toLowerCase(), "profile", Map.of("email", email))));
  }

  private void response(HttpExchange exchange) throws IOException {
    JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
    calls.add(new Call("response_url", body));
    if (!"ephemeral".equals(body.path("response_type").asString(""))
        || body.path("text").asString("").isBlank()) {
      violations.add("response_url: an answer to one person is ephemeral with a text: " + body);
    }
    answer(exchange, 200, Map.of("ok", true));
  }

  private void refuse(HttpExchange exchange, String method, String error, String why)
      throws IOException {
    violations.add(method + ": " + why);
    answer(exchange, 200, Map.of("ok", false, "error", error));
  }

  private static void answer(HttpExchange exchange, int status, Map<String, ?> body)
      throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  URI base() {
    return URI.create(apiUrl());
  }
}
