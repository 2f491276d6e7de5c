package dev.vigil.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every operation of the REST API that names an account's resource by id, read from the running
 * app's own OpenAPI document (so a new endpoint cannot skip it), called by another account's admin
 * with the first account's ids: each answers 404, shows none of the first account's data and
 * changes none of it. The bodies are valid for the caller's own account, so a 404 is the lookup's,
 * not validation's.
 */
class CrossTenantIsolationTest extends AppTestBase {

  private static final Pattern PARAMETER = Pattern.compile("/([a-z_-]+)/\\{[^}]+}");

  /** Tables of the on-call configuration without an account column: only the API changes them. */
  private static final List<String> CONFIGURATION_DETAILS =
      List.of(
          "contact_methods",
          "notification_rules",
          "calendar_feeds",
          "escalation_levels",
          "escalation_targets",
          "schedule_layers",
          "schedule_layer_members",
          "schedule_layer_restrictions",
          "schedule_overrides",
          "integration_keys",
          "team_members",
          "incident_assignees",
          "user_invitations");

  private final HttpClient client = HttpClient.newHttpClient();
  private final String marker = "owner-" + UUID.randomUUID();

  private record Operation(String method, String template) {
    @Override
    public String toString() {
      return method + " " + template;
    }
  }

  @Test
  void anotherAccountGets404ForEveryResourceOfThisOneAndChangesNothing() {
    Team owner = newTeam(3600);
    Team other = newTeam(3600);
    Map<String, Long> owners = resourcesOf(owner, true);
    Map<String, Long> others = resourcesOf(other, false);
    List<Operation> operations = operationsWithIds();
    awaitQuiet(owner);
    String before = snapshot(owner);

    List<String> checked = new ArrayList<>();
    for (Operation operation : operations) {
      List<String> collections = collections(operation.template());
      // Every id the first account's; then, for nested routes, the parent the caller's own and
      // only the last id the first account's (a contact method of another account's user).
      List<Map<String, Long>> variants = new ArrayList<>(List.of(owners));
      if (collections.size() > 1) {
        Map<String, Long> mixed = new HashMap<>(others);
        String last = collections.get(collections.size() - 1);
        mixed.put(last, owners.get(last));
        variants.add(mixed);
      }
      for (Map<String, Long> ids : variants) {
        String path = fill(operation.template(), ids);
        Response response = call(operation.method(), path, other.token(), body(operation, others));
        assertThat(response.status())
            .as(operation + " as " + path + ": " + response.body())
            .isEqualTo(404);
        assertThat(response.body())
            .as(operation.toString())
            .doesNotContain(marker)
            .doesNotContain(owner.aliceEmail());
        checked.add(operation + " " + path);
      }
    }
    assertThat(checked).as("the document's operations with ids").hasSizeGreaterThan(40);
    assertThat(snapshot(owner)).as("the first account's data after the calls").isEqualTo(before);
  }

  /** Operations under /api/ with a path id, outside the operator's routes. */
  private List<Operation> operationsWithIds() {
    JsonNode paths = http().get("/v3/api-docs", (String) null).json().get("paths");
    List<Operation> operations = new ArrayList<>();
    for (var path : paths.properties()) {
      String template = path.getKey();
      if (!template.startsWith("/api/") || template.startsWith("/api/v1/operator/")) {
        continue;
      }
      if (!template.contains("{")) {
        continue;
      }
      for (var operation : path.getValue().properties()) {
        operations.add(new Operation(operation.getKey().toUpperCase(), template));
      }
    }
    return operations;
  }

  /** The collection each path id belongs to: the segment before it, feeds told apart. */
  private static List<String> collections(String template) {
    List<String> collections = new ArrayList<>();
    Matcher matcher = PARAMETER.matcher(template);
    while (matcher.find()) {
      String segment = matcher.group(1);
      collections.add(
          segment.equals("calendar_feeds")
              ? (template.startsWith("/api/v1/users/") ? "user_feeds" : "schedule_feeds")
              : segment);
    }
    return collections;
  }

  private static String fill(String template, Map<String, Long> ids) {
    String path = template;
    for (String collection : collections(template)) {
      Long id = ids.get(collection);
      assertThat(id).as("an id for {%s} in %s", collection, template).isNotNull();
      path = path.replaceFirst("\\{[^}]+}", String.valueOf(id));
    }
    return path;
  }

