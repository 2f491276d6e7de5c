package dev.vigil.events;

import java.time.Instant;
import java.util.Objects;

/**
 * The {@code payload} object of a trigger event.
 *
 * @param timestamp null when the sender did not supply one (Alertmanager never does).
 * @param eventClass the wire field {@code class}, renamed because it is a Java keyword.
 * @param customDetailsJson raw JSON text of {@code custom_details}; kept as text because PagerDuty
 *     accepts any JSON value there and we only store and display it.
 */
public record EventPayload(
    String summary,
    String source,
    Severity severity,
    Instant timestamp,
    String component,
    String group,
    String eventClass,
    String customDetailsJson) {

  public EventPayload {
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(severity, "severity");
  }
}
