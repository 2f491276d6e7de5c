package dev.vigil.outbound.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.outbound.web.WebhookReceiver.Received;
import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Outbound webhooks through the whole app and the Temporal dev server, to a receiver on loopback
 * (allowed here by VIGIL_WEBHOOKS_ALLOW_PRIVATE_TARGETS, see {@link AppTestBase}): an incident's
 * events arrive signed, in order, each event id with one body, through a receiver that fails at
 * first; rotation signs with both secrets; filters, bad input and other accounts.
 */
class WebhooksTest extends AppTestBase {

  private WebhookReceiver receiver;

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = new WebhookReceiver();
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void anIncidentsEventsArriveSignedInOrderThroughAReceiverThatFailsAtFirst() {
    Team team = newTeam(60);
    receiver.failNext("/all", 2);
    JsonNode all = create(team, "{\"url\": \"%s\", \"description\": \"everything\"}", "/all");
    String secret = all.at("/secret").asString();
    assertThat(secret).startsWith("vwhsec_");
    JsonNode resolvedOnly =
        create(team, "{\"url\": \"%s\", \"events\": [\"incident.resolved\"]}", "/resolved");
    // The secret is shown once.
    JsonNode read = webhook(team, all.at("/id").asLong());
    assertThat(read.path("secret").isNull() || read.path("secret").isMissingNode()).isTrue();

    assertThat(sendTrigger(team.routingKey(), "disk-full", "Disk full on db-01").status())
        .isEqualTo(202);
    long number = awaitIncidentNumber(team);
    Response acked = http().post("/api/v1/incidents/" + number + "/acknowledge", team.token());
    assertThat(acked.status()).as(acked.body()).isEqualTo(200);
    Response resolved = http().post("/api/v1/incidents/" + number + "/resolve", team.token());
    assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> firstArrivals(receiver.at("/all")).size() >= 3);
    List<Received> requests = receiver.at("/all");
    // Every request signed with the secret shown at creation, its header's id the body's id.
    assertThat(requests).allSatisfy(r -> assertThat(r.signedWith(secret)).isTrue());
    assertThat(requests)
        .allSatisfy(r -> assertThat(r.eventId()).isEqualTo(r.json().at("/event/id").asString()));
    // Retries repeat an event with its id and the very same body; never a new id for it.
    Map<String, String> bodies = new HashMap<>();
    for (Received r : requests) {
      assertThat(bodies.putIfAbsent(r.eventId(), r.body())).isIn(null, r.body());
    }
    List<Received> first = firstArrivals(requests);
    assertThat(first.stream().map(Received::eventType))
        .containsExactly("incident.triggered", "incident.acknowledged", "incident.resolved");
    assertThat(requests.size()).isGreaterThanOrEqualTo(5); // two 500s, then delivered
    JsonNode triggered = first.get(0).json().at("/event");
    assertThat(triggered.at("/resource_type").asString()).isEqualTo("incident");
    assertThat(triggered.at("/data/number").asLong()).isEqualTo(number);
    assertThat(triggered.at("/data/status").asString()).isEqualTo("triggered");
    assertThat(triggered.at("/data/title").asString()).isEqualTo("Disk full on db-01");
    assertThat(triggered.at("/data/incident_key").asString()).isEqualTo("disk-full");
    assertThat(triggered.at("/data/service/type").asString()).isEqualTo("service_reference");
    assertThat(first.get(1).json().at("/event/data/status").asString()).isEqualTo("acknowledged");
    assertThat(first.get(1).json().at("/event/agent/type").asString()).isNotEmpty();
    assertThat(first.get(2).json().at("/event/data/status").asString()).isEqualTo("resolved");

