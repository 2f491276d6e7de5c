package dev.vigil.notification.delivery;

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
    return sms(page, List.of());
  }

  /**
   * A page that carries held ones: "Vigil #41 HIGH Checkout: Disk full (+6 more: #42 #43 ...)". The
   * list of numbers is cut before the title is, and the count always stays.
   */
  static String sms(PageContext page, List<PageContext> others) {
    String head =
        "Vigil #"
            + page.incidentNumber()
            + " "
            + page.urgency().toUpperCase(java.util.Locale.ROOT)
            + " "
            + page.serviceName()
            + ": ";
    String tail = moreNote(others) + REPLY_HINT;
    String text = head + page.title() + tail;
    if (SmsSegments.count(text) <= MAX_SEGMENTS) {
      return text;
    }
    // Cut at a code point boundary until it fits (a character outside GSM-7 halves the room).
    String title = page.title();
    int end = title.offsetByCodePoints(0, Math.min(title.codePointCount(0, title.length()), 306));
    while (end > 0
        && SmsSegments.count(head + title.substring(0, end) + CUT + tail) > MAX_SEGMENTS) {
      end = title.offsetByCodePoints(end, -1);
    }
    return head + title.substring(0, end).stripTrailing() + CUT + tail;
  }

  /** Room the list of carried incidents may take in an SMS, so the page's own title still shows. */
  static final int MORE_NOTE_LENGTH = 100;

  /** " (+6 more: #42 #43 #44)", numbers left out from the end when they do not fit. */
  private static String moreNote(List<PageContext> others) {
    if (others.isEmpty()) {
      return "";
    }
    String count = " (+" + others.size() + " more:";
    StringBuilder numbers = new StringBuilder();
    for (PageContext other : others) {
      String next = " #" + other.incidentNumber();
      if (count.length() + numbers.length() + next.length() + CUT.length() + 2 > MORE_NOTE_LENGTH) {
        return count + numbers + " " + CUT + ")";
      }
      numbers.append(next);
    }
    return count + numbers + ")";
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

  /** A call names a few carried incidents, then how many more. */
  static final int SPOKEN_OTHERS = 5;

  static String voice(PageContext page, List<PageContext> others) {
    if (others.isEmpty()) {
      return voice(page);
    }
    List<String> named =
        others.stream().limit(SPOKEN_OTHERS).map(o -> String.valueOf(o.incidentNumber())).toList();
    String rest =
        others.size() > SPOKEN_OTHERS ? ", and " + (others.size() - SPOKEN_OTHERS) + " more" : "";
    return voice(page)
        + " "
        + others.size()
        + (others.size() == 1 ? " more incident is" : " more incidents are")
        + " triggered for you: "
        + String.join(", ", named)
        + rest
        + ".";
  }

  static String emailSubject(PageContext page) {
    return "[Vigil] #" + page.incidentNumber() + " triggered: " + page.title();
  }

  static String emailSubject(PageContext page, List<PageContext> others) {
    return others.isEmpty()
        ? emailSubject(page)
        : emailSubject(page) + " (+" + others.size() + " more)";
  }

  /** The email of a page, followed by the held pages it carries, one line each. */
  static String emailBody(PageContext page, List<EmailLinks.Link> links, List<PageContext> others) {
    return emailBody(page, null, links, others);
  }

  /** As above, with what the monitoring tool said about the alert ({@code details} may be null). */
  static String emailBody(
      PageContext page,
      AlertDetails details,
      List<EmailLinks.Link> links,
      List<PageContext> others) {
    String body = emailBody(page, details, links);
    if (others.isEmpty()) {
      return body;
    }
    StringBuilder text = new StringBuilder(body).append('\n').append(MORE_HEADING).append('\n');
    others.forEach(other -> text.append("  ").append(oneLine(other)).append('\n'));
    return text.toString();
  }

  static String emailHtml(PageContext page, List<EmailLinks.Link> links, List<PageContext> others) {
    return emailHtml(page, null, links, others);
  }

  static String emailHtml(
      PageContext page,
      AlertDetails details,
      List<EmailLinks.Link> links,
      List<PageContext> others) {
    String html = emailHtml(page, details, links);
    if (others.isEmpty()) {
      return html;
    }
    StringBuilder more = new StringBuilder("<p>").append(escape(MORE_HEADING)).append("</p><ul>");
    others.forEach(other -> more.append("<li>").append(escape(oneLine(other))).append("</li>"));
    more.append("</ul>");
    return html.replace("</div></body>", more + "</div></body>");
  }

  static final String MORE_HEADING =
      "Also triggered and assigned to you (held by your page budget):";

  /** "#42 HIGH Checkout: Disk full on db-1". */
  private static String oneLine(PageContext page) {
    return "#"
        + page.incidentNumber()
        + " "
        + page.urgency().toUpperCase(java.util.Locale.ROOT)
        + " "
        + page.serviceName()
        + ": "
        + page.title();
  }

  static String emailBody(PageContext page, List<EmailLinks.Link> links) {
    return emailBody(page, null, links);
  }

  static String emailBody(PageContext page, AlertDetails details, List<EmailLinks.Link> links) {
    StringBuilder text =
        new StringBuilder(
            """
            Incident #%d is triggered and assigned to you.

            Service:  %s
            Urgency:  %s
            Summary:  %s
            """
                .formatted(
                    page.incidentNumber(), page.serviceName(), page.urgency(), page.title()));
    if (details != null) {
      text.append(AlertDetailsText.text(details));
    }
    text.append("\nAcknowledge it to stop the escalation.\n");
    if (!links.isEmpty()) {
      text.append('\n');
      links.forEach(link -> text.append(link.label()).append(": ").append(link.url()).append('\n'));
    }
    return text.toString();
  }

  static String emailHtml(PageContext page, List<EmailLinks.Link> links) {
    return emailHtml(page, null, links);
  }

  /**
   * Simple enough for any mail client and a phone's width: one column, inline styles, no images or
   * other assets to fetch, long values wrapped. Everything sent by a monitoring tool is escaped.
   */
  static String emailHtml(PageContext page, AlertDetails details, List<EmailLinks.Link> links) {
    StringBuilder html = new StringBuilder();
    html.append(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "</head><body style=\"margin:0;padding:0\">"
                + "<div style=\"max-width:600px;margin:0 auto;padding:12px;"
                + "font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.4;"
                + "color:#222\">")
        .append("<p style=\"margin:0 0 12px\">Incident <strong>#")
        .append(page.incidentNumber())
        .append("</strong> is triggered and assigned to you.</p>");
    if (!links.isEmpty()) {
      html.append("<p style=\"margin:0 0 12px\">");
      links.forEach(
          link ->
              html.append("<a href=\"")
                  .append(escape(link.url()))
                  .append("\" style=\"")
                  .append(BUTTON)
                  .append("\">")
                  .append(escape(link.label()))
                  .append("</a> "));
      html.append("</p>");
    }
    html.append(TABLE)
        .append(row("Service", page.serviceName()))
        .append(row("Urgency", page.urgency()))
        .append(row("Summary", page.title()));
    if (details != null) {
      html.append(AlertDetailsText.htmlRows(details));
    }
    html.append("</table>");
    if (details != null) {
      html.append(AlertDetailsText.htmlSections(details));
    }
    html.append("<p style=\"margin:12px 0 0\">Acknowledge it to stop the escalation.</p>");
    return html.append("</div></body></html>").toString();
  }

  /** A tappable button, drawn with inline styles only. */
  static final String BUTTON =
      "display:inline-block;margin:0 8px 8px 0;padding:10px 16px;background:#1f6feb;"
          + "color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold";

  static final String TABLE =
      "<table role=\"presentation\" style=\"width:100%;border-collapse:collapse;"
          + "table-layout:fixed\">";

  static String row(String label, String value) {
    return "<tr><th align=\"left\" style=\"width:30%;padding:4px 8px 4px 0;vertical-align:top;"
        + "word-break:break-word\">"
        + escape(label)
        + "</th><td style=\"padding:4px 0;vertical-align:top;word-break:break-word;"
        + "white-space:pre-wrap\">"
        + escape(value)
        + "</td></tr>";
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
