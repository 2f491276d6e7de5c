package dev.vigil.console;

import dev.vigil.auth.ApiCaller;
import dev.vigil.incident.web.IncidentActions.Action;
import dev.vigil.incident.web.IncidentDesk;
import dev.vigil.oncall.Paging;
import dev.vigil.oncall.escalation.EscalationPolicyStore;
import dev.vigil.oncall.service.ServiceStore;
import dev.vigil.oncall.user.UserStore;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 * A responder's pages: the live list of incidents with its filters and bulk actions, and one
 * incident with everything it needs and the actions the REST API offers, each through {@link
 * IncidentDesk}. Support staff read the same pages without the actions (the access rules refuse
 * their POSTs).
 */
@Controller
@Hidden
@RequestMapping("/console/incidents")
class IncidentPages {

  private static final Set<String> STATUSES = Set.of("triggered", "acknowledged", "resolved");

  /** How many services, users and policies the page's choices offer. */
  private static final Paging CHOICES = new Paging(200, 0);

  private final IncidentDesk desk;
  private final ServiceStore services;
  private final UserStore users;
  private final EscalationPolicyStore policies;
  private final IncidentStories stories;

  /** Who reads why each person was paged: the people who answer for incidents, and support. */
  private static final Set<String> EXPLAINED_TO = Set.of("admin", "responder", "support");

  IncidentPages(
      IncidentDesk desk,
      ServiceStore services,
      UserStore users,
      EscalationPolicyStore policies,
      IncidentStories stories) {
    this.stories = stories;
    this.desk = desk;
    this.services = services;
    this.users = users;
    this.policies = policies;
  }

  /** The list's filters as the page's form sends them. */
  record ListFilter(String status, Long service, String urgency, boolean mine) {

    IncidentDesk.Filter toDesk() {
      List<String> statuses =
          switch (status) {
            case "all" -> List.of("triggered", "acknowledged", "resolved");
            case "open" -> List.of("triggered", "acknowledged");
            default -> List.of(status);
          };
      return new IncidentDesk.Filter(statuses, service, urgency, mine);
    }
  }

  @GetMapping
  String list(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @RequestParam(defaultValue = "open") String status,
      @RequestParam(required = false) Long service,
      @RequestParam(required = false) String urgency,
      @RequestParam(defaultValue = "false") boolean mine,
      Model model) {
    model.addAttribute("window", IncidentDesk.LIST_WINDOW);
    model.addAttribute("services", services.list(caller.accountId(), null, null, CHOICES));
    fill(model, caller, filter(status, service, urgency, mine));
    return "console/incidents";
  }

  /** The list's rows alone: what the page's htmx polling swaps in every few seconds. */
  @GetMapping("/rows")
  String rows(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @RequestParam(defaultValue = "open") String status,
      @RequestParam(required = false) Long service,
      @RequestParam(required = false) String urgency,
      @RequestParam(defaultValue = "false") boolean mine,
      Model model) {
    fill(model, caller, filter(status, service, urgency, mine));
    return "console/incident-rows :: rows";
  }

  /** Support staff's way in: the number a customer quotes. */
  @GetMapping("/find")
  String find(@RequestParam long number) {
    return "redirect:/console/incidents/" + number;
  }

  @GetMapping("/{number}")
  String incident(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long number,
      Model model,
      RedirectAttributes redirect) {
    Optional<Object> incident = desk.incident(caller, number);
    if (incident.isEmpty()) {
      redirect.addFlashAttribute("problem", "There is no incident #" + number + ".");
      return "redirect:/console/incidents";
    }
    model.addAttribute("incident", incident.get());
    if (EXPLAINED_TO.contains(caller.role())) {
      stories.of(caller, number).ifPresent(story -> model.addAttribute("reasons", story.reasons()));
    }
    model.addAttribute("users", users.list(caller.accountId(), null, null, CHOICES));
    model.addAttribute("policies", policies.list(caller.accountId(), null, null, CHOICES));
    return "console/incident";
  }

  @PostMapping("/{number}/acknowledge")
  String acknowledge(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long number,
      RedirectAttributes redirect) {
    return attempt(redirect, number, () -> desk.act(caller, number, Action.ACKNOWLEDGE));
  }

  @PostMapping("/{number}/resolve")
  String resolve(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long number,
      RedirectAttributes redirect) {
    return attempt(redirect, number, () -> desk.act(caller, number, Action.RESOLVE));
  }

  @PostMapping("/{number}/escalate")
  String escalate(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long number,
      RedirectAttributes redirect) {
    return attempt(
        redirect,
        number,
        () -> {
          desk.escalate(caller, number);
          return "Incident #" + number + " escalated to its next level.";
        });
  }

