package dev.vigil.console;

import dev.vigil.auth.ApiCaller;
import dev.vigil.notification.devinbox.DevInboxMessages;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.HtmlUtils;

/**
 * The dev inbox inside the console, in embedded mode: the pages sent to the caller's account, each
 * with a button to its incident and its links made clickable. Unlike {@code /dev/inbox} it needs a
 * login and shows one account's messages only.
 */
@Controller
@Hidden
class InboxPage {

  /** A URL in a message, with the word before it when the line says "Acknowledge: https://...". */
  private static final Pattern LINK =
      Pattern.compile("(?:([A-Z][A-Za-z ]{0,30}): )?(https?://[^\\s<>\"]+)");

  private final DevInboxMessages inbox;
  private final boolean enabled;

  InboxPage(DevInboxMessages inbox, @Value("${vigil.dev-inbox.enabled:false}") boolean enabled) {
    this.inbox = inbox;
    this.enabled = enabled;
  }

  record Link(String label, String url) {}

  /** A message with its body as HTML (escaped, links clickable) and its links as buttons. */
  record Shown(DevInboxMessages.Message message, String html, List<Link> links) {}

  @GetMapping("/console/inbox")
  String inbox(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @RequestParam(defaultValue = "false") boolean fragment,
      Model model) {
    if (!enabled) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    model.addAttribute(
        "messages", inbox.latest(caller.accountId(), 50).stream().map(InboxPage::shown).toList());
    return fragment ? "console/inbox :: messages" : "console/inbox";
  }

  static Shown shown(DevInboxMessages.Message message) {
    String body = message.body() == null ? "" : message.body();
    List<Link> links = new ArrayList<>();
    StringBuilder html = new StringBuilder();
    Matcher matcher = LINK.matcher(body);
    int at = 0;
    while (matcher.find()) {
      String url = matcher.group(2);
      html.append(HtmlUtils.htmlEscape(body.substring(at, matcher.start(2))))
          .append("<a href=\"")
          .append(HtmlUtils.htmlEscape(url))
          .append("\">")
          .append(HtmlUtils.htmlEscape(url))
          .append("</a>");
      links.add(new Link(matcher.group(1) == null ? "Open link" : matcher.group(1), url));
      at = matcher.end();
    }
    html.append(HtmlUtils.htmlEscape(body.substring(at)));
    return new Shown(message, html.toString(), links);
  }
}
