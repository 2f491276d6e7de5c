package dev.vigil.slack.delivery;

import dev.vigil.slack.delivery.SlackStore.IncidentCard;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An incident as a Slack message in Block Kit: a header with its number and title, its service,
 * urgency, status and priority, who acknowledged or resolved it, a link to its console page, and
 * Acknowledge / Resolve buttons while they still apply (none once resolved).
 */
public final class SlackMessages {

  /** The buttons' action ids; their value is the incident's number in its account. */
  public static final String ACKNOWLEDGE = "vigil_acknowledge";

  public static final String RESOLVE = "vigil_resolve";

  /** Slack's limit for a header's text. */
  private static final int HEADER_MAX = 150;

  private SlackMessages() {}

  /** The body of {@code chat.postMessage}, or of {@code chat.update} when {@code ts} is given. */
  public static ObjectNode message(
      SlackApi api, String channel, String ts, IncidentCard incident, String consoleUrl) {
    ObjectNode message = api.object();
    message.put("channel", channel);
    if (ts != null) {
      message.put("ts", ts);
    }
    message.put(
        "text",
        escape(
            "Incident #"
                + incident.number()
                + ": "
                + incident.title()
                + " ("
                + incident.status()
                + ")"));
    ArrayNode blocks = message.putArray("blocks");

    ObjectNode header = blocks.addObject();
    header.put("type", "header");
    header.set("text", plain(api, cut("#" + incident.number() + " " + incident.title())));

    ObjectNode facts = blocks.addObject();
    facts.put("type", "section");
    ArrayNode fields = facts.putArray("fields");
    fields.add(mrkdwn(api, "*Service*\n" + escape(incident.serviceName())));
    fields.add(mrkdwn(api, "*Urgency*\n" + escape(incident.urgency())));
    fields.add(mrkdwn(api, "*Status*\n" + statusLine(incident.status())));
    if (incident.priority() != null) {
      fields.add(mrkdwn(api, "*Priority*\n" + escape(incident.priority())));
    }

    ObjectNode context = blocks.addObject();
    context.put("type", "context");
    String who =
        incident.by() == null || "triggered".equals(incident.status())
            ? ""
            : capitalized(incident.status()) + " by " + escape(incident.by()) + " · ";
    context.putArray("elements").add(mrkdwn(api, who + "<" + consoleUrl + "|Open in Vigil>"));

    if (!"resolved".equals(incident.status())) {
      ObjectNode actions = blocks.addObject();
      actions.put("type", "actions");
      actions.put("block_id", "vigil_incident_actions");
      ArrayNode buttons = actions.putArray("elements");
      String value = Long.toString(incident.number());
      if ("triggered".equals(incident.status())) {
        buttons.add(button(api, ACKNOWLEDGE, "Acknowledge", value, "primary"));
      }
      buttons.add(button(api, RESOLVE, "Resolve", value, "danger"));
    }
    return message;
  }

  /** A note, answered in the incident message's thread. */
  public static ObjectNode threadReply(
      SlackApi api, String channel, String threadTs, String note, String by) {
    ObjectNode reply = api.object();
    reply.put("channel", channel);
    reply.put("thread_ts", threadTs);
    reply.put("text", escape((by == null ? "Note" : "Note by " + by) + ": " + note));
    return reply;
  }

  private static String statusLine(String status) {
    return switch (status) {
      case "triggered" -> ":red_circle: Triggered";
      case "acknowledged" -> ":large_yellow_circle: Acknowledged";
      case "resolved" -> ":large_green_circle: Resolved";
      default -> escape(status);
    };
  }

  private static ObjectNode button(
      SlackApi api, String actionId, String text, String value, String style) {
    ObjectNode button = api.object();
    button.put("type", "button");
    button.put("action_id", actionId);
    button.set("text", plain(api, text));
    button.put("value", value);
    button.put("style", style);
    return button;
  }

  private static ObjectNode plain(SlackApi api, String text) {
    ObjectNode node = api.object();
    node.put("type", "plain_text");
    node.put("text", text);
    node.put("emoji", true);
    return node;
  }

  private static ObjectNode mrkdwn(SlackApi api, String text) {
    ObjectNode node = api.object();
    node.put("type", "mrkdwn");
    node.put("text", text);
    return node;
  }

  private static String cut(String text) {
    return text.length() <= HEADER_MAX ? text : text.substring(0, HEADER_MAX - 1) + "…";
  }

  private static String capitalized(String word) {
    return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  /** Slack reads {@code &}, {@code <} and {@code >} as markup: these three are escaped. */
  static String escape(String text) {
    return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
