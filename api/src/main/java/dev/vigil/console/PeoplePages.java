package dev.vigil.console;

import dev.vigil.auth.ApiCaller;
import dev.vigil.auth.InvitationLinks;
import dev.vigil.oncall.OnCallRefusal;
import dev.vigil.oncall.Paging;
import dev.vigil.oncall.team.Team;
import dev.vigil.oncall.team.TeamDetails;
import dev.vigil.oncall.team.TeamStore;
import dev.vigil.oncall.user.UserRequest;
import dev.vigil.oncall.user.UserStore;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An admin's people: the account's users with their roles, its teams, and inviting someone new. An
 * invitation is a user made as {@code POST /api/v1/users} makes one, and the one-time link to
 * choose a password that the operator's account creation also hands out (shown once, here).
 * Changing a role, removing someone, and a team's making, members and deletion go through the
 * stores {@code /api/v1/users} and {@code /api/v1/teams} use, with their refusals; someone or a
 * team of another account is not found ({@code 404}), as in the API.
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

  /** A new team's name, with the API's limits ({@code TeamRequest}'s). */
  record TeamForm(@NotBlank @Size(max = 255) String name) {}

  @GetMapping
  String people(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, Model model) {
    return page(caller, model, new InviteForm("", "", "responder"), null);
  }

  /**
   * A new role, as {@code PUT /api/v1/users/{id}} replaces it: the rest of the user as it is. The
   * store does not keep an account from losing its last admin, so neither does this.
   */
  @PostMapping("/{id}/role")
  String role(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      @RequestParam(required = false) String role,
      Model model,
      RedirectAttributes redirect) {
    return change(
        caller,
        model,
        redirect,
        () -> {
          UserStore.UserRow user = users.require(caller.accountId(), id);
          UserRequest request =
              forms.valid(
                  new UserRequest(
                      user.name(),
                      user.email(),
                      role == null ? "" : role.strip(),
                      user.timeZone()));
          transaction.executeWithoutResult(status -> users.update(caller.accountId(), id, request));
          return user.name() + " is now " + request.role() + ".";
        });
  }

  /** Removed as {@code DELETE /api/v1/users/{id}} removes them: not while anything pages them. */
  @PostMapping("/{id}/remove")
  String remove(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      Model model,
      RedirectAttributes redirect) {
    return change(
        caller,
        model,
        redirect,
        () -> {
          UserStore.UserRow user = users.require(caller.accountId(), id);
          transaction.executeWithoutResult(status -> users.delete(caller.accountId(), id));
          return user.name() + " is removed.";
        });
  }

  @PostMapping("/teams")
  String createTeam(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @RequestParam(required = false) String name,
      Model model,
      RedirectAttributes redirect) {
    return change(
        caller,
        model,
        redirect,
        () -> {
          TeamForm form = forms.valid(new TeamForm(name == null ? "" : name.strip()));
          teams.create(caller.accountId(), new TeamDetails(form.name(), null));
          return "Team " + form.name() + " is made.";
        });
  }

  @PostMapping("/teams/{teamId}/members")
  String addMember(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long teamId,
      @RequestParam(required = false) String user,
      Model model,
      RedirectAttributes redirect) {
    return change(
        caller,
        model,
        redirect,
        () -> {
          Team team = teams.require(caller.accountId(), teamId);
          Long userId = ConsoleForms.id("user", user);
          if (userId == null) {
            throw ApiException.badRequest("user", "must not be blank");
          }
          UserStore.UserRow member = users.require(caller.accountId(), userId);
          transaction.executeWithoutResult(
              status -> teams.addMember(caller.accountId(), teamId, userId));
          return member.name() + " is in " + team.name() + ".";
        });
  }

  @PostMapping("/teams/{teamId}/members/{userId}/remove")
  String removeMember(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long teamId,
      @PathVariable long userId,
      Model model,
      RedirectAttributes redirect) {
    return change(
        caller,
        model,
        redirect,
        () -> {
          Team team = teams.require(caller.accountId(), teamId);
          UserStore.UserRow member = users.require(caller.accountId(), userId);
          transaction.executeWithoutResult(
              status -> teams.removeMember(caller.accountId(), teamId, userId));
          return member.name() + " is no longer in " + team.name() + ".";
        });
  }

  /**
   * Refused as {@code DELETE /api/v1/teams/{id}} is while services, policies or schedules are its.
   */
  @PostMapping("/teams/{teamId}/delete")
  String deleteTeam(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long teamId,
      Model model,
      RedirectAttributes redirect) {
    return change(
        caller,
        model,
        redirect,
        () -> {
          Team team = teams.require(caller.accountId(), teamId);
          transaction.executeWithoutResult(status -> teams.delete(caller.accountId(), teamId));
          return "Team " + team.name() + " is deleted.";
        });
  }

  /** One change, told as a notice, or refused beside the lists in the API's words. */
  private interface Change {
    String make();
  }

  private String change(ApiCaller caller, Model model, RedirectAttributes redirect, Change change) {
    try {
      redirect.addFlashAttribute("notice", change.make());
      return "redirect:/console/admin/users";
    } catch (ApiException refused) {
      model.addAttribute("refusal", ConsoleModel.sentence(refused));
    } catch (OnCallRefusal refused) {
      if (refused.kind() == OnCallRefusal.Kind.NOT_FOUND) {
        // Another account's user or team: the API's 404, nothing of it shown.
        throw new ResponseStatusException(HttpStatus.NOT_FOUND, refused.getMessage());
      }
      model.addAttribute("refusal", ConsoleForms.sentence(refused));
    }
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
    List<Team> all = teams.list(caller.accountId(), null, LIST);
    Map<Long, List<Team.Member>> members = new LinkedHashMap<>();
    for (Team team : all) {
      members.put(team.id(), teams.members(caller.accountId(), team.id(), LIST));
    }
    model.addAttribute("teams", all);
    model.addAttribute("members", members);
    model.addAttribute("form", form);
    if (problem != null) {
      model.addAttribute("problem", problem);
    }
    return "console/admin-users";
  }
}