  /**
   * One of each resource, made through the API: the first account's carry {@link #marker} in their
   * names, and it has an incident and an invoice.
   */
  private Map<String, Long> resourcesOf(Team team, boolean owner) {
    String name = owner ? marker : "other-" + team.routingKey();
    String token = team.token();
    long alice = idOfUser(team, team.aliceEmail());
    long bob = idOfUser(team, team.bobEmail());
    Map<String, Long> ids = new HashMap<>();
    ids.put("users", alice);
    ids.put("members", bob);
    ids.put("services", firstServiceId(team));
    ids.put("escalation_policies", primaryPolicyId(team));
    long teamId = created(http().postJson("/api/v1/teams", token, named(name)), "/team/id");
    ids.put("teams", teamId);
    assertThat(http().putJson("/api/v1/teams/" + teamId + "/members/" + bob, token, "").status())
        .isEqualTo(204);
    long schedule =
        created(http().postJson("/api/v1/schedules", token, schedule(name, alice)), "/schedule/id");
    ids.put("schedules", schedule);
    Instant start = Instant.now().plus(Duration.ofDays(2));
    ids.put(
        "overrides",
        created(
            http()
                .postJson(
                    "/api/v1/schedules/" + schedule + "/overrides", token, override(bob, start)),
            "/override/id"));
    ids.put(
        "schedule_feeds",
        created(
            http().post("/api/v1/schedules/" + schedule + "/calendar_feeds", token),
            "/calendar_feed/id"));
    ids.put(
        "user_feeds",
        created(
            http().post("/api/v1/users/" + alice + "/calendar_feeds", token), "/calendar_feed/id"));
    long contactMethod =
        created(
            http()
                .postJson(
                    "/api/v1/users/" + alice + "/contact_methods",
                    token,
                    "{\"kind\": \"email\", \"address\": \"%s@example.com\"}".formatted(name)),
            "/contact_method/id");
    ids.put("contact_methods", contactMethod);
    ids.put(
        "notification_rules",
        created(
            http()
                .postJson(
                    "/api/v1/users/" + alice + "/notification_rules", token, rule(contactMethod)),
            "/notification_rule/id"));
    ids.put(
        "integration_keys",
        created(
            http().post("/api/v1/services/" + ids.get("services") + "/integration_keys", token),
            "/integration_key/id"));
    ids.put(
        "heartbeats",
        created(
            http()
                .postJson(
                    "/api/v1/services/" + ids.get("services") + "/heartbeats",
                    token,
                    heartbeat(name)),
            "/heartbeat/id"));
    // In two days: the trigger below must still open an incident.
    Instant windowStart = Instant.now().plus(Duration.ofDays(2));
    ids.put(
        "maintenance_windows",
        created(
            http()
                .postJson(
                    "/api/v1/maintenance_windows",
                    token,
                    "{\"starts_at\": \"%s\", \"ends_at\": \"%s\"}"
                        .formatted(windowStart, windowStart.plusSeconds(600))),
            "/maintenance_window/id"));
    if (owner) {
      assertThat(sendTrigger(team.routingKey(), "isolation", marker).status()).isEqualTo(202);
      ids.put("incidents", awaitFirst(token, "/api/v1/incidents", "incidents", "number"));
      Response billing =
          http()
              .postJson(
                  "/api/v1/operator/accounts/" + team.accountId() + "/billing/profile",
                  operatorToken("operator_admin"),
                  """
                  {"collection_method": "check", "billing_time_zone": "UTC",
                   "billing_email": "ap@example.com", "plan": "team", "seats": 1,
                   "starts": "%s", "confirm_earlier_start": true}"""
                      .formatted(YearMonth.now(ZoneOffset.UTC).minusMonths(1)));
      assertThat(billing.status()).as(billing.body()).isEqualTo(201);
      long invoice = awaitFirst(token, "/api/v1/invoices", "invoices", "id");
      ids.put("invoices", invoice);
      String operator = operatorToken("operator_accountant");
      String invoices = "/api/v1/operator/accounts/" + team.accountId() + "/invoices/" + invoice;
      Response approved = http().postJson(invoices + "/approve", operator, "{}");
      assertThat(approved.status()).as(approved.body()).isEqualTo(200);
      ids.put(
          "credit_notes",
          created(
              http()
                  .postJson(
                      invoices + "/credit_notes",
                      operator,
                      "{\"amount\": 1.00, \"reason\": \"%s\"}".formatted(marker)),
              "/credit_note/id"));
    }
    return ids;
  }

