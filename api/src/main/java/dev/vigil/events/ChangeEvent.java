package dev.vigil.events;

import java.time.Instant;

/**
 * A validated Change Events request (PagerDuty's {@code POST /v2/change/enqueue}).
 *
 * @param timestamp null when the sender gave none
 * @param customDetailsJson raw JSON text of {@code payload.custom_details}, or null
 * @param linksJson raw JSON array text of {@code links}, or null
 */
public record ChangeEvent(
    String routingKey,
    String summary,
    String source,
    Instant timestamp,
    String customDetailsJson,
    String linksJson) {}
