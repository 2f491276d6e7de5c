package dev.vigil.links;

import dev.vigil.incident.Responder;
import dev.vigil.incident.web.IncidentActions;
import dev.vigil.notification.delivery.EmailLinkStore;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The email links. {@code GET} only shows a page: the incident's status and details, and one button
 * while the link's action would still change something (see {@link LinkPages}). Mail scanners fetch
 * links to look at them, and acting on a GET would acknowledge without the person. The button's
 * {@code POST} acts; a second use says the incident is already acknowledged or resolved. Expired
 * and tampered links say so and change nothing.
 */
@RestController
class LinkController {

  private final SignedLinks links;
  private final IncidentActions actions;
  private final LinkPages pages;

  LinkController(SignedLinks links, IncidentActions actions, LinkPages pages) {
    this.links = links;
    this.actions = actions;
    this.pages = pages;
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
    Optional<LinkPages.Incident> incident =
        pages.incident(target.get().accountId(), claim.incidentId());
    if (incident.isEmpty()) {
      return page(HttpStatus.BAD_REQUEST, "This link is not valid.", null);
    }
    return page(
        HttpStatus.OK,
        "Incident #" + incident.get().number() + ": " + incident.get().title(),
        pages.body(claim.incidentId(), incident.get(), claim.action()));
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
    return page(
        HttpStatus.OK,
        outcome.message(),
        pages
            .incident(t.accountId(), claim.incidentId())
            .map(now -> pages.body(claim.incidentId(), now, claim.action()))
            .orElse(null));
  }

  private static ResponseEntity<String> page(HttpStatus status, String heading, String form) {
    String html =
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>Vigil</title>"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head>"
            + "<body style=\"margin:0\"><div style=\""
            + LinkPages.FRAME_STYLE
            + "\"><h1 style=\"font-size:20px;word-break:break-word\">"
            + escape(heading)
            + "</h1>"
            + (form == null ? "" : form)
            + "</div></body></html>";
    return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body(html);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
