package dev.vigil.slack.web;

import io.swagger.v3.oas.annotations.media.Schema;

/** An admin's Slack app: its workspace, bot token and signing secret. */
@Schema(name = "SlackConnectionRequest")
record SlackConnectionRequest(
    @Schema(description = "The Slack workspace (team) id, T followed by letters and digits")
        String workspaceId,
    @Schema(
            description =
                "The app's bot token (xoxb-...), with the chat:write and users:read.email"
                    + " scopes. Required the first time; omitted, the stored one is kept.")
        String botToken,
    @Schema(
            description =
                "The app's signing secret (Basic Information). Required the first time; omitted,"
                    + " the stored one is kept.")
        String signingSecret) {}
