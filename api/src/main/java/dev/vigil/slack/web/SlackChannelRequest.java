package dev.vigil.slack.web;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(name = "SlackChannelRequest")
record SlackChannelRequest(
    @Schema(
            description =
                "The channel's id (C... or G..., from the channel's details in Slack); invite"
                    + " the app to it")
        String channelId) {}
