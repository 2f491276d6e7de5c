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
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every operation of the REST API that names an account's resource by id, read from the running
 * app's own OpenAPI document (so a new endpoint cannot skip it), called by another account's admin
 * with the first account's ids: each answers 404, shows none of the first account's data and
 * changes none of it. The bodies are valid for the caller's own account, so a 404 is the lookup's,
 * not validation's. Ids carried in request bodies are walked the same way, one at a time: each
 * foreign one is refused with a 4xx.
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

  private static final JsonMapper JSON = JsonMapper.builder().build();

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
    Map<String, Long> owners = resourcesOf(owner, marker);
    incidentAndInvoiceOf(owner, owners);
    Map<String, Long> others = resourcesOf(other, "other-" + other.routingKey());
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

  @Test
  void anotherAccountsIdsInARequestBodyAreRefusedAndChangeNothing() {
    Team owner = newTeam(3600);
    Team other = newTeam(3600);
    Map<String, Long> owners = resourcesOf(owner, marker);
    Map<String, Long> others = resourcesOf(other, "other-" + other.routingKey());
    // Incident numbers count per account: the first account's third has no namesake in the other,
    // whose first is the one acted on and whose second is merged into it.
    for (int i = 1; i <= 3; i++) {
      assertThat(sendTrigger(owner.routingKey(), "isolation-" + i, marker).status()).isEqualTo(202);
    }
    owners.put("incident_numbers", awaitCount(owner.token(), 3));
    for (int i = 1; i <= 2; i++) {
      assertThat(sendTrigger(other.routingKey(), "other-" + i, "other").status()).isEqualTo(202);
    }
    awaitCount(other.token(), 2);
    others.put("incidents", 1L);
    others.put("incident_numbers", 2L);
    Map<Operation, List<String>> operations = operationsWithBodyIds();
    awaitQuiet(owner);
    String before = snapshot(owner);

    List<String> checked = new ArrayList<>();
    for (var entry : operations.entrySet()) {
      Operation operation = entry.getKey();
      String path = fill(operation.template(), others);
      List<JsonNode> bodies = bodiesWithIds(operation, others);
      assertThat(covered(bodies, entry.getValue()))
          .as("the id properties the bodies of %s fill", operation)
          .containsExactlyInAnyOrderElementsOf(entry.getValue());
      for (JsonNode body : bodies) {
        for (String property : entry.getValue()) {
          for (String pointer : pointers(body, property)) {
            JsonNode foreign = replaced(body, pointer, owners.get(kind(property, body, pointer)));
            Response response = call(operation.method(), path, other.token(), foreign.toString());
            assertThat(response.status())
                .as("%s %s with %s: %s", operation, foreign, pointer, response.body())
                .isBetween(400, 499);
            assertThat(response.body())
                .as(operation.toString())
                .doesNotContain(marker)
                .doesNotContain(owner.aliceEmail());
            checked.add(operation + " " + pointer);
          }
        }
      }
    }
    assertThat(checked).as("the document's body ids").hasSizeGreaterThan(20);
    assertThat(snapshot(owner)).as("the first account's data after the calls").isEqualTo(before);

    // The same bodies with the caller's own ids go through: the refusals were the ids'.
    for (Operation operation : operations.keySet()) {
      for (JsonNode body : bodiesWithIds(operation, others)) {
        String path = fill(operation.template(), others);
        Response response = call(operation.method(), path, other.token(), body.toString());
        assertThat(response.status())
            .as("%s %s: %s", operation, body, response.body())
            .isBetween(200, 299);
      }
    }
  }

  /**
   * Which resource each id property of a request body names, by its path in the body ({@code []}
   * for each element of an array). A property that looks like an id and is not here fails the test:
   * a new one must say what it names before the walk can pass.
   */
  private static final Map<String, String> BODY_IDS =
      Map.of(
          "team_id", "teams",
          "service_id", "services",
          "escalation_policy_id", "escalation_policies",
          "user_id", "users",
          "assignee_user_id", "users",
          "contact_method_id", "contact_methods",
          "layers[].members[]", "users",
          // A user or a schedule, as the target's type says.
          "levels[].targets[].id", "by type",
          // Numbers count per account: another account's number names no incident of the caller.
          "source_incidents[]", "incident_numbers");

  /**
   * Integers and lists of integers in bodies that name nothing, {@code tax_id} (a customer's tax
   * identification number) and Slack's own ids (strings naming a Slack workspace or channel).
   */
  private static final Set<String> NOT_IDS =
      Set.of("reminder_offsets[]", "percents[]", "tax_id", "workspace_id", "channel_id");

  /**
   * Operations under /api/ (outside the operator's) whose JSON body has id properties, with those
   * properties; fails on a property that looks like an id (named {@code id}, {@code *_id}, {@code
   * *_ids}, or a list of integers) and is in neither {@link #BODY_IDS} nor {@link #NOT_IDS}.
   */
  private Map<Operation, List<String>> operationsWithBodyIds() {
    JsonNode document = http().get("/v3/api-docs", (String) null).json();
    Map<Operation, List<String>> operations = new java.util.LinkedHashMap<>();
    List<String> unknown = new ArrayList<>();
    for (var path : document.get("paths").properties()) {
      String template = path.getKey();
      if (!template.startsWith("/api/") || template.startsWith("/api/v1/operator/")) {
        continue;
      }
      for (var method : path.getValue().properties()) {
        JsonNode schema = method.getValue().at("/requestBody/content/application~1json/schema");
        if (schema.isMissingNode()) {
          continue;
        }
        Operation operation = new Operation(method.getKey().toUpperCase(), template);
        List<String> ids = new ArrayList<>();
        for (var property : leaves(document, schema, "").entrySet()) {
          String name = property.getKey();
          if (BODY_IDS.containsKey(name)) {
            ids.add(name);
          } else if (looksLikeId(name, property.getValue()) && !NOT_IDS.contains(name)) {
            unknown.add(operation + " " + name);
          }
        }
        if (!ids.isEmpty()) {
          operations.put(operation, ids);
        }
      }
    }
    assertThat(unknown)
        .as("body properties that look like ids, with no kind in BODY_IDS")
        .isEmpty();
    return operations;
  }

  private static boolean looksLikeId(String path, JsonNode schema) {
    String name = path.substring(path.lastIndexOf('.') + 1);
    return name.equals("id")
        || name.endsWith("_id")
        || name.endsWith("_ids")
        || name.endsWith("_ids[]")
        || (name.endsWith("[]") && "integer".equals(schema.path("type").asString()));
  }

  /**
   * Every scalar property of a schema, by path ({@code layers[].members[]}), with its schema; an
   * array's prefix is its name alone, an object's ends with a dot.
   */
  private static Map<String, JsonNode> leaves(JsonNode document, JsonNode schema, String prefix) {
    JsonNode resolved = resolve(document, schema);
    Map<String, JsonNode> leaves = new java.util.LinkedHashMap<>();
    for (JsonNode part : resolved.path("allOf")) {
      leaves.putAll(leaves(document, part, prefix));
    }
    if (resolved.has("items")) {
      JsonNode items = resolve(document, resolved.get("items"));
      if (items.has("properties") || items.has("items") || items.has("allOf")) {
        leaves.putAll(leaves(document, items, prefix + "[]."));
      } else {
        leaves.put(prefix + "[]", items);
      }
      return leaves;
    }
    for (var property : resolved.path("properties").properties()) {
      JsonNode value = resolve(document, property.getValue());
      String name = prefix + property.getKey();
      if (value.has("properties") || value.has("allOf")) {
        leaves.putAll(leaves(document, value, name + "."));
      } else if (value.has("items")) {
        leaves.putAll(leaves(document, value, name));
      } else {
        leaves.put(name, value);
      }
    }
    return leaves;
  }

  private static JsonNode resolve(JsonNode document, JsonNode schema) {
    String ref = schema.path("$ref").asString("");
    return ref.startsWith("#/") ? document.at(ref.substring(1)) : schema;
  }

  /**
   * Bodies valid in the caller's account that carry every id property of the operation between
   * them, filled with the caller's own resources.
   */
  private List<JsonNode> bodiesWithIds(Operation operation, Map<String, Long> own) {
    long users = own.get("users");
    long team = own.get("teams");
    Instant start = Instant.now().plus(Duration.ofDays(3));
    String policy =
        """
        {"name": "Policy %s", "team_id": %d, "levels": [{"delay_minutes": 5, "targets":
         [{"type": "user", "id": %d}, {"type": "schedule", "id": %d}]}]}"""
            .formatted(UUID.randomUUID(), team, users, own.get("schedules"));
    String schedule =
        """
        {"name": "Schedule %s", "team_id": %d, "time_zone": "UTC", "layers": [{"name": "Days",
         "start": "2026-01-05T09:00:00Z", "members": [%d, %d],
         "rotation": {"length": 1, "unit": "days", "first_handoff": "2026-01-05T09:00:00"}}]}"""
            .formatted(UUID.randomUUID(), team, users, own.get("members"));
    String service =
        "{\"name\": \"Service %s\", \"escalation_policy_id\": %d, \"team_id\": %d}"
            .formatted(UUID.randomUUID(), own.get("escalation_policies"), team);
    List<String> bodies =
        switch (operation.method() + " " + operation.template()) {
          case "POST /api/v1/escalation_policies", "PUT /api/v1/escalation_policies/{id}" ->
              List.of(policy);
          case "POST /api/v1/schedules", "PUT /api/v1/schedules/{id}" -> List.of(schedule);
          case "POST /api/v1/services", "PUT /api/v1/services/{id}" -> List.of(service);
          case "POST /api/v1/schedules/{scheduleId}/overrides" -> List.of(override(users, start));
          case "POST /api/v1/users/{userId}/notification_rules" ->
              List.of(
                  """
                  {"urgency": "high", "contact_method_id": %d, "channel": "email",
                   "delay_minutes": 7}"""
                      .formatted(own.get("contact_methods")));
          case "POST /api/v1/incidents" ->
              List.of(
                  "{\"service_id\": %d, \"title\": \"By hand\", \"assignee_user_id\": %d}"
                      .formatted(own.get("services"), users));
          case "POST /api/v1/incidents/{number}/reassign" ->
              List.of(
                  "{\"user_id\": %d}".formatted(own.get("members")),
                  "{\"escalation_policy_id\": %d}".formatted(own.get("escalation_policies")));
          case "POST /api/v1/incidents/{number}/merge" ->
              List.of("{\"source_incidents\": [%d]}".formatted(own.get("incident_numbers")));
          case "POST /api/v1/webhooks", "PATCH /api/v1/webhooks/{id}" ->
              List.of(webhook("Webhook " + UUID.randomUUID(), own.get("services")));
          case "POST /api/v1/maintenance_windows" ->
              List.of(
                  "{\"service_id\": %d, \"starts_at\": \"%s\", \"ends_at\": \"%s\"}"
                      .formatted(own.get("services"), start, start.plusSeconds(600)));
          default -> List.of();
        };
    assertThat(bodies).as("a body with ids for %s", operation).isNotEmpty();
    return bodies.stream().map(JSON::readTree).toList();
  }

  /** The id properties that occur in at least one of the bodies. */
  private static Set<String> covered(List<JsonNode> bodies, List<String> properties) {
    Set<String> covered = new java.util.HashSet<>();
    for (String property : properties) {
      for (JsonNode body : bodies) {
        if (!pointers(body, property).isEmpty()) {
          covered.add(property);
        }
      }
    }
    return covered;
  }

  /** JSON pointers of every occurrence of a property path in a body. */
  private static List<String> pointers(JsonNode body, String property) {
    List<String> pointers = new ArrayList<>();
    collect(body, "", List.of(property.split("\\.")), pointers);
    return pointers;
  }

  private static void collect(JsonNode node, String at, List<String> steps, List<String> out) {
    if (steps.isEmpty()) {
      out.add(at);
      return;
    }
    String step = steps.get(0);
    boolean each = step.endsWith("[]");
    String name = each ? step.substring(0, step.length() - 2) : step;
    JsonNode child = name.isEmpty() ? node : node.path(name);
    String childAt = name.isEmpty() ? at : at + "/" + name;
    if (child.isMissingNode() || child.isNull()) {
      return;
    }
    if (!each) {
      collect(child, childAt, steps.subList(1, steps.size()), out);
      return;
    }
    for (int i = 0; i < child.size(); i++) {
      collect(child.get(i), childAt + "/" + i, steps.subList(1, steps.size()), out);
    }
  }

  /** The resource kind an occurrence names: a target's by its type. */
  private static String kind(String property, JsonNode body, String pointer) {
    String kind = BODY_IDS.get(property);
    if (!kind.equals("by type")) {
      return kind;
    }
    String type = body.at(pointer.substring(0, pointer.lastIndexOf('/')) + "/type").asString();
    return type + "s";
  }

  private static JsonNode replaced(JsonNode body, String pointer, Long id) {
    assertThat(id).as("the first account's resource for %s", pointer).isNotNull();
    JsonNode copy = body.deepCopy();
    JsonNode parent = copy.at(pointer.substring(0, pointer.lastIndexOf('/')));
    String last = pointer.substring(pointer.lastIndexOf('/') + 1);
    if (parent instanceof tools.jackson.databind.node.ArrayNode array) {
      array.set(Integer.parseInt(last), array.numberNode(id));
    } else {
      ((tools.jackson.databind.node.ObjectNode) parent).put(last, id);
    }
    return copy;
  }

  private long awaitCount(String token, int count) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(http().get("/api/v1/incidents", token).json().get("incidents"))
                    .hasSize(count));
    return count;
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

  /** One of each resource of the on-call configuration, made through the API, named after name. */
  private Map<String, Long> resourcesOf(Team team, String name) {
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
    // Disabled: its incident events write no deliveries while the test compares snapshots.
    ids.put(
        "webhooks",
        created(
            http().postJson("/api/v1/webhooks", token, webhook(name, ids.get("services"))),
            "/webhook/id"));
    String workspace = "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    assertThat(
            http()
                .putJson(
                    "/api/v1/slack",
                    token,
                    """
                    {"workspace_id": "%s", "bot_token": "xoxb-0000000000-%s",
                     "signing_secret": "0123456789abcdef0123456789abcdef"}"""
                        .formatted(
                            workspace.toUpperCase(java.util.Locale.ROOT),
                            name.replaceAll("[^A-Za-z0-9]", "")))
                .status())
        .isEqualTo(200);
    assertThat(
            http()
                .putJson(
                    "/api/v1/services/" + ids.get("services") + "/slack_channel",
                    token,
                    "{\"channel_id\": \"CINCIDENTS\"}")
                .status())
        .isEqualTo(200);
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
    return ids;
  }

  /** An incident, and an approved invoice with a credit note (carrying {@link #marker}). */
  private void incidentAndInvoiceOf(Team team, Map<String, Long> ids) {
    String token = team.token();
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
      case "PUT /api/v1/services/{id}/slack_channel" -> "{\"channel_id\": \"CSTOLEN\"}";
      case "POST /api/v1/services/{serviceId}/heartbeats",
          "PUT /api/v1/services/{serviceId}/heartbeats/{id}" ->
          heartbeat("stolen");
      case "PATCH /api/v1/webhooks/{id}" -> "{\"description\": \"stolen\"}";
      case "PUT /api/v1/users/{id}" ->
          "{\"name\": \"Renamed\", \"email\": \"renamed-%s@example.com\"}"
              .formatted(UUID.randomUUID());
      case "POST /api/v1/users/{id}/api-tokens" -> named("stolen");
      case "POST /api/v1/users/{userId}/contact_methods" ->
          "{\"kind\": \"email\", \"address\": \"stolen@example.com\"}";
      case "POST /api/v1/users/{userId}/notification_rules" -> rule(own.get("contact_methods"));
      case "POST /api/v1/users/{userId}/contact_methods/{id}/verification/confirm" ->
          "{\"code\": \"123456\"}";
      case "POST /api/v1/users/{userId}/contact_methods/{id}/verify" -> "{\"reason\": \"stolen\"}";
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

  private static String webhook(String description, long service) {
    return """
        {"url": "https://hooks.example.com/vigil", "description": "%s", "service_id": %d,
         "enabled": false}"""
        .formatted(description, service);
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
