package dev.vigil.auth;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The login page: e-mail and password (posted to {@code /login}, with the CSRF token), and the
 * single sign-on link when OpenID Connect is configured. Logging in leads to the console.
 */
@Controller
@Hidden
class LoginPageController {

  private final ObjectProvider<ClientRegistrationRepository> oidc;

  LoginPageController(ObjectProvider<ClientRegistrationRepository> oidc) {
    this.oidc = oidc;
  }

  @GetMapping("/login")
  String page(
      @RequestParam(required = false) String error,
      @RequestParam(required = false) String logout,
      HttpServletRequest request,
      Model model) {
    String refusal = error == null ? null : singleSignOnRefusal(request.getSession(false));
    model.addAttribute("failed", error != null && refusal == null);
    model.addAttribute("ssoRefusal", refusal);
    model.addAttribute("loggedOut", logout != null);
    model.addAttribute(
        "ssoUrl",
        oidc.getIfAvailable() == null
            ? null
            : "/oauth2/authorization/" + OidcLoginConfiguration.REGISTRATION);
    return "login";
  }

  /**
   * Why single sign-on let nobody in, when that is the failure the login page was sent to: ours say
   * their cause; of the protocol's (a provider's error, a token refused) only a plain error code is
   * shown, never a description a link could have brought.
   */
  private static String singleSignOnRefusal(HttpSession session) {
    if (session == null
        || !(session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION)
            instanceof OAuth2AuthenticationException refused)) {
      return null;
    }
    OAuth2Error error = refused.getError();
    if (error.getErrorCode().equals(OidcLoginConfiguration.NO_VIGIL_USER)) {
      return error.getDescription();
    }
    return error.getErrorCode().matches("[a-z_]{1,40}")
        ? "the identity provider's answer was refused (" + error.getErrorCode() + ")"
        : "the identity provider's answer was refused";
  }
}
