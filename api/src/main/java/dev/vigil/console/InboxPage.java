package dev.vigil.console;

import dev.vigil.auth.ApiCaller;
import dev.vigil.billing.document.InvoicePdf;
import dev.vigil.billing.document.InvoiceReader;
import dev.vigil.billing.mail.KeptBillingMail;
import dev.vigil.notification.devinbox.DevInboxMessages;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.HtmlUtils;

/**
 * The dev inbox inside the console, in embedded mode: the pages sent to the caller's account, each
 * with a button to its incident and its links made clickable. Unlike {@code /dev/inbox} it needs a
 * login and shows one account's messages only. Admins and accountants, who read the account's
 * billing, also see its billing mail kept for the dev inbox (invoices, reminders, usage alerts) and
 * download each attachment: the invoice's PDF, rendered again from the invoice by the code that
 * rendered the one attached, since the kept mail does not keep the bytes (docs/decisions/0073).
 */
@Controller
@Hidden
class InboxPage {

  /** A URL in a message, with the word before it when the line says "Acknowledge: https://...". */
  private static final Pattern LINK =
      Pattern.compile("(?:([A-Z][A-Za-z ]{0,30}): )?(https?://[^\\s<>\"]+)");

  private final DevInboxMessages inbox;
  private final KeptBillingMail billingMail;
  private final InvoiceReader invoices;
  private final InvoicePdf pdf;
  private final boolean enabled;

  InboxPage(
      DevInboxMessages inbox,
      KeptBillingMail billingMail,
      InvoiceReader invoices,
      InvoicePdf pdf,
      @Value("${vigil.dev-inbox.enabled:false}") boolean enabled) {
    this.inbox = inbox;
    this.billingMail = billingMail;
    this.invoices = invoices;
    this.pdf = pdf;
    this.enabled = enabled;
  }

  record Link(String label, String url) {}

  /** A message with its body as HTML (escaped, links clickable) and its links as buttons. */
  record Shown(DevInboxMessages.Message message, String html, List<Link> links) {}

  /** A billing mail with its body as escaped text, links clickable, and its attachment's URL. */
  record ShownBilling(
      KeptBillingMail.BillingMessage message,
      String html,
      List<Link> links,
      String attachmentUrl) {}

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
    boolean readsBilling = readsBilling(caller);
    model.addAttribute("readsBilling", readsBilling);
    model.addAttribute(
        "billingMail",
        readsBilling
            ? billingMail.latest(caller.accountId(), 50).stream().map(InboxPage::shown).toList()
            : List.of());
    return fragment ? "console/inbox :: messages" : "console/inbox";
  }

  /**
   * A kept billing mail's attachment, as a download. Another account's mail, or one without an
   * attachment, is 404; roles that do not read billing are refused by the access rules and here.
   */
  @GetMapping("/console/inbox/billing/{id}/attachment")
  ResponseEntity<byte[]> attachment(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long id) {
    if (!enabled) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    if (!readsBilling(caller)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN);
    }
    return download(billingMail, invoices, pdf, caller.accountId(), id);
  }

  private static boolean readsBilling(ApiCaller caller) {
    return !caller.operator()
        && (caller.role().equals("admin") || caller.role().equals("accountant"));
  }

  static Shown shown(DevInboxMessages.Message message) {
    Linked linked = linked(message.body());
    return new Shown(message, linked.html(), linked.links());
  }

  static ShownBilling shown(KeptBillingMail.BillingMessage message) {
    return shown(message, "/console/inbox/billing/");
  }

  /** With its attachment downloaded from {@code prefix + id + "/attachment"}. */
  static ShownBilling shown(KeptBillingMail.BillingMessage message, String prefix) {
    Linked linked = linked(message.body());
    return new ShownBilling(
        message,
        linked.html(),
        linked.links(),
        message.attachmentName() == null || message.invoiceId() == null
            ? null
            : prefix + message.id() + "/attachment");
  }

  /**
   * The attachment of a kept billing mail of that account as a download: the invoice's PDF rendered
   * again (docs/decisions/0073); 404 for a mail of another account or without one.
   */
  static ResponseEntity<byte[]> download(
      KeptBillingMail billingMail,
      InvoiceReader invoices,
      InvoicePdf pdf,
      long accountId,
      long id) {
    KeptBillingMail.BillingMessage mail =
        billingMail
            .find(accountId, id)
            .filter(m -> m.attachmentName() != null && m.invoiceId() != null)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    byte[] document =
        pdf.render(
            invoices
                .find(accountId, mail.invoiceId())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(mail.attachmentName()).build().toString())
        .body(document);
  }

  private record Linked(String html, List<Link> links) {}

  /** The text escaped, its URLs made links; nothing in it is taken as markup. */
  private static Linked linked(String text) {
    String body = text == null ? "" : text;
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
    return new Linked(html.toString(), links);
  }
}
