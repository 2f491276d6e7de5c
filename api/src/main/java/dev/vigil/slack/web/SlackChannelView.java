package dev.vigil.slack.web;

import io.swagger.v3.oas.annotations.media.Schema;

/** The Slack channel a service's incidents are posted to. */
@Schema(name = "SlackChannelView")
record SlackChannelView(long serviceId, @Schema(description = "C..., G...") String channelId) {}
