package dev.vigil.slack.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.slack.delivery.SlackMessages;
import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Slack through the whole app and the Temporal dev server, against a stand-in of Slack's Web API
 * that checks each request's shape: an incident is posted once, its message updated as it changes,
 * and its buttons act as the Vigil user of the same e-mail, only when Slack's signature holds.
 */
class SlackIntegrationTest extends AppTestBase {

  static final SlackStandIn slack = new SlackStandIn();
  static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

  @DynamicPropertySource
  static void slackApi(DynamicPropertyRegistry registry) {
    registry.add("vigil.slack.api-url", slack::apiUrl);
    registry.add("vigil.public-url", () -> "https://vigil.example.com");
  }

  @AfterEach
  void slackSawOnlyWellFormedRequests() {
    assertThat(slack.violations()).isEmpty();
  }

  @Test
  void anIncidentIsPostedUpdatedAndResolvedFromSlack() throws Exception {
    Team team = newTeam(60);
    String teamId = connect(team, "CINCIDENTS");

    // The secrets went in; they never come out.
    Response read = http().get("/api/v1/slack", team.token());
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().at("/slack/workspace_id").asString()).isEqualTo(teamId);
    assertThat(read.json().at("/slack/bot_token_set").asBoolean()).isTrue();
    assertThat(read.body()).doesNotContain("xoxb-").doesNotContain(SIGNING_SECRET);
    assertThat(
            jdbc.sql("select bot_token_sealed from slack_connections where account_id = ?")
                .param(team.accountId())
                .query(String.class)
                .single())
        .doesNotContain("xoxb-");

    assertThat(sendTrigger(team.routingKey(), "disk", "Disk full on db-01").status())
        .isEqualTo(202);
    await().atMost(Duration.ofSeconds(20)).until(() -> posts("CINCIDENTS").size() == 1);
    JsonNode post = posts("CINCIDENTS").get(0);
    long number = numberOf(team);
    assertThat(post.at("/blocks/0/text/text").asString())
        .isEqualTo("#" + number + " Disk full on db-01");
    assertThat(post.path("text").asString()).contains("Disk full on db-01");
    assertThat(texts(post)).anyMatch(t -> t.contains(":red_circle: Triggered"));
    assertThat(texts(post))
        .anyMatch(t -> t.contains("<https://vigil.example.com/console/incidents/" + number + "|"));
    assertThat(buttons(post)).containsExactly(SlackMessages.ACKNOWLEDGE, SlackMessages.RESOLVE);
    assertThat(actionsBlock(post).at("/elements/0/value").asString()).isEqualTo("" + number);
    String ts = slackTs(team);

    // Acknowledged through the REST API: the same message is updated.
    assertThat(http().post("/api/v1/incidents/" + number + "/acknowledge", team.token()).status())
        .isEqualTo(200);
    await().atMost(Duration.ofSeconds(20)).until(() -> updates("CINCIDENTS").size() >= 1);
    JsonNode update = updates("CINCIDENTS").get(0);
    assertThat(update.path("ts").asString()).isEqualTo(ts);
    assertThat(texts(update)).anyMatch(t -> t.contains("Acknowledged"));
    assertThat(texts(update)).anyMatch(t -> t.contains("Acknowledged by test token via REST API"));
    assertThat(buttons(update)).containsExactly(SlackMessages.RESOLVE);
    assertThat(posts("CINCIDENTS")).hasSize(1);

    // A note is a reply in the message's thread.
    assertThat(
            http()
                .postJson(
                    "/api/v1/incidents/" + number + "/notes",
                    team.token(),
                    "{\"content\": \"Rotating logs <now>\"}")
                .status())
        .isEqualTo(200);
    await().atMost(Duration.ofSeconds(20)).until(() -> posts("CINCIDENTS").size() == 2);
    JsonNode reply = posts("CINCIDENTS").get(1);
    assertThat(reply.path("thread_ts").asString()).isEqualTo(ts);
    assertThat(reply.path("text").asString())
        .isEqualTo("Note by test token via REST API: Rotating logs &lt;now&gt;");