  @PostMapping("/{number}/snooze")
  String snooze(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long number,
      @RequestParam Integer minutes,
      RedirectAttributes redirect) {
    return attempt(
        redirect,
        number,
        () -> {
          desk.snooze(caller, number, minutes);
          return "Incident #" + number + " snoozed for " + minutes + " minutes.";
        });
  }

  @PostMapping("/{number}/priority")
  String priority(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long number,
      @RequestParam(defaultValue = "") String priority,
      RedirectAttributes redirect) {
    return attempt(
        redirect,
        number,
        () -> {
          desk.setPriority(caller, number, priority);
          return priority.isBlank() ? "Priority cleared." : "Priority set to " + priority + ".";
        });
  }

  @PostMapping("/{number}/notes")
  String note(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long number,
      @RequestParam(defaultValue = "") String content,
      RedirectAttributes redirect) {
    return attempt(
        redirect,
        number,
        () -> {
          desk.addNote(caller, number, content);
          return "Note added.";
        });
  }

  /** To a user ({@code user:7}) or an escalation policy ({@code policy:3}) of the account. */
  @PostMapping("/{number}/reassign")
  String reassign(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long number,
      @RequestParam(defaultValue = "") String to,
      RedirectAttributes redirect) {
    return attempt(
        redirect,
        number,
        () -> {
          String[] target = to.split(":", 2);
          long id = target.length == 2 ? parseId(target[1]) : -1;
          switch (target[0]) {
            case "user" -> desk.reassignToUser(caller, number, id);
            case "policy" -> desk.reassignToPolicy(caller, number, id);
            default -> throw ApiException.badRequest("to", "must name a user or a policy");
          }
          return "Incident #" + number + " reassigned; paging starts again.";
        });
  }

  /** The incidents named ("12, 14" or "#12 #14") are merged into this one. */
  @PostMapping("/{number}/merge")
  String merge(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long number,
      @RequestParam(defaultValue = "") String sources,
      RedirectAttributes redirect) {
    return attempt(
        redirect,
        number,
        () -> {
          List<Long> numbers = new ArrayList<>();
          for (String part : sources.split("[\\s,#]+")) {
            if (!part.isBlank()) {
              numbers.add(parseId(part));
            }
          }
          desk.merge(caller, number, numbers);
          return "Merged into #"
              + number
              + ": #"
              + String.join(", #", numbers.stream().map(String::valueOf).toList())
              + ".";
        });
  }

  private static long parseId(String text) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("number", "'" + text.strip() + "' is not a number");
    }
  }

  /** Acknowledges or resolves each incident ticked in the list; says what happened to each. */
  @PostMapping("/bulk")
  String bulk(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @RequestParam String action,
      @RequestParam(required = false) List<Long> numbers,
      RedirectAttributes redirect) {
    Action chosen =
        switch (action) {
          case "acknowledge" -> Action.ACKNOWLEDGE;
          case "resolve" -> Action.RESOLVE;
          default -> null;
        };
    if (chosen == null || numbers == null || numbers.isEmpty()) {
      redirect.addFlashAttribute("problem", "Select incidents, then acknowledge or resolve.");
      return "redirect:/console/incidents";
    }
    List<String> said = new ArrayList<>();
    for (long number : numbers.stream().distinct().limit(IncidentDesk.LIST_WINDOW).toList()) {
      try {
        said.add(desk.act(caller, number, chosen));
      } catch (ApiException refused) {
        said.add(ConsoleModel.sentence(refused));
      }
    }
    redirect.addFlashAttribute("notice", String.join(" ", said));
    return "redirect:/console/incidents";
  }

  private static ListFilter filter(String status, Long service, String urgency, boolean mine) {
    String wanted = STATUSES.contains(status) || status.equals("all") ? status : "open";
    String level = "high".equals(urgency) || "low".equals(urgency) ? urgency : null;
    return new ListFilter(wanted, service, level, mine);
  }

  private void fill(Model model, ApiCaller caller, ListFilter filter) {
    model.addAttribute("filter", filter);
    model.addAttribute("incidents", desk.list(caller, filter.toDesk()));
  }

  private interface Change {
    String make();
  }

  /** Makes the change and shows the incident again, with what happened or why it was refused. */
  private static String attempt(RedirectAttributes redirect, long number, Change change) {
    try {
      redirect.addFlashAttribute("notice", change.make());
    } catch (ApiException refused) {
      redirect.addFlashAttribute("problem", ConsoleModel.sentence(refused));
    }
    return "redirect:/console/incidents/" + number;
  }
}
