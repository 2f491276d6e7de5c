package dev.vigil.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The operator's compose file ({@code deploy/compose.yaml}) as an operator depends on it: nothing
 * reachable from beyond the machine, Vigil given everything it needs and started only once its
 * database and Temporal are healthy, every secret and setting in {@code .env.example}.
 */
class ComposeFileTest {

  private static final Path DEPLOY = Path.of("..", "deploy");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(:?[-?][^}]*)?}");

  private final String text = read("compose.yaml");
  private final Map<String, Object> compose = new Yaml().load(text);

  @Test
  void publishesPortsOnLoopbackOnly() {
    List<String> published =
        services().values().stream()
            .flatMap(service -> this.<String>list(service, "ports").stream())
            .toList();
    assertThat(published).as("Vigil, the Temporal UI, the Temporal frontend").hasSize(3);
    assertThat(published).allMatch(port -> port.startsWith("127.0.0.1:"));
  }

  @Test
  void givesVigilItsDatabaseTemporalAndPublicAddresses() {
    Map<String, Object> vigil = service("vigil");
    Map<String, Object> environment = map(vigil, "environment");
    assertThat(environment)
        .containsKeys(
            "SPRING_DATASOURCE_URL",
            "SPRING_DATASOURCE_USERNAME",
            "SPRING_DATASOURCE_PASSWORD",
            "TEMPORAL_ADDRESS",
            "TEMPORAL_UI_URL",
            "VIGIL_PUBLIC_URL",
            "VIGIL_BOOTSTRAP_TOKEN")
        .containsEntry("SERVER_ADDRESS", "0.0.0.0");

    URI database =
        URI.create(environment.get("SPRING_DATASOURCE_URL").toString().substring("jdbc:".length()));
    assertThat(services()).containsKey(database.getHost());
    String user = environment.get("SPRING_DATASOURCE_USERNAME").toString();
    assertThat(read("postgres/init-databases.sh"))
        .as("the role and database Vigil connects with are the ones PostgreSQL is set up with")
        .contains("CREATE ROLE " + user + " LOGIN")
        .contains("CREATE DATABASE " + database.getPath().substring(1) + " OWNER " + user);

    String temporal = environment.get("TEMPORAL_ADDRESS").toString();
    assertThat(services()).containsKey(temporal.substring(0, temporal.indexOf(':')));
    assertThat(list(vigil, "ports")).containsExactly("127.0.0.1:${VIGIL_PORT:-8080}:8080");
  }

  @Test
  void startsVigilOnceItsDatabaseAndTemporalAreReady() {
    Map<String, Object> dependsOn = map(service("vigil"), "depends_on");
    assertThat(condition(dependsOn, "postgres")).isEqualTo("service_healthy");
    assertThat(condition(dependsOn, "temporal")).isEqualTo("service_healthy");
    assertThat(condition(dependsOn, "temporal-namespace"))
        .isEqualTo("service_completed_successfully");
    for (String name : List.of("postgres", "temporal", "vigil")) {
      assertThat(service(name)).as(name).containsKey("healthcheck");
    }
  }

  @Test
  void takesSecretsFromTheEnvFileAndListsEverySettingInTheExample() {
    Set<String> referenced = new HashSet<>();
    Set<String> required = new HashSet<>();
    Matcher matcher = VARIABLE.matcher(text);
    while (matcher.find()) {
      referenced.add(matcher.group(1));
      if (matcher.group(2) != null && matcher.group(2).startsWith(":?")) {
        required.add(matcher.group(1));
      }
    }
    assertThat(required)
        .containsExactlyInAnyOrder(
            "POSTGRES_PASSWORD",
            "VIGIL_DB_PASSWORD",
            "TEMPORAL_DB_PASSWORD",
            "VIGIL_BOOTSTRAP_TOKEN");

    Set<String> example = new HashSet<>();
    for (String line : read(".env.example").lines().toList()) {
      if (!line.isBlank() && !line.startsWith("#")) {
        example.add(line.substring(0, line.indexOf('=')));
      }
    }
    assertThat(example).as("every setting compose.yaml reads").containsAll(referenced);
    assertThat(read(".env.example"))
        .as("the example carries no secret")
        .containsPattern("(?m)^POSTGRES_PASSWORD=$")
        .containsPattern("(?m)^VIGIL_DB_PASSWORD=$")
        .containsPattern("(?m)^TEMPORAL_DB_PASSWORD=$")
        .containsPattern("(?m)^VIGIL_BOOTSTRAP_TOKEN=$");
  }

  private static String condition(Map<String, Object> dependsOn, String service) {
    return String.valueOf(map(dependsOn, service).get("condition"));
  }

  private Map<String, Object> services() {
    return map(compose, "services");
  }

  private Map<String, Object> service(String name) {
    return map(services(), name);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object parent, String key) {
    Object value = ((Map<String, Object>) parent).get(key);
    assertThat(value).as(key).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private <T> List<T> list(Object parent, String key) {
    return (List<T>) ((Map<String, Object>) parent).getOrDefault(key, List.of());
  }

  private static String read(String file) {
    try {
      return Files.readString(DEPLOY.resolve(file));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read deploy/" + file, e);
    }
  }
}
