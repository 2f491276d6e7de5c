package dev.vigil.slack.web;

import dev.vigil.slack.delivery.SlackStore;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** An account's Slack connection as its people see it: never its secrets. */
@Schema(name = "SlackConnectionView")
record SlackConnectionView(
    @Schema(description = "The Slack workspace (team) id, T...") String workspaceId,
    @Schema(description = "Always true: a connection has a bot token, which is never shown")
        boolean botTokenSet,
    @Schema(description = "Always true: a connection has a signing secret, which is never shown")
        boolean signingSecretSet,
    Instant updatedAt,
    @Schema(
            description =
                "The last delivery Slack refused or that ran out of retries (e.g."
                    + " channel_not_found), with its incident; null when none since the last change",
            nullable = true)
        String lastError,
    @Schema(nullable = true) Instant lastErrorAt,
    @Schema(description = "Timeline entries that could not be shown in Slack")
        int failedDeliveries) {

  static SlackConnectionView of(SlackStore.Connection connection, int failed) {
    return new SlackConnectionView(
        connection.teamId(),
        true,
        true,
        connection.updatedAt(),
        connection.lastError(),
        connection.lastErrorAt(),
        failed);
  }
}
