package dev.vigil.temporal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Links into a Temporal UI ({@code vigil.temporal.ui-url}), when one is known: a workflow run's
 * history page, {@code <ui>/namespaces/<ns>/workflows/<workflow id>/<run id>/history}.
 */
public final class TemporalUiLinks {

  private final String uiUrl;
  private final String namespace;

  public TemporalUiLinks(String uiUrl, String namespace) {
    this.uiUrl = uiUrl == null ? "" : uiUrl.strip().replaceAll("/+$", "");
    this.namespace = namespace;
  }

  /** The run's history page; empty when no UI is configured. */
  public Optional<String> workflowRun(String workflowId, String runId) {
    if (uiUrl.isEmpty() || workflowId == null || runId == null) {
      return Optional.empty();
    }
    return Optional.of(
        uiUrl
            + "/namespaces/"
            + segment(namespace)
            + "/workflows/"
            + segment(workflowId)
            + "/"
            + segment(runId)
            + "/history");
  }

  /** One path segment: URLEncoder writes a space as {@code +}, a path wants {@code %20}. */
  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
