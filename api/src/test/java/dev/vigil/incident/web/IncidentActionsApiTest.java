package dev.vigil.incident.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver.Response;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A responder's actions over HTTP: notes, priority, snooze, escalate now and reassign, each
 * answered with the incident as recorded; bad input a 400 naming the field with nothing changed,
 * another account's incident a 404, the wrong state a 409, and the roles of acknowledge.
 */
class IncidentActionsApiTest extends AppTestBase {

  private static final Duration WAIT = Duration.ofSeconds(15);

  @Test
  void aNoteAndAPriorityAreAnsweredWithTheIncidentAsRecorded() {
    Team team = newTeam(600);
    long bob = idOfUser(team, team.bobEmail());
    String bobsToken = tokens.createForUser(team.accountId(), bob, "Bob");
    long number = openIncident(team, "notes");

    Response note =
        http()
            .postJson(
                path(number, "notes"),
                bobsToken,
                "{\"content\": \"Restarted the consumer; lag is falling.\"}");
    assertThat(note.status()).as(note.body()).isEqualTo(200);
    JsonNode entry = last(note.json().at("/incident/timeline"));
    assertThat(entry.get("kind").asString()).isEqualTo("note");
    assertThat(entry.get("message").asString())
        .isEqualTo("Restarted the consumer; lag is falling.");
    assertThat(entry.at("/by/user_id").asLong()).isEqualTo(bob);
    assertThat(entry.at("/by/name").asString()).isEqualTo("Bob");
    assertThat(entry.at("/by/via").asString()).isEqualTo("REST API");

    Response priority =
        http().putJson(path(number, "priority"), bobsToken, "{\"priority\": \"P2\"}");
    assertThat(priority.status()).as(priority.body()).isEqualTo(200);
    assertThat(priority.json().at("/incident/priority").asString()).isEqualTo("P2");
    assertThat(last(priority.json().at("/incident/timeline")).get("message").asString())
        .isEqualTo("Priority set to P2 by Bob via REST API");
    assertThat(incident(team, number).at("/priority").asString()).isEqualTo("P2");

    Response cleared = http().putJson(path(number, "priority"), bobsToken, "{\"priority\": null}");
    assertThat(cleared.status()).isEqualTo(200);
    assertThat(absent(cleared.json().at("/incident/priority"))).isTrue();
  }

  @Test
  void aSnoozeShowsOnTheIncidentAndAcknowledgingAgainEndsIt() {
    Team team = newTeam(600);
    long number = openIncident(team, "snooze");

    Response triggered =
        http().postJson(path(number, "snooze"), team.token(), "{\"duration_minutes\": 60}");
    assertThat(triggered.status()).isEqualTo(409);
    assertThat(triggered.json().at("/error/code").asString()).isEqualTo("conflict");

    http().post(path(number, "acknowledge"), team.token());
    Instant before = Instant.now();
    Response snoozed =
        http().postJson(path(number, "snooze"), team.token(), "{\"duration_minutes\": 60}");
    assertThat(snoozed.status()).as(snoozed.body()).isEqualTo(200);
    Instant until = Instant.parse(snoozed.json().at("/incident/snoozed_until").asString());
    assertThat(until).isBetween(before.plusSeconds(3590), before.plusSeconds(3610));
    assertThat(snoozed.json().at("/incident/status").asString()).isEqualTo("acknowledged");
    assertThat(last(snoozed.json().at("/incident/timeline")).get("kind").asString())
        .isEqualTo("snoozed");

    Response again = http().post(path(number, "acknowledge"), team.token());
    assertThat(again.status()).isEqualTo(200);
    assertThat(absent(again.json().at("/incident/snoozed_until"))).isTrue();
    assertThat(again.json().at("/incident/status").asString()).isEqualTo("acknowledged");

    http().post(path(number, "resolve"), team.token());
    Response resolved =
        http().postJson(path(number, "snooze"), team.token(), "{\"duration_minutes\": 60}");
    assertThat(resolved.status()).isEqualTo(409);
    assertThat(
            http()
                .postJson(path(number, "notes"), team.token(), "{\"content\": \"late\"}")
                .status())
        .isEqualTo(409);
  }

