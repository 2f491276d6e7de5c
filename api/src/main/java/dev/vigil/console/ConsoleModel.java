package dev.vigil.console;

import dev.vigil.auth.ApiCaller;
import dev.vigil.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page's layout needs: who is logged in, the CSRF header for htmx, the inbox.
 */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

  private final boolean devInbox;

  ConsoleModel(@Value("${vigil.dev-inbox.enabled:false}") boolean devInbox) {
    this.devInbox = devInbox;
  }

  @ModelAttribute
  void layout(HttpServletRequest request, Model model) {
    model.addAttribute("devInbox", devInbox);
    if (request.getAttribute(ApiCaller.ATTRIBUTE) instanceof ApiCaller caller) {
      model.addAttribute("who", caller.tokenName());
    }
    if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken csrf) {
      // htmx sends it with every request it makes (hx-headers on <body>).
      model.addAttribute(
          "csrfHeaders", "{\"" + csrf.getHeaderName() + "\": \"" + csrf.getToken() + "\"}");
    }
  }

  /** A refusal of the API, in one sentence for a person: its message and each field at fault. */
  static String sentence(ApiException refused) {
    var body = refused.body().error();
    if (body.errors() == null || body.errors().isEmpty()) {
      return body.message();
    }
    return body.message() + ": " + String.join("; ", body.errors());
  }
}
