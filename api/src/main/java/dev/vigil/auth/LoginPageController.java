package dev.vigil.auth;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
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
      Model model) {
    model.addAttribute("failed", error != null);
    model.addAttribute("loggedOut", logout != null);
    model.addAttribute(
        "ssoUrl",
        oidc.getIfAvailable() == null
            ? null
            : "/oauth2/authorization/" + OidcLoginConfiguration.REGISTRATION);
    return "login";
  }
}