  @Test
  void escalatingNowPagesTheNextLevelAndReassigningPagesTheNewAssignee() {
    Team team = newTeam(600);
    long number = openIncident(team, "escalate");
    await().atMost(WAIT).until(() -> inboxCount(team.aliceEmail()) == 1);

    Response escalated = http().post(path(number, "escalate"), team.token());
    assertThat(escalated.status()).as(escalated.body()).isEqualTo(200);
    await().atMost(WAIT).until(() -> inboxCount(team.bobEmail()) == 1);
    assertThat(escalated.json().at("/incident/timeline").toString())
        .contains("Escalated to level 2 by test token via REST API");

    long carol =
        setup.createUser(
            team.accountId(),
            "Carol",
            "carol-" + number + "-" + team.accountId() + "@example.com",
            "responder");
    Response reassigned =
        http()
            .postJson(path(number, "reassign"), team.token(), "{\"user_id\": %d}".formatted(carol));
    assertThat(reassigned.status()).as(reassigned.body()).isEqualTo(200);
    assertThat(reassigned.json().at("/incident/status").asString()).isEqualTo("triggered");
    await()
        .atMost(WAIT)
        .until(() -> incident(team, number).at("/assignees/0/name").asString().equals("Carol"));
    assertThat(incident(team, number).at("/timeline").toString())
        .contains("Reassigned to Carol by test token via REST API");

    Response toPolicy =
        http()
            .postJson(
                path(number, "reassign"),
                team.token(),
                "{\"escalation_policy_id\": %d}".formatted(primaryPolicyId(team)));
    assertThat(toPolicy.status()).as(toPolicy.body()).isEqualTo(200);
    await().atMost(WAIT).until(() -> inboxCount(team.aliceEmail()) == 2);
  }

  @Test
  void badInputIs400NamingTheFieldAndChangesNothing() {
    Team team = newTeam(600);
    Team other = newTeam(600);
    long number = openIncident(team, "bad-input");
    http().post(path(number, "acknowledge"), team.token());
    int entries = incident(team, number).at("/timeline").size();
    long strangersUser = idOfUser(other, other.bobEmail());

    assertBadRequest(
        http().postJson(path(number, "notes"), team.token(), "{\"content\": \"\"}"), "'content'");
    assertBadRequest(
        http()
            .postJson(
                path(number, "notes"),
                team.token(),
                "{\"content\": \"%s\"}".formatted("x".repeat(4001))),
        "'content'");
    assertBadRequest(
        http().postJson(path(number, "notes"), team.token(), "{\"content\": 12"), "JSON");
    assertBadRequest(
        http().putJson(path(number, "priority"), team.token(), "{\"priority\": \"P0\"}"),
        "'priority'");
    assertBadRequest(
        http().putJson(path(number, "priority"), team.token(), "{\"priority\": [1]}"),
        "'priority'");
    assertBadRequest(
        http().postJson(path(number, "snooze"), team.token(), "{\"duration_minutes\": 0}"),
        "'duration_minutes'");
    assertBadRequest(
        http().postJson(path(number, "snooze"), team.token(), "{\"duration_minutes\": 10081}"),
        "'duration_minutes'");
    assertBadRequest(
        http().postJson(path(number, "snooze"), team.token(), "{\"duration_minutes\": \"soon\"}"),
        "'duration_minutes'");
    assertBadRequest(
        http().postJson(path(number, "escalate"), team.token(), "{\"level\": 3}"), "'level'");
    assertBadRequest(
        http().postJson(path(number, "escalate"), team.token(), "{\"level\": 0}"), "'level'");
    assertBadRequest(http().postJson(path(number, "reassign"), team.token(), "{}"), "'user_id'");
    assertBadRequest(
        http()
            .postJson(
                path(number, "reassign"),
                team.token(),
                "{\"user_id\": %d}".formatted(strangersUser)),
        "'user_id'");
    assertBadRequest(
        http()
            .postJson(
                path(number, "reassign"),
                team.token(),
                "{\"escalation_policy_id\": %d}".formatted(primaryPolicyId(other))),
        "'escalation_policy_id'");

    JsonNode after = incident(team, number);
    assertThat(after.at("/timeline").size()).isEqualTo(entries);
    assertThat(after.at("/status").asString()).isEqualTo("acknowledged");
    assertThat(absent(after.at("/priority"))).isTrue();
    assertThat(absent(after.at("/snoozed_until"))).isTrue();
  }

