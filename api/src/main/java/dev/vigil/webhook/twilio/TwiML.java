package dev.vigil.webhook.twilio;

/** The few TwiML answers Vigil gives, with their text escaped. */
final class TwiML {

  private TwiML() {}

  static String message(String text) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>"
        + escape(text)
        + "</Message></Response>";
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&apos;");
  }
}
