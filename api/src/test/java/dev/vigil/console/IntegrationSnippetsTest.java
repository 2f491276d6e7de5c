package dev.vigil.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The snippets are pasted as they are: each must parse in its own format and put the key and the
 * Events API URL where the tool reads them.
 */
class IntegrationSnippetsTest {

  private static final String KEY = "5bf0d02fe95349f1978ada79a87b66e0";

  private final IntegrationSnippets snippets =
      IntegrationSnippets.of("https://vigil.example.com/", "Checkout (EU) ", KEY);

  @Test
  void alertmanagerRoutesToAPagerDutyReceiverThatPointsAtVigil() {
    Map<String, Object> config = new Yaml().load(snippets.alertmanager().text());
    @SuppressWarnings("unchecked")
    var receiver = ((List<Map<String, Object>>) config.get("receivers")).get(0);
    @SuppressWarnings("unchecked")
    var pagerduty = ((List<Map<String, Object>>) receiver.get("pagerduty_configs")).get(0);
    assertThat(receiver.get("name")).isEqualTo("vigil-checkout-eu");
    assertThat(config.get("route")).isEqualTo(Map.of("receiver", "vigil-checkout-eu"));
    assertThat(pagerduty)
        .containsEntry("routing_key", KEY)
        .containsEntry("url", "https://vigil.example.com/v2/enqueue")
        .containsEntry("send_resolved", true)
        .doesNotContainKey("service_key"); // Events API v1: not what Vigil speaks
  }

  @Test
  void grafanaProvisionsAPagerDutyContactPointWithVigilsUrl() {
    Map<String, Object> file = new Yaml().load(snippets.grafana().text());
    @SuppressWarnings("unchecked")
    var contactPoint = ((List<Map<String, Object>>) file.get("contactPoints")).get(0);
    @SuppressWarnings("unchecked")
    var receiver = ((List<Map<String, Object>>) contactPoint.get("receivers")).get(0);
    assertThat(file.get("apiVersion")).isEqualTo(1);
    assertThat(receiver.get("type")).isEqualTo("pagerduty");
    assertThat(receiver.get("settings"))
        .isEqualTo(Map.of("integrationKey", KEY, "url", "https://vigil.example.com/v2/enqueue"));
  }

  @Test
  void curlSendsAnEventsApiTriggerWithTheKey() {
    String command = snippets.curl().text();
    assertThat(command).startsWith("curl -X POST https://vigil.example.com/v2/enqueue ");
    String body = command.substring(command.indexOf("-d '") + 4, command.lastIndexOf('\''));
    JsonNode event = JsonMapper.builder().build().readTree(body);
    assertThat(event.get("routing_key").asString()).isEqualTo(KEY);
    assertThat(event.get("event_action").asString()).isEqualTo("trigger");
    assertThat(event.at("/payload/severity").asString()).isEqualTo("critical");
  }
}
