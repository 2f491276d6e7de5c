package dev.vigil.notification.delivery;

import java.util.List;

/**
 * What the monitoring tool said about the alert that opened an incident, for the page's email: its
 * custom details as key/value pairs (a value that is not text is its JSON), its links and where the
 * tool shows it. Read at send time; never in an SMS or a call.
 *
 * @param details in the order of their keys; at most {@link #MAX_DETAILS}, each value at most
 *     {@link #MAX_VALUE} characters
 * @param moreDetails keys left out for room
 * @param alertCount alerts the incident holds, the opening one included
 */
public record AlertDetails(
    String severity,
    String source,
    String component,
    String group,
    String eventClass,
    List<Detail> details,
    int moreDetails,
    List<Link> links,
    String client,
    String clientUrl,
    int alertCount) {

  static final int MAX_DETAILS = 40;
  static final int MAX_VALUE = 1000;

  public record Detail(String key, String value) {}

  /** {@code text}: what to show; the URL itself when the sender gave no text. */
  public record Link(String href, String text) {}

  /** A link a mail client may open: http, https or mailto. Anything else is shown as text. */
  static boolean clickable(String href) {
    String lower = href == null ? "" : href.strip().toLowerCase(java.util.Locale.ROOT);
    return lower.startsWith("https://")
        || lower.startsWith("http://")
        || lower.startsWith("mailto:");
  }

  /** Cut to {@link #MAX_VALUE} characters, at a code point boundary. */
  static String shortened(String value) {
    if (value == null || value.length() <= MAX_VALUE) {
      return value;
    }
    int end = value.offsetByCodePoints(0, value.codePointCount(0, MAX_VALUE - 1));
    return value.substring(0, end) + "…";
  }
}
