package dev.vigil.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.oncall.OnCallSetup;
import dev.vigil.oncall.access.ApiTokens;
import dev.vigil.support.HttpDriver.Response;
import dev.vigil.support.TimeSkippingAppTestBase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A team configured entirely through the REST API, as a real one would be: four people with
 * three-step notification rules, a schedule with two layers and an override, a three-level policy
 * and a service. One event then pages exactly whom the schedule and policy say, on the channels and
 * at the delays their rules say. Runs on the time-skipping Temporal server, so minutes pass in
 * milliseconds.
 */
class ConfiguredTeamScenarioTest extends TimeSkippingAppTestBase {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Autowired OnCallSetup setup;
  @Autowired ApiTokens tokens;

  private long account;
  private String token;

  @BeforeEach
  void account() {
    account = setup.createAccount("Payments " + UUID.randomUUID(), "US", "America/New_York");
    token = tokens.create(account, "scenario");
  }

  @Test
  void anEventPagesWhomTheScheduleSaysOnTheChannelsAndAtTheDelaysOfTheirRules() {
    long alice = person("Alice", "+1 212 555 0101");
    long bob = person("Bob", "+1 212 555 0102");
    long carol = person("Carol", "+1 212 555 0103");
    long dave = person("Dave", "+1 212 555 0104");
    long team = created(post("/api/v1/teams", "{\"name\": \"Payments\"}"), "team");
    for (long member : List.of(alice, bob, carol, dave)) {
      assertThat(http().putJson("/api/v1/teams/" + team + "/members/" + member, token, "").status())
          .isEqualTo(204);
    }

    Instant now = Instant.ofEpochMilli(temporal.currentTimeMillis());
    // A weekly rotation with a Monday 09:00 handoff, and business hours above it.
    LocalDateTime lastMonday =
        LocalDateTime.ofInstant(now, NEW_YORK)
            .truncatedTo(ChronoUnit.DAYS)
            .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY))
            .withHour(9);
    long schedule =
        created(
            post(
                "/api/v1/schedules",
                """
                {"name": "Payments primary", "time_zone": "America/New_York", "team_id": %d,
                 "layers": [
                   {"name": "Weekly", "start": "%s",
                    "rotation": {"first_handoff": "%s", "length": 1, "unit": "weeks"},
                    "members": [%d, %d, %d]},
                   {"name": "Business hours", "start": "%s",
                    "rotation": {"first_handoff": "%s", "length": 1, "unit": "weeks"},
                    "members": [%d],
                    "restrictions": [{"type": "weekly", "start_day": "monday", "start_time": "09:00",
                                      "duration_minutes": 480}]}]}"""
                    .formatted(
                        team,
                        now.minus(Duration.ofDays(30)),
                        lastMonday,
                        alice,
                        bob,
                        carol,
                        now.minus(Duration.ofDays(30)),
                        lastMonday,
                        dave)),
            "schedule");
    // Carol covers the next two hours, whatever the layers say.
    assertThat(
            post(
                    "/api/v1/schedules/" + schedule + "/overrides",
                    """
                    {"user_id": %d, "start": "%s", "end": "%s"}"""
                        .formatted(
                            carol, now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofHours(2))))
                .status())
        .isEqualTo(201);
    JsonNode onCall =
        http().get("/api/v1/oncalls?schedule_id=" + schedule + "&at=" + now, token).json();
    assertThat(onCall.toString()).contains("\"Carol\"");

    long policy =
        created(
            post(
                "/api/v1/escalation_policies",
                """
                {"name": "Payments", "team_id": %d, "repeat_count": 0, "levels": [
                  {"delay_minutes": 10, "targets": [{"type": "schedule", "id": %d}]},
                  {"delay_minutes": 10, "targets": [{"type": "user", "id": %d}]},
                  {"delay_minutes": 10, "targets": [{"type": "user", "id": %d}, {"type": "user", "id": %d}]}]}"""
                    .formatted(team, schedule, dave, alice, bob)),
            "escalation_policy");
    Response service =
        post(
            "/api/v1/services",
            """
            {"name": "Checkout", "team_id": %d, "escalation_policy_id": %d, "urgency_rule": "severity"}"""
                .formatted(team, policy));
    assertThat(service.status()).isEqualTo(201);
    String routingKey = service.json().at("/service/integration_keys/0/routing_key").asString();

    assertThat(
            http()
                .postJson(
                    "/v2/enqueue",
                    """
                    {"routing_key": "%s", "event_action": "trigger", "dedup_key": "payments-down",
                     "payload": {"summary": "Payments API down", "source": "api-1", "severity": "critical"}}"""
                        .formatted(routingKey))
                .status())
        .isEqualTo(202);

    // Level 1 is the schedule: Carol (the override). Her rules: SMS at once...
    awaitPages(1);
    assertThat(pages()).containsExactly("sms Carol");
    // ... a call after 2 minutes ...
    advance(Duration.ofMinutes(2).plusSeconds(5));
    awaitPages(2);
    assertThat(pages()).containsExactly("sms Carol", "voice Carol");
    // ... an email after 5.
    advance(Duration.ofMinutes(3));
    awaitPages(3);
    assertThat(pages()).containsExactly("sms Carol", "voice Carol", "email Carol");
    // Level 2 after 10 minutes: Dave's SMS at once, his call 2 minutes later.
    advance(Duration.ofMinutes(5));
    awaitPages(4);
    assertThat(pages()).endsWith("sms Dave");
    advance(Duration.ofMinutes(2));
    awaitPages(5);
    assertThat(pages()).endsWith("voice Dave");

    // Dave acknowledges from the REST API: his email and level 3 never come.
    long number = http().get("/api/v1/incidents", token).json().at("/incidents/0/number").asLong();
    assertThat(http().post("/api/v1/incidents/" + number + "/acknowledge", token).status())
        .isEqualTo(200);
    advance(Duration.ofMinutes(30));
    assertThat(pages())
        .containsExactly("sms Carol", "voice Carol", "email Carol", "sms Dave", "voice Dave");
  }

  /** A user with a phone and the classic three steps: SMS at once, call after 2, email after 5. */
  private long person(String name, String phone) {
    long user =
        created(
            post(
                "/api/v1/users",
                "{\"name\": \"%s\", \"email\": \"%s@payments.example\", \"time_zone\": \"America/New_York\"}"
                    .formatted(name, name.toLowerCase() + "-" + account)),
            "user");
    long sms =
        created(
            post(
                "/api/v1/users/" + user + "/contact_methods",
                "{\"kind\": \"phone\", \"address\": \"%s\"}".formatted(phone)),
            "contact_method");
    // A new phone is paged once verified: the admin vouches for it here.
    assertThat(
            post(
                    "/api/v1/users/" + user + "/contact_methods/" + sms + "/verify",
                    "{\"reason\": \"scenario setup\"}")
                .status())
        .isEqualTo(200);
    long email =
        http()
            .get("/api/v1/users/" + user + "/contact_methods", token)
            .json()
            .at("/contact_methods/0/id")
            .asLong();
    rule(user, sms, "sms", 0);
    rule(user, sms, "voice", 2);
    rule(user, email, "email", 5);
    return user;
  }

  private void rule(long user, long contactMethod, String channel, int delayMinutes) {
    Response rule =
        post(
            "/api/v1/users/" + user + "/notification_rules",
            """
            {"urgency": "high", "contact_method_id": %d, "channel": "%s", "delay_minutes": %d}"""
                .formatted(contactMethod, channel, delayMinutes));
    assertThat(rule.status()).isEqualTo(201);
  }

  private Response post(String path, String body) {
    return http().postJson(path, token, body);
  }

  private long created(Response response, String name) {
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().at("/" + name + "/id").asLong();
  }

  /** "channel name" of every page this account got, oldest first. */
  private List<String> pages() {
    return jdbc.sql(
            """
            select m.channel || ' ' || u.name from dev_inbox_messages m
            join notifications n on n.id = m.notification_id join users u on u.id = n.user_id
            where m.account_id = ? order by m.id""")
        .param(account)
        .query(String.class)
        .list();
  }

  private void awaitPages(int count) {
    await().atMost(Duration.ofSeconds(15)).until(() -> pages().size() >= count);
  }
}
