package dev.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.support.AppTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The committed contract ({@value #COMMITTED}) is what the running app serves at {@code
 * /v3/api-docs}. After a deliberate change to the API, rewrite it with {@code ./mvnw -pl api -am
 * test -Dtest=OpenApiDocumentTest -Dvigil.openapi.write=true
 * -Dsurefire.failIfNoSpecifiedTests=false} and review the diff: it is the change clients see.
 */
class OpenApiDocumentTest extends AppTestBase {

  static final String COMMITTED = "src/main/resources/openapi/vigil-api.json";
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  @Test
  void theLiveDocumentIsTheCommittedContract() throws IOException {
    var served = http().get("/v3/api-docs", null);
    assertThat(served.status()).as(served.body()).isEqualTo(200);
    JsonNode live = JSON.readTree(served.body());
    Path committed = Path.of(COMMITTED);
    if (Boolean.getBoolean("vigil.openapi.write")) {
      Files.writeString(committed, JSON.writeValueAsString(live) + "\n");
    }
    assertThat(Files.exists(committed))
        .as("%s is missing: write it with -Dvigil.openapi.write=true", COMMITTED)
        .isTrue();
    assertThat(JSON.writeValueAsString(live))
        .as(
            "/v3/api-docs differs from %s: if the API change is deliberate, rewrite it with"
                + " -Dvigil.openapi.write=true and commit the diff",
            COMMITTED)
        .isEqualTo(JSON.writeValueAsString(JSON.readTree(committed.toFile())));
  }

  /**
   * Every answer is described as it is sent: an envelope, never springdoc's "map of anything";
   * every REST operation (the calendar feeds take no token) describes its refusals with the Error
   * schema.
   */
  @Test
  void everyResponseIsAnEnvelopeAndEveryOperationDescribesItsRefusals() {
    JsonNode document = JSON.readTree(http().get("/v3/api-docs", null).body());
    List<String> maps = new ArrayList<>();
    List<String> withoutErrors = new ArrayList<>();
    document
        .get("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        operation -> {
                          String name = operation.getKey() + " " + path.getKey();
                          JsonNode responses = operation.getValue().get("responses");
                          responses
                              .properties()
                              .forEach(
                                  response ->
                                      response
                                          .getValue()
                                          .path("content")
                                          .forEach(
                                              media -> {
                                                if (media
                                                    .path("schema")
                                                    .has("additionalProperties")) {
                                                  maps.add(name);
                                                }
                                              }));
                          if (path.getKey().startsWith("/api/")
                              && !responses
                                  .path("401")
                                  .path("content")
                                  .path("application/json")
                                  .path("schema")
                                  .path("$ref")
                                  .asString()
                                  .equals("#/components/schemas/Error")) {
                            withoutErrors.add(name);
                          }
                        }));
    assertThat(maps).as("responses described as maps").isEmpty();
    assertThat(withoutErrors).as("operations without the error schema").isEmpty();
    assertThat(document.at("/components/schemas/UserView/properties").has("time_zone")).isTrue();
    assertThat(document.at("/components/schemas/ServiceRequest/required").toString())
        .contains("escalation_policy_id");
  }
}
