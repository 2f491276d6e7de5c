package dev.vigil.change.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A change event as the REST API shows it. {@code timestamp}: when the change happened, as its
 * sender said, else when it arrived.
 */
record ChangeEventView(
    long id,
    ServiceRef service,
    String summary,
    String source,
    Instant timestamp,
    @Schema(description = "payload.custom_details as sent: any JSON value") Object customDetails,
    List<LinkView> links,
    Instant receivedAt) {

  record ServiceRef(long id, String name) {}

  record LinkView(String href, String text) {}
}