    // The filtered subscription hears only the resolution.
    await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.at("/resolved").isEmpty());
    assertThat(firstArrivals(receiver.at("/resolved")).stream().map(Received::eventType))
        .containsExactly("incident.resolved");
    assertThat(receiver.at("/resolved").get(0).signedWith(resolvedOnly.at("/secret").asString()))
        .isTrue();
    assertThat(receiver.at("/resolved").get(0).signedWith(secret)).isFalse();

    // The deliveries say how it went: the first needed three attempts.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                deliveries(team, all).findValues("status").stream()
                    .allMatch(s -> s.asString().equals("delivered")));
    JsonNode deliveries = deliveries(team, all);
    assertThat(deliveries).hasSize(3);
    JsonNode oldest = deliveries.get(2);
    assertThat(oldest.at("/event_type").asString()).isEqualTo("incident.triggered");
    assertThat(oldest.at("/event_id").asString()).isEqualTo(first.get(0).eventId());
    assertThat(oldest.at("/attempts").asInt()).isEqualTo(3);
    assertThat(oldest.at("/incident_number").asLong()).isEqualTo(number);
    assertThat(oldest.at("/last_status").asInt()).isEqualTo(204);
  }

  @Test
  void aRotatedSecretSignsBesideTheOldOneDuringTheOverlap() {
    Team team = newTeam(60);
    JsonNode made = create(team, "{\"url\": \"%s\"}", "/rotating");
    long id = made.at("/id").asLong();
    String old = made.at("/secret").asString();

    Response rotated = http().post("/api/v1/webhooks/" + id + "/rotate_secret", team.token());
    assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
    String fresh = rotated.json().at("/webhook/secret").asString();
    assertThat(fresh).startsWith("vwhsec_").isNotEqualTo(old);
    Instant until =
        Instant.parse(rotated.json().at("/webhook/previous_secret_valid_until").asString());
    assertThat(until)
        .isBetween(Instant.now().plusSeconds(23 * 3600), Instant.now().plusSeconds(25 * 3600));

    Response test = http().post("/api/v1/webhooks/" + id + "/test", team.token());
    assertThat(test.status()).as(test.body()).isEqualTo(202);
    assertThat(test.json().at("/delivery/event_type").asString()).isEqualTo("pagey.ping");
    await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.at("/rotating").isEmpty());
    Received ping = receiver.at("/rotating").get(0);
    assertThat(ping.eventType()).isEqualTo("pagey.ping");
    assertThat(ping.signature().split(",")).hasSize(3); // t, v1 (new), v1 (old)
    assertThat(ping.signedWith(fresh)).isTrue();
    assertThat(ping.signedWith(old)).isTrue();
    assertThat(ping.signedWith("vwhsec_not-the-secret")).isFalse();
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndChangesNothing() {
    Team team = newTeam(60);
    String webhooks = "/api/v1/webhooks";
    assertRefused(http().postJson(webhooks, team.token(), "{}"), "'url' is required");
    assertRefused(
        http().postJson(webhooks, team.token(), "{\"url\": \"ftp://example.com/x\"}"),
        "'url' must be an http or https URL");
    assertRefused(http().postJson(webhooks, team.token(), "{\"url\": \"not a url\"}"), "'url'");
    assertRefused(
        http()
            .postJson(
                webhooks,
                team.token(),
                "{\"url\": \"https://hooks.example.com/x\", \"events\": [\"incident.exploded\"]}"),
        "'events' has an unknown event type: incident.exploded");
    assertRefused(
        http()
            .postJson(
                webhooks,
                team.token(),
                "{\"url\": \"https://hooks.example.com/x\", \"service_id\": 999999999}"),
        "'service_id' is not a service of this account");
    assertRefused(
        http()
            .postJson(
                webhooks,
                team.token(),
                "{\"url\": \"https://hooks.example.com/x\", \"description\": \"%s\"}"
                    .formatted("x".repeat(501))),
        "'description' must be at most 500 characters");
    assertThat(list(team)).isEmpty();

    JsonNode made = create(team, "{\"url\": \"%s\", \"description\": \"keep\"}", "/kept");
    String one = webhooks + "/" + made.at("/id").asLong();
    assertRefused(
        http().patchJson(one, team.token(), "{\"url\": \"gopher://example.com\"}"),
        "'url' must be an http or https URL");
    assertRefused(
        http().patchJson(one, team.token(), "{\"events\": [\"incident.triggered\", \"nope\"]}"),
        "'events'");
    assertThat(http().patchJson(one, team.token(), "{\"enabled\": \"perhaps\"}").status())
        .isEqualTo(400);
    assertRefused(
        http().get(one + "/deliveries?limit=0", team.token()), "'limit' must be between 1 and 200");
    JsonNode unchanged = webhook(team, made.at("/id").asLong());
    assertThat(unchanged.at("/url").asString()).isEqualTo(receiver.url("/kept"));
    assertThat(unchanged.at("/description").asString()).isEqualTo("keep");
    assertThat(unchanged.at("/events")).isEmpty();
    assertThat(unchanged.at("/enabled").asBoolean()).isTrue();

    // A valid change changes only what it names.
    Response patched =
        http()
            .patchJson(
                one, team.token(), "{\"enabled\": false, \"events\": [\"incident.resolved\"]}");
    assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    assertThat(patched.json().at("/webhook/enabled").asBoolean()).isFalse();
    assertThat(patched.json().at("/webhook/description").asString()).isEqualTo("keep");
    assertThat(patched.json().at("/webhook/events/0").asString()).isEqualTo("incident.resolved");
  }

  @Test
  void eventsNameTheAssigneesAndPolicyAndAMergedIncidentEndsResolved() {
    Team team = newTeam(60);
    create(team, "{\"url\": \"%s\", \"events\": [\"incident.resolved\"]}", "/merge");
    assertThat(sendTrigger(team.routingKey(), "db-1-io", "IO wait high on db-1").status())
        .isEqualTo(202);
    assertThat(sendTrigger(team.routingKey(), "db-1-disk", "Disk slow on db-1").status())
        .isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                http().get("/api/v1/incidents", team.token()).json().at("/incidents").size() == 2);
    // Level 1 (Alice) is assigned to both before the merge.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                http()
                            .get("/api/v1/incidents/1", team.token())
                            .json()
                            .at("/incident/assignees")
                            .size()
                        == 1
                    && http()
                            .get("/api/v1/incidents/2", team.token())
                            .json()
                            .at("/incident/assignees")
                            .size()
                        == 1);

    Response merged =
        http().postJson("/api/v1/incidents/1/merge", team.token(), "{\"source_incidents\": [2]}");
    assertThat(merged.status()).as(merged.body()).isEqualTo(200);

    await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.at("/merge").isEmpty());
    List<Received> arrived = firstArrivals(receiver.at("/merge"));
    assertThat(arrived).hasSize(1);
    JsonNode event = arrived.get(0).json().at("/event");
    assertThat(event.at("/event_type").asString()).isEqualTo("incident.resolved");
    assertThat(event.at("/data/number").asLong()).isEqualTo(2);
    assertThat(event.at("/data/status").asString()).isEqualTo("resolved");
    assertThat(event.at("/data/assignees")).hasSize(1);
    assertThat(event.at("/data/assignees/0/summary").asString()).isEqualTo("Alice");
    assertThat(event.at("/data/assignees/0/type").asString()).isEqualTo("user_reference");
    assertThat(event.at("/data/assignees/0/id").asString())
        .isEqualTo(String.valueOf(idOfUser(team, team.aliceEmail())));
    assertThat(event.at("/data/escalation_policy/id").asString())
        .isEqualTo(String.valueOf(primaryPolicyId(team)));
    assertThat(event.at("/data/escalation_policy/summary").asString()).isEqualTo("Primary");
    assertThat(event.at("/data/escalation_policy/type").asString())
        .isEqualTo("escalation_policy_reference");
  }

  @Test
  void anExplicitNullServiceMovesASubscriptionBackToEveryServiceWhileLeavingItOutKeepsIt() {
    Team team = newTeam(60);
    Team stranger = newTeam(60);
    long service = firstServiceId(team);
    JsonNode made = create(team, "{\"url\": \"%s\", \"service_id\": " + service + "}", "/scoped");
    assertThat(made.at("/service_id").asLong()).isEqualTo(service);
    String one = "/api/v1/webhooks/" + made.at("/id").asLong();

    // Left out: the service stays.
    Response described = http().patchJson(one, team.token(), "{\"description\": \"scoped\"}");
    assertThat(described.status()).as(described.body()).isEqualTo(200);
    assertThat(described.json().at("/webhook/service_id").asLong()).isEqualTo(service);

    // A bad id, or another account's service, is refused naming the field; nothing changes.
    assertRefused(
        http().patchJson(one, team.token(), "{\"service_id\": \"checkout\"}"),
        "'service_id' has the wrong type or format");
    assertRefused(
        http()
            .patchJson(
                one,
                team.token(),
                "{\"service_id\": " + firstServiceId(stranger) + ", \"description\": \"x\"}"),
        "'service_id' is not a service of this account");
    assertThat(http().patchJson(one, team.token(), "[]").status()).isEqualTo(400);
    JsonNode unchanged = webhook(team, made.at("/id").asLong());
    assertThat(unchanged.at("/service_id").asLong()).isEqualTo(service);
    assertThat(unchanged.at("/description").asString()).isEqualTo("scoped");

    // Sent as null: every service again, the rest as it was.
    Response everyService = http().patchJson(one, team.token(), "{\"service_id\": null}");
    assertThat(everyService.status()).as(everyService.body()).isEqualTo(200);
    JsonNode read = webhook(team, made.at("/id").asLong());
    assertThat(read.at("/service_id").isNull()).isTrue();
    assertThat(read.at("/description").asString()).isEqualTo("scoped");
    assertThat(read.at("/url").asString()).isEqualTo(receiver.url("/scoped"));
  }

  @Test
  void anotherAccountNeitherSeesNorChangesASubscriptionAndRespondersCannotReadThem() {
    Team owner = newTeam(60);
    Team stranger = newTeam(60);
    JsonNode made = create(owner, "{\"url\": \"%s\", \"description\": \"mine\"}", "/owned");
    String one = "/api/v1/webhooks/" + made.at("/id").asLong();

    assertThat(http().get(one, stranger.token()).status()).isEqualTo(404);
    assertThat(http().patchJson(one, stranger.token(), "{\"description\": \"stolen\"}").status())
        .isEqualTo(404);
    assertThat(http().post(one + "/rotate_secret", stranger.token()).status()).isEqualTo(404);
    assertThat(http().post(one + "/test", stranger.token()).status()).isEqualTo(404);
    assertThat(http().get(one + "/deliveries", stranger.token()).status()).isEqualTo(404);
    assertThat(http().delete(one, stranger.token()).status()).isEqualTo(404);
    assertThat(list(stranger)).isEmpty();
    // A service of another account is not a filter one can subscribe to.
    assertRefused(
        http()
            .postJson(
                "/api/v1/webhooks",
                stranger.token(),
                "{\"url\": \"https://hooks.example.com/x\", \"service_id\": %d}"
                    .formatted(firstServiceId(owner))),
        "'service_id' is not a service of this account");

    JsonNode still = webhook(owner, made.at("/id").asLong());
    assertThat(still.at("/description").asString()).isEqualTo("mine");
    assertThat(still.at("/previous_secret_valid_until").isNull()).isTrue();
    assertThat(receiver.at("/owned")).isEmpty();

    long carol =
        setup.createUser(
            owner.accountId(), "Carol", "carol-" + owner.accountId() + "@example.com", "responder");
    String responder = tokens.createForUser(owner.accountId(), carol, "responder");
    assertThat(http().get("/api/v1/webhooks", responder).status()).isEqualTo(403);
    assertThat(http().post(one + "/test", responder).status()).isEqualTo(403);
    assertThat(http().delete(one, owner.token()).status()).isEqualTo(204);
    assertThat(http().get(one, owner.token()).status()).isEqualTo(404);
  }

  /** Each event id at its first arrival, in arrival order. */
  private static List<Received> firstArrivals(List<Received> requests) {
    LinkedHashSet<String> seen = new LinkedHashSet<>();
    List<Received> first = new ArrayList<>();
    for (Received r : requests) {
      if (seen.add(r.eventId())) {
        first.add(r);
      }
    }
    return first;
  }

  private JsonNode create(Team team, String template, String path) {
    Response made =
        http().postJson("/api/v1/webhooks", team.token(), template.formatted(receiver.url(path)));
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    return made.json().at("/webhook");
  }

  private JsonNode webhook(Team team, long id) {
    Response read = http().get("/api/v1/webhooks/" + id, team.token());
    assertThat(read.status()).as(read.body()).isEqualTo(200);
    return read.json().at("/webhook");
  }

  private JsonNode list(Team team) {
    return http().get("/api/v1/webhooks", team.token()).json().at("/webhooks");
  }

  private JsonNode deliveries(Team team, JsonNode webhook) {
    Response read =
        http().get("/api/v1/webhooks/" + webhook.at("/id").asLong() + "/deliveries", team.token());
    assertThat(read.status()).as(read.body()).isEqualTo(200);
    return read.json().at("/deliveries");
  }

  private long awaitIncidentNumber(Team team) {
    long[] number = new long[1];
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              JsonNode incidents =
                  http().get("/api/v1/incidents", team.token()).json().at("/incidents");
              assertThat(incidents).hasSize(1);
              number[0] = incidents.get(0).at("/number").asLong();
            });
    return number[0];
  }

  static void assertRefused(Response response, String naming) {
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains(naming);
  }
}
