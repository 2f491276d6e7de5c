package dev.vigil.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Every operation of the REST API, read from the running app's own OpenAPI document, so a new
 * endpoint cannot escape these checks: anonymous callers get 401, tenants never reach operator
 * routes, the operator's staff never act inside a tenant's on-call, support staff change nothing,
 * and another tenant's admin finds nothing of this tenant's (docs/decisions/0030).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointSecurityTest extends AppTestBase {

  private record Operation(String method, String template) {
    boolean operatorRoute() {
      return template.startsWith("/api/v1/operator/");
    }

    boolean read() {
      return method.equals("GET");
    }
  }

  private final HttpClient client = HttpClient.newHttpClient();
  private List<Operation> operations;
  private Team owner;
  private Map<String, String> tokens;

  @BeforeAll
  void readTheApi() {
    JsonNode paths = http().get("/v3/api-docs", (String) null).json().get("paths");
    operations = new ArrayList<>();
    for (var path : paths.properties()) {
      if (!path.getKey().startsWith("/api/")) {
        continue;
      }
      for (var operation : path.getValue().properties()) {
        operations.add(new Operation(operation.getKey().toUpperCase(), path.getKey()));
      }
    }
    assertThat(operations).as("the document lists the API").hasSizeGreaterThan(60);
    owner = newTeam(60);
    tokens =
        Map.of(
            "admin", owner.token(),
            "responder", userToken(owner, "responder"),
            "support", userToken(owner, "support"),
            "accountant", userToken(owner, "accountant"),
            "operator_admin", operatorToken("operator_admin"),
            "operator_accountant", operatorToken("operator_accountant"));
  }

  @Test
  void anonymousCallersGet401Everywhere() {
    for (Operation operation : operations) {
      Response response = call(operation, null);
      assertThat(response.status()).as(operation + " " + response.body()).isEqualTo(401);
      assertThat(response.body()).contains("\"code\":\"unauthorized\"");
    }
  }

  @Test
  void tenantRolesGet403OnEveryOperatorRoute() {
    for (String role : List.of("admin", "responder", "support", "accountant")) {
      for (Operation operation : operations.stream().filter(Operation::operatorRoute).toList()) {
        Response response = call(operation, tokens.get(role));
        assertThat(response.status()).as(role + " " + operation).isEqualTo(403);
      }
    }
  }

  @Test
  void operatorRolesGet403OnEveryTenantRoute() {
    for (String role : List.of("operator_admin", "operator_accountant")) {
      for (Operation operation : operations.stream().filter(o -> !o.operatorRoute()).toList()) {
        Response response = call(operation, tokens.get(role));
        assertThat(response.status()).as(role + " " + operation).isEqualTo(403);
      }
    }
  }

  @Test
  void supportStaffChangeNothing() {
    for (Operation operation : operations.stream().filter(o -> !o.read()).toList()) {
      Response response = call(operation, tokens.get("support"));
      assertThat(response.status()).as(operation.toString()).isEqualTo(403);
    }
  }

  @Test
  void anotherTenantsAdminFindsNothingOfThisTenant() {
    Team other = newTeam(60);
    Map<String, Long> ownersIds =
        Map.of(
            "users", idOfUser(owner, owner.aliceEmail()),
            "services", firstServiceId(owner),
            "escalation_policies", primaryPolicyId(owner),
            "maintenance_windows", maintenanceWindowOf(owner));
    for (Operation operation : operations) {
      if (!operation.read() || operation.operatorRoute()) {
        continue;
      }
      String[] segments = operation.template().split("/");
      if (segments.length < 5 || !ownersIds.containsKey(segments[3])) {
        continue;
      }
      String path =
          operation
              .template()
              .replaceFirst("\\{[^}]+}", String.valueOf(ownersIds.get(segments[3])))
              .replaceAll("\\{[^}]+}", "1");
      Response response = http().get(path, other.token());
      assertThat(response.status()).as(path + " " + response.body()).isIn(403, 404);
      assertThat(response.body()).doesNotContain(owner.aliceEmail());
    }
  }

  @Test
  void theOperatorSeesEveryAccountsBillingButTenantsOnlyTheirOwn() {
    String path = "/api/v1/operator/accounts/" + owner.accountId() + "/invoices";
    assertThat(http().get(path, tokens.get("operator_accountant")).status()).isEqualTo(200);
    assertThat(http().get(path, tokens.get("accountant")).status()).isEqualTo(403);
  }

  private String userToken(Team team, String role) {
    long user =
        setup.createUser(
            team.accountId(), role, role + "-" + team.routingKey() + "@example.com", role);
    return super.tokens.createForUser(team.accountId(), user, role);
  }

  /** The operation with every path variable 1, an empty JSON body for writes. */
  private Response call(Operation operation, String token) {
    String path = operation.template().replaceAll("\\{[^}]+}", "1");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .method(
                operation.method(),
                operation.read()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString("{}"));
    if (token != null) {
      request.header("Authorization", "Token token=" + token);
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
      throw new IllegalStateException(operation.toString(), e);
    }
  }

  /** A maintenance window of the team, for another tenant to look for. */
  private long maintenanceWindowOf(Team team) {
    return http()
        .postJson(
            "/api/v1/maintenance_windows",
            team.token(),
            "{\"starts_at\": \"2030-01-01T00:00:00Z\", \"ends_at\": \"2030-01-01T01:00:00Z\"}")
        .json()
        .at("/maintenance_window/id")
        .asLong();
  }
}
