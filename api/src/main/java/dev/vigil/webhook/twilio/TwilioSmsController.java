package dev.vigil.webhook.twilio;

import dev.vigil.incident.Responder;
import dev.vigil.incident.web.IncidentActions;
import dev.vigil.incident.web.IncidentActions.Action;
import dev.vigil.notification.twilio.InboundCallbacks;
import dev.vigil.notification.twilio.PagedResponders;
import dev.vigil.notification.twilio.TwimlResponses;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replies to pages by SMS (Twilio's incoming message webhook). {@code 4} or {@code ack}
 * acknowledges, {@code 6} or {@code resolve} resolves the incident the sender was last paged for;
 * {@code ack <n>} or {@code resolve <n>} acts on incident n of the same account. The answer is an
 * SMS saying what happened. Only requests signed by a configured account are believed; the same
 * MessageSid twice acts once.
 */
@RestController
class TwilioSmsController {

  static final String HELP = "Reply 4 to acknowledge, 6 to resolve.";
  private static final Pattern COMMAND =
      Pattern.compile("(4|6|ack|acknowledge|resolve)(?:\\s+#?(\\d{1,18}))?");

  private final TwilioSignatures signatures;
  private final PagedResponders responders;
  private final IncidentActions actions;
  private final InboundCallbacks callbacks;

  TwilioSmsController(
      TwilioSignatures signatures,
      PagedResponders responders,
      IncidentActions actions,
      InboundCallbacks callbacks) {
    this.signatures = signatures;
    this.responders = responders;
    this.actions = actions;
    this.callbacks = callbacks;
  }

  @PostMapping("/webhooks/twilio/sms")
  ResponseEntity<String> sms(HttpServletRequest request) {
    Map<String, String> form = TwilioSignatures.form(request);
    if (!signatures.verify(request, form)) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
    }
    String sid = form.get("MessageSid");
    String reply =
        sid == null || sid.isBlank()
            ? HELP
            : callbacks.once("twilio-sms:" + sid, () -> answer(form));
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_XML)
        .body(TwimlResponses.message(reply));
  }

  private String answer(Map<String, String> form) {
    Optional<PagedResponders.Paged> paged =
        responders.lastPaged(form.get("From"), form.get("AccountSid"));
    if (paged.isEmpty()) {
      return "Vigil has not paged this number, so there is nothing to acknowledge.";
    }
    String body = form.getOrDefault("Body", "").strip().toLowerCase(Locale.ROOT);
    Matcher command = COMMAND.matcher(body);
    if (!command.matches()) {
      return HELP;
    }
    Action action =
        switch (command.group(1)) {
          case "6", "resolve" -> Action.RESOLVE;
          default -> Action.ACKNOWLEDGE;
        };
    PagedResponders.Paged who = paged.get();
    long number =
        command.group(2) == null ? who.incidentNumber() : Long.parseLong(command.group(2));
    return actions
        .act(who.accountId(), number, action, new Responder(who.userId(), who.userName(), "SMS"))
        .message();
  }
}
