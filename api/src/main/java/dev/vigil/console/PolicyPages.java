package dev.vigil.console;

import dev.vigil.auth.ApiCaller;
import dev.vigil.oncall.OnCallRefusal;
import dev.vigil.oncall.Paging;
import dev.vigil.oncall.escalation.EscalationPolicyRequest;
import dev.vigil.oncall.escalation.EscalationPolicyStore;
import dev.vigil.oncall.escalation.EscalationPolicyView;
import dev.vigil.oncall.schedule.ScheduleStore;
import dev.vigil.oncall.team.TeamStore;
import dev.vigil.oncall.user.UserStore;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An admin's escalation policies: the list, and a form for a whole policy (its levels, each with a
 * delay and the account's users or schedules to page, and how often it repeats), saved through the
 * store and request record of the REST API's {@code EscalationPolicyController}.
 */
@Controller
@Hidden
@RequestMapping("/console/admin/policies")
class PolicyPages {

  private static final Paging LIST = new Paging(200, 0);

  /** Blank level rows the form offers beyond the policy's own. */
  private static final int SPARE_LEVELS = 2;

  private final EscalationPolicyStore policies;
  private final UserStore users;
  private final ScheduleStore schedules;
  private final TeamStore teams;
  private final ConsoleForms forms;

  PolicyPages(
      EscalationPolicyStore policies,
      UserStore users,
      ScheduleStore schedules,
      TeamStore teams,
      ConsoleForms forms) {
    this.policies = policies;
    this.users = users;
    this.schedules = schedules;
    this.teams = teams;
    this.forms = forms;
  }

  /** One level as typed: its delay, and targets as {@code user:12} or {@code schedule:4}. */
  record LevelForm(String delayMinutes, List<String> targets) {

    boolean blank() {
      return (delayMinutes == null || delayMinutes.isBlank()) && targets.isEmpty();
    }
  }

  /** The policy form as typed, so a refused form shows it again. */
  record PolicyForm(
      String name, String description, String teamId, String repeatCount, List<LevelForm> levels) {

    static PolicyForm of(EscalationPolicyView p) {
      List<LevelForm> levels = new ArrayList<>();
      for (EscalationPolicyView.LevelView level : p.levels()) {
        levels.add(
            new LevelForm(
                Integer.toString(level.delayMinutes()),
                level.targets().stream().map(t -> t.type() + ":" + t.id()).toList()));
      }
      return new PolicyForm(
          p.name(),
          p.description(),
          p.teamId() == null ? "" : p.teamId().toString(),
          Integer.toString(p.repeatCount()),
          levels);
    }

    /**
     * The fields {@code name}, {@code description}, {@code teamId}, {@code repeatCount}, and {@code
     * delay_N} with {@code targets_N} for each level row N.
     */
    static PolicyForm of(MultiValueMap<String, String> fields) {
      List<LevelForm> levels = new ArrayList<>();
      for (int n = 0; fields.containsKey("delay_" + n) || fields.containsKey("targets_" + n); n++) {
        List<String> targets = fields.getOrDefault("targets_" + n, List.of());
        LevelForm level = new LevelForm(fields.getFirst("delay_" + n), List.copyOf(targets));
        if (!level.blank()) {
          levels.add(level);
        }
      }
      return new PolicyForm(
          orEmpty(fields.getFirst("name")),
          orEmpty(fields.getFirst("description")),
          orEmpty(fields.getFirst("teamId")),
          orEmpty(fields.getFirst("repeatCount")),
          levels);
    }

    /** Its rows with spare blank ones to fill. */
    public List<LevelForm> rows() {
      List<LevelForm> rows = new ArrayList<>(levels);
      for (int i = 0; i < SPARE_LEVELS; i++) {
        rows.add(new LevelForm("", List.of()));
      }
      return rows;
    }

    EscalationPolicyRequest request() {
      List<EscalationPolicyRequest.LevelRequest> levelRequests = new ArrayList<>();
      for (int i = 0; i < levels.size(); i++) {
        LevelForm level = levels.get(i);
        List<EscalationPolicyRequest.TargetRequest> targets = new ArrayList<>();
        for (String target : level.targets()) {
          String[] typeAndId = target.split(":", 2);
          if (typeAndId.length != 2 || !typeAndId[1].matches("\\d{1,18}")) {
            throw ApiException.badRequest("levels[" + i + "].targets", "has an unknown target");
          }
          targets.add(
              new EscalationPolicyRequest.TargetRequest(typeAndId[0], Long.valueOf(typeAndId[1])));
        }
        levelRequests.add(
            new EscalationPolicyRequest.LevelRequest(
                ConsoleForms.number("levels[" + i + "].delay_minutes", level.delayMinutes()),
                targets));
      }
      return new EscalationPolicyRequest(
          ConsoleForms.blankToNull(name),
          description,
          ConsoleForms.id("team_id", teamId),
          ConsoleForms.number("repeat_count", repeatCount),
          levelRequests);
    }

    private static String orEmpty(String text) {
      return text == null ? "" : text;
    }
  }

  @GetMapping
  String list(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, Model model) {
    model.addAttribute("policies", policies.list(caller.accountId(), null, null, LIST));
    return "console/admin-policies";
  }

  @GetMapping("/new")
  String blank(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, Model model) {
    return form(caller, model, null, new PolicyForm("", "", "", "0", List.of()), null);
  }

  @PostMapping
  String create(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @RequestParam MultiValueMap<String, String> fields,
      Model model,
      RedirectAttributes redirect) {
    PolicyForm form = PolicyForm.of(fields);
    try {
      long id = policies.create(caller.accountId(), forms.valid(form.request()).definition());
      redirect.addFlashAttribute("notice", "Policy " + form.name().strip() + " created.");
      return "redirect:/console/admin/policies/" + id;
    } catch (ApiException refused) {
      return form(caller, model, null, form, ConsoleModel.sentence(refused));
    } catch (OnCallRefusal refused) {
      return form(caller, model, null, form, ConsoleForms.sentence(refused));
    }
  }

  @GetMapping("/{id}")
  String policy(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long id, Model model) {
    EscalationPolicyView policy = find(caller, id);
    return form(caller, model, policy, PolicyForm.of(policy), null);
  }

  @PostMapping("/{id}")
  String replace(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      @RequestParam MultiValueMap<String, String> fields,
      Model model,
      RedirectAttributes redirect) {
    EscalationPolicyView policy = find(caller, id);
    PolicyForm form = PolicyForm.of(fields);
    try {
      policies.replace(caller.accountId(), id, forms.valid(form.request()).definition());
      redirect.addFlashAttribute("notice", "Policy saved.");
      return "redirect:/console/admin/policies/" + id;
    } catch (ApiException refused) {
      return form(caller, model, policy, form, ConsoleModel.sentence(refused));
    } catch (OnCallRefusal refused) {
      return form(caller, model, policy, form, ConsoleForms.sentence(refused));
    }
  }

  private String form(
      ApiCaller caller, Model model, EscalationPolicyView policy, PolicyForm form, String problem) {
    model.addAttribute("policy", policy);
    model.addAttribute("form", form);
    if (problem != null) {
      model.addAttribute("problem", problem);
    }
    model.addAttribute("users", users.list(caller.accountId(), null, null, LIST));
    model.addAttribute("schedules", schedules.list(caller.accountId(), null, null, LIST));
    model.addAttribute("teams", teams.list(caller.accountId(), null, LIST));
    return "console/admin-policy";
  }

  private EscalationPolicyView find(ApiCaller caller, long id) {
    return policies
        .find(caller.accountId(), id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }
}
