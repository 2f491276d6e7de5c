package dev.vigil.devinbox;

import dev.vigil.billing.mail.KeptBillingMail;
import dev.vigil.notification.devinbox.DevInboxMessages;
import java.util.List;
import org.springframework.web.util.HtmlUtils;

/**
 * The dev inbox as a page: one card per message, then the billing mail, refreshed every few
 * seconds.
 */
final class DevInboxPage {

  private DevInboxPage() {}

  static String render(
      List<DevInboxMessages.Message> messages, List<KeptBillingMail.BillingMessage> billing) {
    StringBuilder html =
        new StringBuilder(
            """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
            <title>Vigil dev inbox</title>
            <style>
              body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 52rem; color: #1d2330; }
              .msg { border: 1px solid #d6dae3; border-radius: 8px; padding: .75rem 1rem; margin: .75rem 0; }
              .meta { color: #5a6375; font-size: .85rem; }
              .channel { font-weight: 600; text-transform: uppercase; }
              pre { white-space: pre-wrap; margin: .5rem 0 0; font-family: inherit; }
            </style></head><body>
            <h1>Dev inbox</h1>
            <p class="meta">What Vigil would have sent by SMS, voice and email. Newest first; refreshes every 5 s.
            As JSON: <code>curl /dev/inbox</code>.</p>
            """);
    if (messages.isEmpty()) {
      html.append("<p>No messages yet. Trigger an incident through the Events API.</p>");
    }
    for (DevInboxMessages.Message m : messages) {
      html.append("<div class=\"msg\"><div class=\"meta\"><span class=\"channel\">")
          .append(esc(m.channel()))
          .append("</span> to ")
          .append(esc(m.to()))
          .append(" · incident #")
          .append(m.incidentNumber())
          .append(" · ")
          .append(esc(m.createdAt().toString()))
          .append("</div>");
      if (m.subject() != null) {
        html.append("<strong>").append(esc(m.subject())).append("</strong>");
      }
      html.append("<pre>").append(esc(m.body())).append("</pre></div>\n");
    }
    html.append(
        """
        <h2>Billing mail</h2>
        <p class="meta">Invoices, reminders and payment notices, kept here because no SMTP relay is
        configured. As JSON: <code>curl /dev/inbox/billing</code>.</p>
        """);
    if (billing.isEmpty()) {
      html.append("<p>No billing mail yet.</p>\n");
    }
    for (KeptBillingMail.BillingMessage m : billing) {
      html.append("<div class=\"msg\"><div class=\"meta\"><span class=\"channel\">")
          .append(esc(m.kind()))
          .append("</span> to ")
          .append(esc(m.to()))
          .append(" · account ")
          .append(m.accountId())
          .append(" · ")
          .append(esc(m.createdAt().toString()))
          .append("</div><strong>")
          .append(esc(m.subject()))
          .append("</strong><pre>")
          .append(esc(m.body()))
          .append("</pre>");
      if (m.attachmentName() != null) {
        html.append("<div class=\"meta\">Attached: ")
            .append(esc(m.attachmentName()))
            .append("</div>");
      }
      html.append("</div>\n");
    }
    return html.append("</body></html>\n").toString();
  }

  private static String esc(String text) {
    return HtmlUtils.htmlEscape(text);
  }
}
