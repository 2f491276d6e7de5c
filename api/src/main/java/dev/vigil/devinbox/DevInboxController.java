package dev.vigil.devinbox;

import dev.vigil.billing.mail.KeptBillingMail;
import dev.vigil.notification.devinbox.DevInboxMessages;
import dev.vigil.web.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /dev/inbox}: JSON for programs, a page for browsers (chosen by the Accept header, so
 * {@code curl} gets JSON). There is no login: the inbox is for a machine you are trying Vigil on,
 * on by default only in embedded mode. Do not enable it where real people's pages go. {@code GET
 * /dev/inbox/billing} is the billing mail kept because no SMTP relay is configured, as JSON; the
 * page shows it below the pages.
 */
@RestController
@ConditionalOnProperty(name = "vigil.dev-inbox.enabled", havingValue = "true")
class DevInboxController {

  private final DevInboxMessages inbox;
  private final KeptBillingMail billingMail;

  DevInboxController(DevInboxMessages inbox, KeptBillingMail billingMail) {
    this.inbox = inbox;
    this.billingMail = billingMail;
  }

  @GetMapping("/dev/inbox")
  ResponseEntity<?> inbox(
      @RequestHeader(name = HttpHeaders.ACCEPT, defaultValue = "") String accept,
      @RequestParam(defaultValue = "100") int limit) {
    checkLimit(limit);
    List<DevInboxMessages.Message> messages = inbox.latest(limit);
    if (accept.contains(MediaType.TEXT_HTML_VALUE)) {
      return ResponseEntity.ok()
          .contentType(MediaType.TEXT_HTML)
          .body(DevInboxPage.render(messages, billingMail.latest(limit)));
    }
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("messages", messages));
  }

  @GetMapping("/dev/inbox/billing")
  ResponseEntity<?> billing(@RequestParam(defaultValue = "100") int limit) {
    checkLimit(limit);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("messages", billingMail.latest(limit)));
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > 1000) {
      throw ApiException.badRequest("limit", "must be between 1 and 1000");
    }
  }
}