  @Test
  void anotherAccountsIncidentIsNotFoundAndSupportStaffMayOnlyRead() {
    Team owner = newTeam(600);
    Team stranger = newTeam(600);
    long number = openIncident(owner, "private");
    long support =
        setup.createUser(
            owner.accountId(), "Sam", "sam-" + owner.accountId() + "@example.com", "support");
    String supportToken = tokens.createForUser(owner.accountId(), support, "Sam");

    assertThat(
            http()
                .postJson(path(number, "notes"), stranger.token(), "{\"content\": \"hi\"}")
                .status())
        .isEqualTo(404);
    assertThat(
            http()
                .putJson(path(number, "priority"), stranger.token(), "{\"priority\": \"P1\"}")
                .status())
        .isEqualTo(404);
    assertThat(http().post(path(number, "escalate"), stranger.token()).status()).isEqualTo(404);
    assertThat(
            http()
                .postJson(path(number, "snooze"), stranger.token(), "{\"duration_minutes\": 5}")
                .status())
        .isEqualTo(404);
    assertThat(
            http()
                .postJson(path(number, "reassign"), stranger.token(), "{\"user_id\": 1}")
                .status())
        .isEqualTo(404);

    Response bySupport =
        http().postJson(path(number, "notes"), supportToken, "{\"content\": \"hi\"}");
    assertThat(bySupport.status()).isEqualTo(403);
    Response createdBySupport =
        http()
            .postJson(
                "/api/v1/incidents",
                supportToken,
                "{\"service_id\": %d, \"title\": \"x\"}".formatted(firstServiceId(owner)));
    assertThat(createdBySupport.status()).isEqualTo(403);
    assertThat(incidentCount(owner.accountId())).isEqualTo(1);
    assertThat(http().get("/api/v1/incidents/" + number, supportToken).status()).isEqualTo(200);
    assertThat(incident(owner, number).at("/timeline").toString()).doesNotContain("\"note\"");
  }

