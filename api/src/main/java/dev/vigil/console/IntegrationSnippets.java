package dev.vigil.console;

import java.util.List;

/**
 * What an admin pastes into a monitoring tool to send a service's events to Vigil, for one
 * integration key. Vigil speaks PagerDuty's Events API v2 at {@code /v2/enqueue}: each tool's own
 * PagerDuty integration, pointed at that URL instead of PagerDuty's, is all it takes.
 *
 * @param eventsUrl Vigil's Events API as monitors reach it: the public URL and {@code /v2/enqueue}
 */
record IntegrationSnippets(String routingKey, String eventsUrl, String receiverName) {

  /** One snippet, with the tool it is for. */
  record Snippet(String id, String title, String hint, String text) {}

  static IntegrationSnippets of(String publicUrl, String serviceName, String routingKey) {
    return new IntegrationSnippets(
        routingKey, publicUrl.replaceAll("/+$", "") + "/v2/enqueue", receiverName(serviceName));
  }

  public List<Snippet> all() {
    return List.of(alertmanager(), grafana(), curl());
  }

  /** Alertmanager's PagerDuty receiver: {@code routing_key} selects Events API v2. */
  Snippet alertmanager() {
    return new Snippet(
        "alertmanager",
        "Prometheus Alertmanager",
        "In alertmanager.yml: a receiver, and a route that sends alerts to it.",
        """
        route:
          receiver: %1$s
        receivers:
          - name: %1$s
            pagerduty_configs:
              - routing_key: %2$s
                url: %3$s
                send_resolved: true
        """
            .formatted(receiverName, routingKey, eventsUrl));
  }

  /** Grafana's contact point of type PagerDuty, as a provisioning file. */
  Snippet grafana() {
    return new Snippet(
        "grafana",
        "Grafana contact point",
        "A provisioning file (provisioning/alerting/vigil.yaml), or the same two fields in a"
            + " PagerDuty contact point: Integration Key, and API URL under optional settings.",
        """
        apiVersion: 1
        contactPoints:
          - orgId: 1
            name: %1$s
            receivers:
              - uid: %1$s
                type: pagerduty
                settings:
                  integrationKey: %2$s
                  url: %3$s
        """
            .formatted(receiverName, routingKey, eventsUrl));
  }

  /** Any Events API v2 client: a trigger, by hand. */
  Snippet curl() {
    return new Snippet(
        "curl",
        "Any Events API v2 client",
        "A test trigger from a shell; resolve it with \"event_action\": \"resolve\" and the same"
            + " dedup_key.",
        """
        curl -X POST %2$s \\
          -H 'Content-Type: application/json' \\
          -d '{"routing_key": "%1$s", "event_action": "trigger",
               "dedup_key": "vigil-test",
               "payload": {"summary": "Test alert from curl", "source": "my-laptop",
                           "severity": "critical"}}'
        """
            .formatted(routingKey, eventsUrl));
  }

  /** A name every tool accepts: lower case letters, digits and dashes. */
  private static String receiverName(String serviceName) {
    String slug = serviceName.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    slug = slug.replaceAll("^-+|-+$", "");
    return "vigil-" + (slug.isEmpty() ? "service" : slug);
  }
}
