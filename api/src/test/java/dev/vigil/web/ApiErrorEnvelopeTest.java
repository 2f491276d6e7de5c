package dev.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.support.AppTestBase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Over HTTP, every refusal a client can meet is the API's JSON error envelope {@code {"error":
 * {"code", "message", "errors"}}}, and no {@code Accept} header turns the API into XML.
 */
class ApiErrorEnvelopeTest extends AppTestBase {

  private static final String BROWSER_ACCEPT =
      "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Team team;

  @BeforeEach
  void team() {
    team = newTeam(60);
  }

  @Test
  void aBrowsersAcceptGetsJsonInSnakeCase() {
    HttpResponse<String> response = send("GET", "/api/v1/users", "Accept", BROWSER_ACCEPT);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(response.body()).startsWith("{").contains("\"time_zone\"").doesNotContain("<");
  }

  @Test
  void anAcceptWithoutJsonIs406InTheEnvelopeAsJson() {
    for (String accept : new String[] {"application/xml", "text/html"}) {
      HttpResponse<String> response = send("GET", "/api/v1/users", "Accept", accept);
      assertThat(response.statusCode()).as(accept).isEqualTo(406);
      assertEnvelope(response, "not_acceptable");
    }
  }

  @Test
  void anUnknownRouteIs404InTheEnvelope() {
    assertThat(
            error(send("GET", "/api/v1/no-such-thing"), 404, "not_found")
                .path("message")
                .asString())
        .isEqualTo("No route GET /api/v1/no-such-thing");
    // Outside the API a page is the console's: nobody logged in is sent to the login page.
    HttpResponse<String> page = send("GET", "/no-such-page");
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
  }

  @Test
  void aWrongMethodIs405WithAllowInTheEnvelope() {
    HttpResponse<String> response =
        send("PATCH", "/api/v1/users", "Content-Type", "application/json");
    error(response, 405, "method_not_allowed");
    assertThat(response.headers().firstValue("Allow"))
        .hasValueSatisfying(allow -> assertThat(allow).contains("GET", "POST"));
  }

  @Test
  void aWrongMediaTypeIs415InTheEnvelope() {
    HttpResponse<String> response =
        send(
            "POST",
            "/api/v1/users",
            BodyPublishers.ofString("name=Carol"),
            "Content-Type",
            "application/x-www-form-urlencoded");
    assertThat(error(response, 415, "unsupported_media_type").path("message").asString())
        .contains("application/json");
  }

  @Test
  void anUnparseableBodyIs400() {
    JsonNode error =
        error(
            send(
                "POST",
                "/api/v1/users",
                BodyPublishers.ofString("{\"name\": "),
                "Content-Type",
                "application/json"),
            400,
            "invalid_request");
    assertThat(error.path("errors").get(0).asString()).isEqualTo("Body is not valid JSON");
  }

  @Test
  void aWronglyTypedFieldIs400NamingTheField() {
    JsonNode error =
        error(
            send(
                "POST",
                "/api/v1/escalation_policies",
                BodyPublishers.ofString("{\"name\": \"P\", \"repeat_count\": \"twice\"}"),
                "Content-Type",
                "application/json"),
            400,
            "invalid_request");
    assertThat(error.path("errors").get(0).asString())
        .isEqualTo("'repeat_count' has the wrong type or format");
  }

  @Test
  void aMissingParameterAndAWronglyTypedOneAre400NamingThem() {
    JsonNode missing =
        error(send("GET", "/api/v1/billing/export.csv?from=2026-01-01"), 400, "invalid_request");
    assertThat(missing.path("errors").get(0).asString()).isEqualTo("'to' is required");
    JsonNode typed = error(send("GET", "/api/v1/users?limit=many"), 400, "invalid_request");
    assertThat(typed.path("errors").get(0).asString()).isEqualTo("'limit' has an invalid value");
  }

  @Test
  void aBodyOverOneMegabyteIs413InTheEnvelopeDeclaredOrChunked() {
    byte[] big = new byte[(int) RequestSizeLimit.MAX_BODY_BYTES + 10];
    java.util.Arrays.fill(big, (byte) ' ');
    error(
        send(
            "POST",
            "/api/v1/users",
            BodyPublishers.ofByteArray(big),
            "Content-Type",
            "application/json"),
        413,
        "too_large");
    BodyPublisher chunked = BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big));
    error(
        send("POST", "/api/v1/users", chunked, "Content-Type", "application/json"),
        413,
        "too_large");
  }

  private JsonNode error(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return assertEnvelope(response, code);
  }

  private static JsonNode assertEnvelope(HttpResponse<String> response, String code) {
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.propertyNames()).containsExactly("error");
    JsonNode error = body.get("error");
    assertThat(error.path("code").asString()).isEqualTo(code);
    assertThat(error.path("message").asString()).isNotBlank();
    assertThat(error.path("errors").isArray()).isTrue();
    return error;
  }

  private HttpResponse<String> send(String method, String path, String... headers) {
    return send(method, path, BodyPublishers.noBody(), headers);
  }

  private HttpResponse<String> send(
      String method, String path, BodyPublisher body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Token token=" + team.token())
            .method(method, body);
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