  @Test
  void anIncidentMadeByHandIsRecordedAndPagedLikeAnyOther() {
    Team team = newTeam(600);
    Team other = newTeam(600);
    long bob = idOfUser(team, team.bobEmail());
    String bobsToken = tokens.createForUser(team.accountId(), bob, "Bob");
    long service = firstServiceId(team);

    Response created =
        http()
            .postJson(
                "/api/v1/incidents",
                bobsToken,
                """
                {"service_id": %d, "title": "Checkout is slow for EU customers",
                 "details": "Reports since 10:00", "urgency": "low"}"""
                    .formatted(service));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode incident = created.json().get("incident");
    assertThat(incident.get("status").asString()).isEqualTo("triggered");
    assertThat(incident.get("urgency").asString()).isEqualTo("low");
    assertThat(incident.get("title").asString()).isEqualTo("Checkout is slow for EU customers");
    assertThat(incident.get("incident_key").asString()).startsWith("manual-");
    assertThat(incident.at("/timeline/0/message").asString())
        .isEqualTo(
            "Created by Bob via REST API on "
                + incident.at("/service/name").asString()
                + ": Checkout is slow for EU customers");
    // The service's policy pages its first level, Alice.
    await().atMost(WAIT).until(() -> inboxCount(team.aliceEmail()) == 1);

    Response toBob =
        http()
            .postJson(
                "/api/v1/incidents",
                team.token(),
                """
                {"service_id": %d, "title": "Bob, look at this", "assignee_user_id": %d}"""
                    .formatted(service, bob));
    assertThat(toBob.status()).as(toBob.body()).isEqualTo(201);
    assertThat(toBob.json().at("/incident/urgency").asString()).isEqualTo("high");
    await().atMost(WAIT).until(() -> inboxCount(team.bobEmail()) == 1);
    assertThat(inboxCount(team.aliceEmail())).isEqualTo(1);

    int before = incidentCount(team.accountId());
    Response bad =
        http()
            .postJson(
                "/api/v1/incidents",
                team.token(),
                """
                {"service_id": %d, "title": " ", "urgency": "urgent",
                 "assignee_user_id": %d}"""
                    .formatted(firstServiceId(other), idOfUser(other, other.bobEmail())));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().at("/error/errors").toString())
        .contains("'service_id'", "'title'", "'urgency'", "'assignee_user_id'");
    assertBadRequest(
        http().postJson("/api/v1/incidents", team.token(), "{\"title\": \"x\"}"), "'service_id'");
    assertThat(incidentCount(team.accountId())).isEqualTo(before);
    assertThat(alertCount(team.accountId())).isEqualTo(before);
  }

  @Test
  void mergingMovesTheAlertsAndResolvesTheSourcesWithAPointer() {
    Team team = newTeam(600);
    Team stranger = newTeam(600);
    long target = openIncident(team, "merge-target");
    long source = openIncident(team, "merge-source");
    long resolved = openIncident(team, "merge-resolved");
    http().post(path(resolved, "resolve"), team.token());

    assertBadRequest(
        http().postJson(path(target, "merge"), team.token(), "{\"source_incidents\": []}"),
        "'source_incidents'");
    assertBadRequest(
        http().postJson(path(target, "merge"), team.token(), "{\"source_incidents\": [999999]}"),
        "'source_incidents[0]'");
    assertBadRequest(
        http()
            .postJson(
                path(target, "merge"),
                team.token(),
                "{\"source_incidents\": [%d]}".formatted(target)),
        "'source_incidents[0]'");
    Response ofResolved =
        http()
            .postJson(
                path(target, "merge"),
                team.token(),
                "{\"source_incidents\": [%d, %d]}".formatted(source, resolved));
    assertThat(ofResolved.status()).isEqualTo(409);
    assertThat(incident(team, source).get("status").asString()).isEqualTo("triggered");
    assertThat(
            http()
                .postJson(
                    path(target, "merge"),
                    stranger.token(),
                    "{\"source_incidents\": [%d]}".formatted(source))
                .status())
        .isEqualTo(404);

    Response merged =
        http()
            .postJson(
                path(target, "merge"),
                team.token(),
                "{\"source_incidents\": [%d]}".formatted(source));
    assertThat(merged.status()).as(merged.body()).isEqualTo(200);
    assertThat(merged.json().at("/incident/alert_count").asInt()).isEqualTo(2);
    assertThat(merged.json().at("/incident/timeline").toString())
        .contains("Incident #" + source + " merged into this one by test token via REST API");
    JsonNode after = incident(team, source);
    assertThat(after.get("status").asString()).isEqualTo("resolved");
    assertThat(after.get("merged_into").asLong()).isEqualTo(target);
    assertThat(after.get("alert_count").asInt()).isZero();

    // The merged incident's key now feeds the target.
    sendTrigger(team.routingKey(), "merge-source", "Again");
    await().atMost(WAIT).until(() -> incident(team, target).get("alert_count").asInt() == 3);
    assertThat(incidentCount(team.accountId())).isEqualTo(3);
  }

  private static void assertBadRequest(Response response, String field) {
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.json().at("/error/errors/0").asString()).contains(field);
  }

  private static String path(long number, String action) {
    return "/api/v1/incidents/" + number + "/" + action;
  }

  /** Null on the wire, or left out. */
  private static boolean absent(JsonNode node) {
    return node.isNull() || node.isMissingNode();
  }

  private static JsonNode last(JsonNode array) {
    return array.get(array.size() - 1);
  }

  private JsonNode incident(Team team, long number) {
    return http().get("/api/v1/incidents/" + number, team.token()).json().get("incident");
  }

  private long openIncident(Team team, String dedupKey) {
    sendTrigger(team.routingKey(), dedupKey, "Incident " + dedupKey);
    return await()
        .atMost(WAIT)
        .until(
            () ->
                jdbc.sql("select number from incidents where account_id = ? and dedup_key = ?")
                    .params(team.accountId(), dedupKey)
                    .query(Long.class)
                    .optional()
                    .orElse(0L),
            n -> n > 0);
  }
}
