package dev.vigil.webhook.twilio;

import dev.vigil.notification.twilio.DeliveryReports;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's status callbacks for the SMS and calls Vigil sent ({@code StatusCallback} of each). Only
 * a request signed by a configured account is believed: anything else gets 403 and changes nothing.
 */
@RestController
class TwilioStatusController {

  private final TwilioSignatures signatures;
  private final DeliveryReports reports;

  TwilioStatusController(TwilioSignatures signatures, DeliveryReports reports) {
    this.signatures = signatures;
    this.reports = reports;
  }

  @PostMapping("/webhooks/twilio/status")
  ResponseEntity<Void> status(HttpServletRequest request) {
    Map<String, String> form = TwilioSignatures.form(request);
    if (!signatures.verify(request, form)) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
    }
    reports.apply(form);
    return ResponseEntity.noContent().build();
  }
}