  /** A body valid in the caller's own account, for the operations that take one. */
  private static String body(Operation operation, Map<String, Long> own) {
    String template = operation.template();
    return switch (operation.method() + " " + template) {
      case "PUT /api/v1/escalation_policies/{id}" ->
          """
          {"name": "Renamed", "levels": [{"delay_minutes": 5,
           "targets": [{"type": "user", "id": %d}]}]}"""
              .formatted(own.get("users"));
      case "PUT /api/v1/schedules/{id}" -> schedule("Renamed", own.get("users"));
      case "POST /api/v1/schedules/{scheduleId}/overrides" ->
          override(own.get("users"), Instant.now().plus(Duration.ofDays(3)));
      case "PUT /api/v1/services/{id}" ->
          "{\"name\": \"Renamed\", \"escalation_policy_id\": %d}"
              .formatted(own.get("escalation_policies"));
      case "PUT /api/v1/services/{id}/alert_grouping" ->
          "{\"type\": \"time\", \"time_window_minutes\": 5}";
      case "PUT /api/v1/teams/{id}" -> named("Renamed");
      case "POST /api/v1/services/{serviceId}/heartbeats",
          "PUT /api/v1/services/{serviceId}/heartbeats/{id}" ->
          heartbeat("stolen");
      case "PUT /api/v1/users/{id}" ->
          "{\"name\": \"Renamed\", \"email\": \"renamed-%s@example.com\"}"
              .formatted(UUID.randomUUID());
      case "POST /api/v1/users/{id}/api-tokens" -> named("stolen");
      case "POST /api/v1/users/{userId}/contact_methods" ->
          "{\"kind\": \"email\", \"address\": \"stolen@example.com\"}";
      case "POST /api/v1/users/{userId}/notification_rules" -> rule(own.get("contact_methods"));
      case "POST /api/v1/incidents/{number}/escalate" -> "{\"level\": 2}";
      case "POST /api/v1/incidents/{number}/merge" -> "{\"source_incidents\": [1]}";
      case "POST /api/v1/incidents/{number}/notes" -> "{\"content\": \"a note\"}";
      case "PUT /api/v1/incidents/{number}/priority" -> "{\"priority\": \"P1\"}";
      case "POST /api/v1/incidents/{number}/reassign" ->
          "{\"user_id\": %d}".formatted(own.get("users"));
      case "POST /api/v1/incidents/{number}/snooze" -> "{\"duration_minutes\": 30}";
      default -> null;
    };
  }

  private static String heartbeat(String name) {
    return "{\"name\": \"%s\", \"interval_seconds\": 3600}".formatted(name);
  }

  private static String named(String name) {
    return "{\"name\": \"%s\"}".formatted(name);
  }

  private static String schedule(String name, long member) {
    return """
        {"name": "%s", "time_zone": "UTC", "layers": [{"name": "Days",
         "start": "2026-01-05T09:00:00Z", "members": [%d],
         "rotation": {"length": 1, "unit": "days", "first_handoff": "2026-01-05T09:00:00"}}]}"""
        .formatted(name, member);
  }

  private static String override(long user, Instant start) {
    return "{\"user_id\": %d, \"start\": \"%s\", \"end\": \"%s\"}"
        .formatted(user, start, start.plus(Duration.ofHours(2)));
  }

  private static String rule(long contactMethod) {
    return """
        {"urgency": "low", "contact_method_id": %d, "channel": "email", "delay_minutes": 5}"""
        .formatted(contactMethod);
  }

  private static long created(Response response, String idAt) {
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().at(idAt).asLong();
  }

  private long awaitFirst(String token, String path, String items, String field) {
    long[] found = new long[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode list = http().get(path, token).json().get(items);
              assertThat(list).hasSize(1);
              found[0] = list.get(0).get(field).asLong();
            });
    return found[0];
  }

  /** Until the first page of the incident and the invoice's draft have settled. */
  private void awaitQuiet(Team owner) {
    String[] last = {snapshot(owner)};
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              String now = snapshot(owner);
              boolean same = now.equals(last[0]);
              last[0] = now;
              return same;
            });
  }

  /**
   * The first account's rows: of every table with an account column, and every row of the
   * configuration's detail tables (which only API calls change).
   */
  private String snapshot(Team owner) {
    List<String> withAccount =
        jdbc.sql(
                """
                select table_name from information_schema.columns
                where table_schema = current_schema() and column_name = 'account_id'
                order by table_name""")
            .query(String.class)
            .list();
    StringBuilder snapshot = new StringBuilder();
    for (String table : withAccount) {
      snapshot
          .append(table)
          .append(": ")
          .append(
              jdbc.sql(
                      "select coalesce(json_agg(t order by t::text)::text, '') from "
                          + table
                          + " t where account_id = ?")
                  .param(owner.accountId())
                  .query(String.class)
                  .single())
          .append('\n');
    }
    for (String table : CONFIGURATION_DETAILS) {
      snapshot
          .append(table)
          .append(": ")
          .append(
              jdbc.sql(
                      "select coalesce(json_agg(t order by t::text)::text, '') from "
                          + table
                          + " t")
                  .query(String.class)
                  .single())
          .append('\n');
    }
    return snapshot.toString();
  }

  private Response call(String method, String path, String token, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Token token=" + token)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(
          response.statusCode(),
          response.body(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.headers());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path, e);
    }
  }
}
