package dev.vigil.console;

import dev.vigil.auth.ApiCaller;
import dev.vigil.notification.delivery.DirectMessages;
import dev.vigil.oncall.OnCallRefusal;
import dev.vigil.oncall.user.ContactMethods.ContactMethod;
import dev.vigil.user.ContactDesk;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * A person's own contact methods: which are verified (only those are paged), sending a code and
 * confirming it, and a test page; and their notification rules (when each method is paged). Every
 * tenant role with a login of its own has them.
 */
@Controller
@Hidden
class ContactPages {

  private final ContactDesk desk;

  ContactPages(ContactDesk desk) {
    this.desk = desk;
  }

  @GetMapping("/console/me")
  String mine(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, Model model) {
    return page(caller, model, null, null);
  }

  @PostMapping("/console/me/contact_methods")
  String add(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @RequestParam(defaultValue = "") String kind,
      @RequestParam(defaultValue = "") String address,
      @RequestParam(defaultValue = "") String label,
      Model model) {
    return act(
        caller,
        model,
        () -> {
          desk.add(caller, kind.isBlank() ? null : kind, address, label);
          return "Added: send a code to verify it before it is paged.";
        });
  }

  @PostMapping("/console/me/contact_methods/{id}/code")
  String sendCode(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long id, Model model) {
    return act(
        caller,
        model,
        () -> {
          desk.sendCode(caller, id);
          return "Code sent: it is valid 10 minutes.";
        });
  }

  @PostMapping("/console/me/contact_methods/{id}/confirm")
  String confirm(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      @RequestParam(defaultValue = "") String code,
      Model model) {
    return act(
        caller,
        model,
        () -> {
          desk.confirm(caller, id, code.strip());
          return "Verified: pages now reach it.";
        });
  }

  @PostMapping("/console/me/contact_methods/{id}/test")
  String testPage(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long id, Model model) {
    return act(caller, model, () -> desk.testPage(caller, id));
  }

  /** A rule of the caller's: after a delay, a channel on one of their methods, per urgency. */
  @PostMapping("/console/me/notification_rules")
  String addRule(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @RequestParam(defaultValue = "") String urgency,
      @RequestParam(defaultValue = "") String contactMethodId,
      @RequestParam(defaultValue = "") String channel,
      @RequestParam(defaultValue = "") String delayMinutes,
      Model model) {
    return act(
        caller,
        model,
        () -> {
          desk.addRule(
              caller,
              ConsoleForms.blankToNull(urgency),
              ConsoleForms.id("contact_method_id", contactMethodId),
              ConsoleForms.blankToNull(channel),
              ConsoleForms.number("delay_minutes", delayMinutes));
          return "Rule added.";
        });
  }

  @PostMapping("/console/me/notification_rules/{id}/delete")
  String removeRule(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long id, Model model) {
    return act(
        caller,
        model,
        () -> {
          desk.removeRule(caller, id);
          return "Rule removed.";
        });
  }

  /** Runs an action; its answer is the page's notice, its refusal the page's problem. */
  private String act(ApiCaller caller, Model model, Supplier<String> action) {
    try {
      return page(caller, model, action.get(), null);
    } catch (ApiException refused) {
      return page(caller, model, null, ConsoleModel.sentence(refused));
    } catch (OnCallRefusal refused) {
      return page(caller, model, null, ConsoleForms.sentence(refused));
    } catch (DirectMessages.TestPageLimited limited) {
      return page(caller, model, null, limited.getMessage());
    }
  }

  private String page(ApiCaller caller, Model model, String notice, String problem) {
    if (caller.userId() == null) {
      // An account token is nobody's: it has no contact methods of its own.
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    List<ContactMethod> methods = desk.mine(caller);
    Map<Long, String> names = new HashMap<>();
    methods.forEach(m -> names.put(m.id(), m.kind() + " " + m.address()));
    model.addAttribute("methods", methods);
    model.addAttribute("rules", desk.myRules(caller));
    model.addAttribute("methodNames", names);
    model.addAttribute("notice", notice);
    model.addAttribute("problem", problem);
    return "console/me";
  }
}
