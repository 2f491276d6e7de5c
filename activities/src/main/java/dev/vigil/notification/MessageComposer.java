package dev.vigil.notification;

/** The words of a page, per channel. */
final class MessageComposer {

  /** One GSM-7 segment; a longer title is cut so a page never costs more than one or two. */
  static final int SMS_LIMIT = 160;

  private MessageComposer() {}

  static String sms(PageContext page) {
    String head =
        "Vigil #"
            + page.incidentNumber()
            + " "
            + page.urgency().toUpperCase()
            + " "
            + page.serviceName()
            + ": ";
    String text = head + page.title();
    return text.length() <= SMS_LIMIT ? text : text.substring(0, SMS_LIMIT - 1) + "…";
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

  static String emailBody(PageContext page) {
    return """
        Incident #%d is triggered and assigned to you.

        Service:  %s
        Urgency:  %s
        Summary:  %s

        Acknowledge it to stop the escalation.
        """
        .formatted(page.incidentNumber(), page.serviceName(), page.urgency(), page.title());
  }

  /** What a page is about, read at send time. */
  record PageContext(long incidentNumber, String title, String urgency, String serviceName) {}
}
