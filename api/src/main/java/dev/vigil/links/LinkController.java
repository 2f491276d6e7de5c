package dev.vigil.links;

import dev.vigil.incident.IncidentActions;
import dev.vigil.incident.IncidentActions.Action;
import dev.vigil.incident.Responder;
import dev.vigil.notification.EmailLinkStore;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The email links. {@code GET} only shows a page with one button: mail scanners fetch links to look
 * at them, and acting on a GET would acknowledge without the person. The button's {@code POST}
 * acts; a second use says the incident is already acknowledged or resolved. Expired and tampered
 * links say so and change nothing.
 */
@RestController
class LinkController {

  private final SignedLinks links;
  private final IncidentActions actions;

  LinkController(SignedLinks links, IncidentActions actions) {
    this.links = links;
    this.actions = actions;
  }

  @GetMapping("/links/{token}")
  ResponseEntity<String> show(@PathVariable String token) {
    SignedLinks.Claim claim = links.read(token);
    if (claim == null) {
      return page(HttpStatus.BAD_REQUEST, "This link is not valid.", null);
    }
    if (claim.expired()) {
      return page(HttpStatus.GONE, "This link has expired.", null);
    }
    Optional<EmailLinkStore.Target> target = links.target(claim);
    if (target.isEmpty()) {
      return page(HttpStatus.BAD_REQUEST, "This link is not valid.", null);
    }
    String verb = claim.action() == Action.ACKNOWLEDGE ? "Acknowledge" : "Resolve";
    return page(
        HttpStatus.OK,
        "Incident #" + target.get().number() + ": " + target.get().title(),
        "<form method=\"post\"><button type=\"submit\">"
            + verb
            + " incident #"
            + target.get().number()
            + "</button></form>");
  }

  @PostMapping("/links/{token}")
  ResponseEntity<String> act(@PathVariable String token) {
    SignedLinks.Claim claim = links.read(token);
    if (claim == null) {
      return page(HttpStatus.BAD_REQUEST, "This link is not valid.", null);
    }
    if (claim.expired()) {
      return page(HttpStatus.GONE, "This link has expired.", null);
    }
    Optional<EmailLinkStore.Target> target = links.target(claim);
    if (target.isEmpty()) {
      return page(HttpStatus.BAD_REQUEST, "This link is not valid.", null);
    }
    EmailLinkStore.Target t = target.get();
    IncidentActions.Outcome outcome =
        actions.act(
            t.accountId(),
            t.number(),
            claim.action(),
            new Responder(t.userId(), t.userName(), "email link"));
    return page(HttpStatus.OK, outcome.message(), null);
  }

  private static ResponseEntity<String> page(HttpStatus status, String heading, String form) {
    String html =
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>Vigil</title>"
            + "<meta name=\"viewport\" content=\"width=device-width\"></head><body><h1>"
            + escape(heading)
            + "</h1>"
            + (form == null ? "" : form)
            + "</body></html>";
    return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body(html);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
