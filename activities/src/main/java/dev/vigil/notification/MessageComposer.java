package dev.vigil.notification;

import java.util.List;

/** The words of a page, per channel. */
final class MessageComposer {

  /** A page costs at most this many SMS segments: a long title is cut to fit. */
  static final int MAX_SEGMENTS = 2;

  static final String CUT = "...";

  private MessageComposer() {}

  /** How to answer a page by SMS (the Twilio SMS webhook understands it). */
  static final String REPLY_HINT = " Reply 4 to ack, 6 to resolve.";

  static String sms(PageContext page) {
    String head =
        "Vigil #"
            + page.incidentNumber()
            + " "
            + page.urgency().toUpperCase(java.util.Locale.ROOT)
            + " "
            + page.serviceName()
            + ": ";
    String text = head + page.title() + REPLY_HINT;
    if (SmsSegments.count(text) <= MAX_SEGMENTS) {
      return text;
    }
    // Cut at a code point boundary until it fits (a character outside GSM-7 halves the room).
    String title = page.title();
    int end = title.offsetByCodePoints(0, Math.min(title.codePointCount(0, title.length()), 306));
    while (end > 0
        && SmsSegments.count(head + title.substring(0, end) + CUT + REPLY_HINT) > MAX_SEGMENTS) {
      end = title.offsetByCodePoints(end, -1);
    }
    return head + title.substring(0, end).stripTrailing() + CUT + REPLY_HINT;
  }

  /** Spoken by a voice call: no abbreviations a speech engine would spell out. */
  static String voice(PageContext page) {
    return "This is Vigil. Incident "
        + page.incidentNumber()
        + ", "
        + page.urgency()
        + " urgency, on "
        + page.serviceName()
        + ": "
        + page.title()
        + ".";
  }

  static String emailSubject(PageContext page) {
    return "[Vigil] #" + page.incidentNumber() + " triggered: " + page.title();
  }

  static String emailBody(PageContext page, List<EmailLinks.Link> links) {
    StringBuilder text =
        new StringBuilder(
            """
            Incident #%d is triggered and assigned to you.

            Service:  %s
            Urgency:  %s
            Summary:  %s

            Acknowledge it to stop the escalation.
            """
                .formatted(
                    page.incidentNumber(), page.serviceName(), page.urgency(), page.title()));
    if (!links.isEmpty()) {
      text.append('\n');
      links.forEach(link -> text.append(link.label()).append(": ").append(link.url()).append('\n'));
    }
    return text.toString();
  }

  static String emailHtml(PageContext page, List<EmailLinks.Link> links) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html><html><body>")
        .append("<p>Incident <strong>#")
        .append(page.incidentNumber())
        .append("</strong> is triggered and assigned to you.</p>")
        .append("<table>")
        .append(row("Service", page.serviceName()))
        .append(row("Urgency", page.urgency()))
        .append(row("Summary", page.title()))
        .append("</table>")
        .append("<p>Acknowledge it to stop the escalation.</p>");
    if (!links.isEmpty()) {
      html.append("<p>");
      links.forEach(
          link ->
              html.append("<a href=\"")
                  .append(escape(link.url()))
                  .append("\">")
                  .append(escape(link.label()))
                  .append("</a> "));
      html.append("</p>");
    }
    return html.append("</body></html>").toString();
  }

  private static String row(String label, String value) {
    return "<tr><th align=\"left\">" + label + "</th><td>" + escape(value) + "</td></tr>";
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  /** What a page is about, read at send time. */
  record PageContext(long incidentNumber, String title, String urgency, String serviceName) {}
}
