package dev.vigil.auth;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The login page: e-mail and password (posted to {@code /login}, with the CSRF token), and the
 * single sign-on link when OpenID Connect is configured.
 */
@RestController
@Hidden
class LoginPageController {

  private final ObjectProvider<ClientRegistrationRepository> oidc;

  LoginPageController(ObjectProvider<ClientRegistrationRepository> oidc) {
    this.oidc = oidc;
  }

  @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
  String page(HttpServletRequest request) {
    CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
    String message =
        request.getParameter("error") != null
            ? "<p>Wrong e-mail or password, or the account is suspended.</p>"
            : request.getParameter("logout") != null ? "<p>You are logged out.</p>" : "";
    String sso =
        oidc.getIfAvailable() == null
            ? ""
            : "<p><a href=\"/oauth2/authorization/"
                + OidcLoginConfiguration.REGISTRATION
                + "\">Log in with single sign-on</a></p>";
    return """
        <!doctype html><title>Vigil: log in</title>%s
        <form method="post" action="/login">
          <label>E-mail <input type="email" name="username" autocomplete="username" required></label>
          <label>Password <input type="password" name="password" autocomplete="current-password"
                                 required></label>
          <input type="hidden" name="%s" value="%s">
          <button>Log in</button>
        </form>%s"""
        .formatted(
            message,
            HtmlUtils.htmlEscape(csrf.getParameterName()),
            HtmlUtils.htmlEscape(csrf.getToken()),
            sso);
  }
}