    // A Slack user Vigil cannot match is told so, privately; nothing changes.
    slack.user("UNOBODY", "nobody@elsewhere.example.com");
    assertThat(
            press(teamId, "UNOBODY", SlackMessages.RESOLVE, number, "nobody", SIGNING_SECRET, now())
                .status())
        .isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> !slack.calls("response_url").isEmpty());
    assertThat(slack.calls("response_url").get(0).body().path("text").asString())
        .contains("Link your Slack user");
    // A wrong signature, and a right one made too long ago, are refused.
    slack.user("UALICE", team.aliceEmail().toUpperCase(Locale.ROOT));
    assertThat(
            press(teamId, "UALICE", SlackMessages.RESOLVE, number, "a", "0".repeat(32), now())
                .status())
        .isEqualTo(401);
    assertThat(
            press(
                    teamId,
                    "UALICE",
                    SlackMessages.RESOLVE,
                    number,
                    "b",
                    SIGNING_SECRET,
                    now() - 6 * 60)
                .status())
        .isEqualTo(401);
    Thread.sleep(1000);
    assertThat(status(team, number)).isEqualTo("acknowledged");
    assertThat(slack.calls("users.info")).hasSize(1);

    // Alice, known by her e-mail, resolves from Slack.
    assertThat(
            press(teamId, "UALICE", SlackMessages.RESOLVE, number, "alice", SIGNING_SECRET, now())
                .status())
        .isEqualTo(200);
    await().atMost(Duration.ofSeconds(20)).until(() -> "resolved".equals(status(team, number)));
    JsonNode resolved =
        StreamSupport.stream(
                http()
                    .get("/api/v1/incidents/" + number, team.token())
                    .json()
                    .at("/incident/timeline")
                    .spliterator(),
                false)
            .filter(e -> "resolved".equals(e.path("kind").asString()))
            .findFirst()
            .orElseThrow();
    assertThat(resolved.at("/by/name").asString()).isEqualTo("Alice");
    assertThat(resolved.at("/by/via").asString()).isEqualTo("Slack");
    assertThat(resolved.at("/by/user_id").asLong()).isEqualTo(idOfUser(team, team.aliceEmail()));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                texts(last(updates("CINCIDENTS"))).stream()
                    .anyMatch(t -> t.contains("Resolved by Alice via Slack")));
    JsonNode last = last(updates("CINCIDENTS"));
    assertThat(last.path("ts").asString()).isEqualTo(ts);
    assertThat(buttons(last)).isEmpty();
    assertThat(posts("CINCIDENTS")).hasSize(2);
  }

  @Test
  void aChannelSlackDoesNotKnowIsAFailedDeliveryNotARetryLoop() throws Exception {
    Team team = newTeam(60);
    connect(team, "CNOTFOUND");
    sendTrigger(team.routingKey(), "lost", "Nobody will see this in Slack");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                http()
                    .get("/api/v1/slack", team.token())
                    .json()
                    .at("/slack/last_error")
                    .asString("")
                    .contains("channel_not_found"));
    JsonNode connection = http().get("/api/v1/slack", team.token()).json().at("/slack");
    assertThat(connection.path("failed_deliveries").asInt()).isGreaterThanOrEqualTo(1);
    Thread.sleep(3000); // a refused message is not sent again
    assertThat(posts("CNOTFOUND")).hasSize(1);
  }

  @Test
  void aRateLimitIsWaitedOutAndTheMessageStillGoes() {
    Team team = newTeam(60);
    connect(team, "CBUSY");
    sendTrigger(team.routingKey(), "busy", "Slack asks to slow down");
    await().atMost(Duration.ofSeconds(30)).until(() -> posts("CBUSY").size() >= 2);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                jdbc.sql("select count(*) from slack_messages where account_id = ?")
                        .param(team.accountId())
                        .query(Integer.class)
                        .single()
                    == 1);
  }

  @Test
  void badInputIsRefusedByFieldAndOtherAccountsSeeNothing() {
    Team team = newTeam(60);
    Response bad =
        http()
            .putJson(
                "/api/v1/slack",
                team.token(),
                "{\"workspace_id\": \"nope\", \"bot_token\": \"xoxp-user\", \"signing_secret\": \"!\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body())
        .contains("'workspace_id'")
        .contains("'bot_token'")
        .contains("'signing_secret'");
    Response missing =
        http().putJson("/api/v1/slack", team.token(), "{\"workspace_id\": \"T0NEW\"}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body()).contains("'bot_token' is required");
    assertThat(http().get("/api/v1/slack", team.token()).status()).isEqualTo(404);

    String teamId = connect(team, "CGENERAL");
    String channel = "/api/v1/services/" + firstServiceId(team) + "/slack_channel";
    Response badChannel = http().putJson(channel, team.token(), "{\"channel_id\": \"#general\"}");
    assertThat(badChannel.status()).isEqualTo(400);
    assertThat(badChannel.body()).contains("'channel_id'");
    assertThat(http().get(channel, team.token()).json().at("/slack_channel/channel_id").asString())
        .isEqualTo("CGENERAL");

    // A responder reads; only admins change.
    long carol =
        setup.createUser(
            team.accountId(), "Carol", "carol-" + team.accountId() + "@example.com", "responder");
    String responder = tokens.createForUser(team.accountId(), carol, "responder");
    assertThat(http().putJson(channel, responder, "{\"channel_id\": \"COTHER\"}").status())
        .isEqualTo(403);
    assertThat(http().delete("/api/v1/slack", responder).status()).isEqualTo(403);

    // Another account: sees no connection, cannot touch the channel, cannot take the workspace.
    Team other = newTeam(60);
    assertThat(http().get("/api/v1/slack", other.token()).status()).isEqualTo(404);
    assertThat(http().get(channel, other.token()).status()).isEqualTo(404);
    assertThat(http().putJson(channel, other.token(), "{\"channel_id\": \"CMINE\"}").status())
        .isEqualTo(404);
    assertThat(http().delete(channel, other.token()).status()).isEqualTo(404);
    Response taken = http().putJson("/api/v1/slack", other.token(), connectionBody(teamId));
    assertThat(taken.status()).isEqualTo(409);
    assertThat(http().get(channel, team.token()).json().at("/slack_channel/channel_id").asString())
        .isEqualTo("CGENERAL");

    // Disconnected: nothing is kept, and Slack's presses are refused.
    assertThat(http().delete("/api/v1/slack", team.token()).status()).isEqualTo(204);
    assertThat(http().get("/api/v1/slack", team.token()).status()).isEqualTo(404);
    assertThat(
            press(teamId, "UALICE", SlackMessages.RESOLVE, 1, "x", SIGNING_SECRET, now()).status())
        .isEqualTo(401);
  }

  // --- helpers

  private String connect(Team team, String channel) {
    String teamId =
        "T"
            + UUID.randomUUID()
                .toString()
                .replace("-", "")
                .substring(0, 10)
                .toUpperCase(Locale.ROOT);
    Response put = http().putJson("/api/v1/slack", team.token(), connectionBody(teamId));
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    Response channelSet =
        http()
            .putJson(
                "/api/v1/services/" + firstServiceId(team) + "/slack_channel",
                team.token(),
                "{\"channel_id\": \"" + channel + "\"}");
    assertThat(channelSet.status()).as(channelSet.body()).isEqualTo(200);
    return teamId;
  }

  private static String connectionBody(String teamId) {
    return """
        {"workspace_id": "%s", "bot_token": "%s", "signing_secret": "%s"}"""
        .formatted(teamId, SlackStandIn.BOT_TOKEN, SIGNING_SECRET);
  }

  /** A button press as Slack sends it: the payload form, signed with the secret given. */
  private Response press(
      String teamId,
      String slackUser,
      String actionId,
      long number,
      String responseName,
      String secret,
      long timestamp) {
    String payload =
        """
        {"type": "block_actions", "team": {"id": "%s", "domain": "example"},
         "user": {"id": "%s", "username": "someone", "team_id": "%s"},
         "api_app_id": "A0TEST", "trigger_id": "1.2.3",
         "container": {"type": "message", "channel_id": "CINCIDENTS", "message_ts": "1.2"},
         "channel": {"id": "CINCIDENTS", "name": "incidents"},
         "response_url": "%s",
         "actions": [{"type": "button", "block_id": "vigil_incident_actions", "action_id": "%s",
                      "value": "%d", "action_ts": "1700000000.1"}]}"""
            .formatted(
                teamId, slackUser, teamId, slack.responseUrl(responseName), actionId, number);
    String body = "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
    String ts = Long.toString(timestamp);
    String signature = SlackSignatures.sign(secret, ts, body.getBytes(StandardCharsets.UTF_8));
    return http()
        .postForm(
            "/webhooks/slack/interactions",
            body,
            "X-Slack-Request-Timestamp",
            ts,
            "X-Slack-Signature",
            signature);
  }

  private static long now() {
    return Instant.now().getEpochSecond();
  }

  private static List<JsonNode> posts(String channel) {
    return slack.callsTo("chat.postMessage", channel).stream()
        .map(SlackStandIn.Call::body)
        .toList();
  }

  private static List<JsonNode> updates(String channel) {
    return slack.callsTo("chat.update", channel).stream().map(SlackStandIn.Call::body).toList();
  }

  private static JsonNode last(List<JsonNode> nodes) {
    return nodes.isEmpty()
        ? tools.jackson.databind.node.MissingNode.getInstance()
        : nodes.get(nodes.size() - 1);
  }

  /** Every text of the message's blocks. */
  private static List<String> texts(JsonNode message) {
    return message.findValues("text").stream()
        .filter(JsonNode::isString)
        .map(JsonNode::asString)
        .toList();
  }

  private static JsonNode actionsBlock(JsonNode message) {
    for (JsonNode block : message.path("blocks")) {
      if ("actions".equals(block.path("type").asString())) {
        return block;
      }
    }
    return tools.jackson.databind.node.MissingNode.getInstance();
  }

  private static List<String> buttons(JsonNode message) {
    return StreamSupport.stream(actionsBlock(message).path("elements").spliterator(), false)
        .map(b -> b.path("action_id").asString())
        .toList();
  }

  private long numberOf(Team team) {
    return jdbc.sql("select number from incidents where account_id = ?")
        .param(team.accountId())
        .query(Long.class)
        .single();
  }

  /** The message's ts, once Vigil has recorded Slack's answer. */
  private String slackTs(Team team) {
    String[] ts = new String[1];
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                (ts[0] =
                        jdbc.sql("select ts from slack_messages where account_id = ?")
                            .param(team.accountId())
                            .query(String.class)
                            .optional()
                            .orElse(null))
                    != null);
    return ts[0];
  }

  private String status(Team team, long number) {
    return jdbc.sql("select status from incidents where account_id = ? and number = ?")
        .params(team.accountId(), number)
        .query(String.class)
        .single();
  }
}
