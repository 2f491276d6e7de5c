package dev.vigil.webhook.twilio;

import static dev.vigil.notification.twilio.TwimlResponses.sayAndAsk;
import static dev.vigil.notification.twilio.TwimlResponses.sayAndHangUp;

import dev.vigil.incident.Responder;
import dev.vigil.incident.web.IncidentActions;
import dev.vigil.incident.web.IncidentActions.Action;
import dev.vigil.notification.twilio.InboundCallbacks;
import dev.vigil.notification.twilio.PagedResponders;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The key pressed on a paging call (the call script's {@code <Gather action>}): 4 acknowledges, 6
 * resolves, and the call says what happened; {@code *} says the page again; anything else asks
 * again. Signed like every Twilio webhook; the same key on the same call acts once.
 */
@RestController
class TwilioVoiceController {

  private final TwilioSignatures signatures;
  private final PagedResponders responders;
  private final IncidentActions actions;
  private final InboundCallbacks callbacks;

  TwilioVoiceController(
      TwilioSignatures signatures,
      PagedResponders responders,
      IncidentActions actions,
      InboundCallbacks callbacks) {
    this.signatures = signatures;
    this.responders = responders;
    this.actions = actions;
    this.callbacks = callbacks;
  }

  @PostMapping("/webhooks/twilio/voice/gather")
  ResponseEntity<String> gather(
      HttpServletRequest request, @RequestParam("notification") long notification) {
    Map<String, String> form = TwilioSignatures.form(request);
    if (!signatures.verify(request, form)) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
    }
    Optional<PagedResponders.Called> called =
        responders.ofCall(notification, form.get("AccountSid"));
    String gatherUrl = signatures.publicUrlOf(request);
    String digits = form.getOrDefault("Digits", "").strip();
    String twiml;
    if (called.isEmpty()) {
      twiml = sayAndHangUp("This call is not one Vigil knows. Goodbye.");
    } else if (digits.equals("4") || digits.equals("6")) {
      Action action = digits.equals("4") ? Action.ACKNOWLEDGE : Action.RESOLVE;
      PagedResponders.Called who = called.get();
      String callSid = form.get("CallSid");
      twiml =
          callSid == null || callSid.isBlank()
              ? sayAndAsk("Sorry, Vigil could not tell which call this is.", gatherUrl)
              : callbacks.once(
                  "twilio-voice:" + callSid + ":" + notification + ":" + digits,
                  () ->
                      sayAndHangUp(
                          actions
                                  .act(
                                      who.accountId(),
                                      who.incidentNumber(),
                                      action,
                                      new Responder(who.userId(), who.userName(), "phone call"))
                                  .message()
                              + " Goodbye."));
    } else if (digits.equals("*")) {
      twiml = sayAndAsk(called.get().spoken(), gatherUrl);
    } else {
      twiml = sayAndAsk("Sorry, that key does nothing.", gatherUrl);
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(twiml);
  }
}
