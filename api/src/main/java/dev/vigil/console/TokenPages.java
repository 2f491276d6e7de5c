package dev.vigil.console;

import dev.vigil.auth.ApiCaller;
import dev.vigil.oncall.Paging;
import dev.vigil.oncall.user.UserStore;
import dev.vigil.user.TokenDesk;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An admin's API tokens: each with the user it acts as, its role, when it was made and last used
 * (never its secret, which is not kept); a new one's secret is shown once, on the page that answers
 * the form, and never again; revoking one refuses its next request.
 */
@Controller
@Hidden
@RequestMapping("/console/admin/tokens")
class TokenPages {

  private static final Paging LIST = new Paging(200, 0);

  private final TokenDesk desk;
  private final UserStore users;

  TokenPages(TokenDesk desk, UserStore users) {
    this.desk = desk;
    this.users = users;
  }

  @GetMapping
  String list(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, Model model) {
    return page(caller, model, null, null);
  }

  @PostMapping
  String create(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @RequestParam(defaultValue = "") String userId,
      @RequestParam(defaultValue = "") String name,
      Model model) {
    try {
      Long user = ConsoleForms.id("user_id", userId);
      if (user == null) {
        throw ApiException.badRequest("user_id", "must not be null");
      }
      // Answered here, not through a redirect: the secret is never kept, not even for a moment in
      // the session's flash attributes.
      String secret = desk.create(caller, user, ConsoleForms.blankToNull(name));
      model.addAttribute("secret", secret);
      return page(caller, model, "Token created. Copy it now: it is not shown again.", null);
    } catch (ApiException refused) {
      return page(caller, model, null, ConsoleModel.sentence(refused));
    }
  }

  @PostMapping("/{id}/revoke")
  String revoke(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      Model model,
      RedirectAttributes redirect) {
    try {
      desk.revoke(caller, id);
      redirect.addFlashAttribute("notice", "Token revoked: it is refused from now on.");
      return "redirect:/console/admin/tokens";
    } catch (ApiException refused) {
      return page(caller, model, null, ConsoleModel.sentence(refused));
    }
  }

  private String page(ApiCaller caller, Model model, String notice, String problem) {
    model.addAttribute("tokens", desk.list(caller));
    model.addAttribute("users", users.list(caller.accountId(), null, null, LIST));
    if (notice != null) {
      model.addAttribute("notice", notice);
    }
    if (problem != null) {
      model.addAttribute("problem", problem);
    }
    return "console/admin-tokens";
  }
}
