package dev.vigil.console;

import dev.vigil.auth.ApiCaller;
import dev.vigil.auth.InvitationLinks;
import dev.vigil.oncall.OnCallRefusal;
import dev.vigil.oncall.Paging;
import dev.vigil.oncall.team.TeamStore;
import dev.vigil.oncall.user.UserRequest;
import dev.vigil.oncall.user.UserStore;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An admin's people: the account's users with their roles, its teams, and inviting someone new. An
 * invitation is a user made as {@code POST /api/v1/users} makes one, and the one-time link to
 * choose a password that the operator's account creation also hands out (shown once, here).
 */
@Controller
@Hidden
@RequestMapping("/console/admin/users")
class PeoplePages {

  private static final Paging LIST = new Paging(200, 0);

  private final UserStore users;
  private final TeamStore teams;
  private final InvitationLinks invitations;
  private final ConsoleForms forms;
  private final TransactionTemplate transaction;

  PeoplePages(
      UserStore users,
      TeamStore teams,
      InvitationLinks invitations,
      ConsoleForms forms,
      TransactionTemplate transaction) {
    this.users = users;
    this.teams = teams;
    this.invitations = invitations;
    this.forms = forms;
    this.transaction = transaction;
  }

  /** The invitation form as typed. */
  record InviteForm(String name, String email, String role) {

    UserRequest request() {
      return new UserRequest(
          ConsoleForms.blankToNull(name),
          ConsoleForms.blankToNull(email),
          ConsoleForms.blankToNull(role),
          null);
    }
  }

  @GetMapping
  String people(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, Model model) {
    return page(caller, model, new InviteForm("", "", "responder"), null);
  }

  @PostMapping
  String invite(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @ModelAttribute InviteForm form,
      Model model,
      RedirectAttributes redirect) {
    try {
      UserRequest request = forms.valid(form.request());
      // The user and their link together: never someone who was made but cannot log in.
      String link =
          transaction.execute(
              status -> invitations.invite(users.create(caller.accountId(), request)));
      redirect.addFlashAttribute(
          "notice",
          form.name().strip()
              + " is invited. Send them this link to choose a password; it works once, for 7"
              + " days, and is not shown again:");
      redirect.addFlashAttribute("invitation", link);
      return "redirect:/console/admin/users";
    } catch (ApiException refused) {
      return page(caller, model, form, ConsoleModel.sentence(refused));
    } catch (OnCallRefusal refused) {
      return page(caller, model, form, ConsoleForms.sentence(refused));
    }
  }

  private String page(ApiCaller caller, Model model, InviteForm form, String problem) {
    model.addAttribute("users", users.list(caller.accountId(), null, null, LIST));
    model.addAttribute("teams", teams.list(caller.accountId(), null, LIST));
    model.addAttribute("form", form);
    if (problem != null) {
      model.addAttribute("problem", problem);
    }
    return "console/admin-users";
  }
}
