package dev.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed contract lints clean with Spectral's OpenAPI rules ({@code spectral.yaml}: warnings
 * fail too), the linter API teams run in their own pipelines. {@code .ci/run} installs it ({@code
 * npm install -g @stoplight/spectral-cli@6.16.3}).
 */
class OpenApiLintTest {

  private static final Path RULESET = Path.of("spectral.yaml");

  @TempDir Path dir;

  @Test
  void theCommittedContractLintsClean() throws Exception {
    Lint lint = lint(Path.of(OpenApiDocumentTest.COMMITTED));
    assertThat(lint.exitCode()).as(lint.output()).isZero();
  }

  /** The same run finds what it is there to find: a document with an undeclared tag fails. */
  @Test
  void aDocumentWithAnUndeclaredTagFails() throws Exception {
    String committed = Files.readString(Path.of(OpenApiDocumentTest.COMMITTED));
    Path broken = dir.resolve("broken.json");
    Files.writeString(
        broken, committed.replaceFirst("\"tags\" : \\[ \"", "\"tags\" : [ \"Undeclared tag\", \""));
    Lint lint = lint(broken);
    assertThat(lint.exitCode()).as(lint.output()).isNotZero();
    assertThat(lint.output()).contains("operation-tag-defined");
  }

  private record Lint(int exitCode, String output) {}

  private Lint lint(Path document) throws IOException, InterruptedException {
    Process spectral;
    try {
      spectral =
          new ProcessBuilder(
                  List.of(
                      "spectral",
                      "lint",
                      "--ruleset",
                      RULESET.toString(),
                      "--fail-severity",
                      "warn",
                      document.toString()))
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "Spectral is not installed: npm install -g @stoplight/spectral-cli@6.16.3", e);
    }
    String output = new String(spectral.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(spectral.waitFor(2, TimeUnit.MINUTES)).as("spectral finished").isTrue();
    return new Lint(spectral.exitValue(), output);
  }
}
