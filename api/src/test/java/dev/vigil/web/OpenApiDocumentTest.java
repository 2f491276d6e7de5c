package dev.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.support.AppTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The committed contract ({@value #COMMITTED}) is what the running app serves at
 * {@code /v3/api-docs}. After a deliberate change to the API, rewrite it with
 * {@code ./mvnw -pl api -am test -Dtest=OpenApiDocumentTest -Dvigil.openapi.write=true
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
}
