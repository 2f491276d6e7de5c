package dev.vigil.auth;

import dev.vigil.oncall.access.Invitations;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The page an invitation link opens: choose a password, then log in at {@code /login}. The link is
 * the credential; the form carries a CSRF token like every other browser form.
 */
@RestController
@Hidden
class InvitationController {

  private final Invitations invitations;

  InvitationController(Invitations invitations) {
    this.invitations = invitations;
  }

  @GetMapping(value = "/invitations/{token}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> form(@PathVariable String token, HttpServletRequest request) {
    if (!invitations.valid(token)) {
      return page(HttpStatus.NOT_FOUND, "<p>This invitation is unknown, used or expired.</p>");
    }
    CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
    return page(
        HttpStatus.OK,
        """
        <form method="post">
          <label>Choose a password (at least %d characters)
            <input type="password" name="password" autocomplete="new-password" required></label>
          <input type="hidden" name="%s" value="%s">
          <button>Set password</button>
        </form>"""
            .formatted(
                Invitations.MIN_PASSWORD_LENGTH,
                HtmlUtils.htmlEscape(csrf.getParameterName()),
                HtmlUtils.htmlEscape(csrf.getToken())));
  }

  @PostMapping(value = "/invitations/{token}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> accept(@PathVariable String token, @RequestParam String password) {
    return switch (invitations.accept(token, password)) {
      case ACCEPTED ->
          page(HttpStatus.OK, "<p>Your password is set. <a href=\"/login\">Log in</a>.</p>");
      case UNKNOWN_OR_USED ->
          page(HttpStatus.NOT_FOUND, "<p>This invitation is unknown, used or expired.</p>");
      case TOO_SHORT ->
          page(
              HttpStatus.BAD_REQUEST,
              "<p>The password needs at least "
                  + Invitations.MIN_PASSWORD_LENGTH
                  + " characters. Go back and try again.</p>");
      case EMAIL_TAKEN ->
          page(
              HttpStatus.CONFLICT,
              "<p>Another login already uses this e-mail address; ask your admin.</p>");
    };
  }

  private static ResponseEntity<String> page(HttpStatus status, String body) {
    return ResponseEntity.status(status)
        .contentType(MediaType.TEXT_HTML)
        .body("<!doctype html><title>Vigil invitation</title>" + body);
  }
}
