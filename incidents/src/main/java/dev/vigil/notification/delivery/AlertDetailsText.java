package dev.vigil.notification.delivery;

import static dev.vigil.notification.delivery.MessageComposer.escape;
import static dev.vigil.notification.delivery.MessageComposer.row;

import java.util.ArrayList;
import java.util.List;

/**
 * The alert's details in a page's email (lines in the text part, rows and lists in the HTML) and on
 * the email link's page, which shows them the same way.
 */
public final class AlertDetailsText {

  private AlertDetailsText() {}

  /** A full-width table of label/value rows, as the email's; close it with {@code </table>}. */
  public static final String TABLE = MessageComposer.TABLE;

  /** One escaped row of such a table. */
  public static String htmlRow(String label, String value) {
    return row(label, value);
  }

  /** Text made safe inside HTML, attributes included. */
  public static String html(String text) {
    return escape(text);
  }

  /** Follows the "Summary:" line. */
  static String text(AlertDetails alert) {
    StringBuilder text = new StringBuilder();
    for (String[] field : fields(alert)) {
      text.append("%-9s %s%n".formatted(field[0] + ":", field[1]).replace("\r\n", "\n"));
    }
    if (!alert.details().isEmpty()) {
      text.append("\nDetails:\n");
      alert
          .details()
          .forEach(
              d -> text.append("  ").append(d.key()).append(": ").append(d.value()).append('\n'));
      if (alert.moreDetails() > 0) {
        text.append("  (").append(alert.moreDetails()).append(" more in Vigil)\n");
      }
    }
    List<AlertDetails.Link> links = links(alert);
    if (!links.isEmpty()) {
      text.append("\nLinks:\n");
      links.forEach(
          l -> text.append("  ").append(l.text()).append(": ").append(l.href()).append('\n'));
    }
    return text.toString();
  }

  /** Rows of the email's table, after the summary. */
  public static String htmlRows(AlertDetails alert) {
    StringBuilder html = new StringBuilder();
    for (String[] field : fields(alert)) {
      html.append(row(field[0], field[1]));
    }
    return html.toString();
  }

  /** The details as a key/value table and the links as a list, after the table. */
  public static String htmlSections(AlertDetails alert) {
    StringBuilder html = new StringBuilder();
    if (!alert.details().isEmpty()) {
      html.append("<h3 style=\"font-size:16px;margin:16px 0 4px\">Details</h3>")
          .append(MessageComposer.TABLE);
      alert.details().forEach(d -> html.append(row(d.key(), d.value())));
      html.append("</table>");
      if (alert.moreDetails() > 0) {
        html.append("<p style=\"margin:4px 0;color:#666\">")
            .append(alert.moreDetails())
            .append(" more in Vigil</p>");
      }
    }
    List<AlertDetails.Link> links = links(alert);
    if (!links.isEmpty()) {
      html.append("<h3 style=\"font-size:16px;margin:16px 0 4px\">Links</h3>")
          .append("<ul style=\"margin:0;padding-left:20px\">");
      for (AlertDetails.Link link : links) {
        html.append("<li style=\"margin:0 0 6px;word-break:break-all\">");
        if (AlertDetails.clickable(link.href())) {
          html.append("<a href=\"")
              .append(escape(link.href().strip()))
              .append("\" style=\"color:#1f6feb\">")
              .append(escape(link.text()))
              .append("</a>");
        } else {
          // A javascript: or data: URL is shown, never made a link.
          html.append(escape(link.text())).append(": ").append(escape(link.href()));
        }
        html.append("</li>");
      }
      html.append("</ul>");
    }
    return html.toString();
  }

  private static List<String[]> fields(AlertDetails alert) {
    List<String[]> fields = new ArrayList<>();
    add(fields, "Severity", alert.severity());
    add(fields, "Source", alert.source());
    add(fields, "Component", alert.component());
    add(fields, "Group", alert.group());
    add(fields, "Class", alert.eventClass());
    if (alert.alertCount() > 1) {
      add(fields, "Alerts", String.valueOf(alert.alertCount()));
    }
    return fields;
  }

  private static void add(List<String[]> fields, String label, String value) {
    if (value != null && !value.isBlank()) {
      fields.add(new String[] {label, AlertDetails.shortened(value)});
    }
  }

  /** The sender's links, then where the sending tool shows the alert. */
  private static List<AlertDetails.Link> links(AlertDetails alert) {
    List<AlertDetails.Link> links = new ArrayList<>(alert.links());
    if (alert.clientUrl() != null && !alert.clientUrl().isBlank()) {
      String client =
          alert.client() == null || alert.client().isBlank() ? "the source" : alert.client();
      links.add(new AlertDetails.Link(alert.clientUrl(), "View in " + client));
    }
    return links;
  }
}
