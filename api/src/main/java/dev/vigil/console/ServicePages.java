package dev.vigil.console;

import dev.vigil.auth.ApiCaller;
import dev.vigil.heartbeat.web.HeartbeatDesk;
import dev.vigil.incident.record.IncidentRecords;
import dev.vigil.oncall.OnCallRefusal;
import dev.vigil.oncall.Paging;
import dev.vigil.oncall.escalation.EscalationPolicyStore;
import dev.vigil.oncall.maintenance.MaintenanceWindowRequest;
import dev.vigil.oncall.maintenance.MaintenanceWindows;
import dev.vigil.oncall.service.AlertGrouping;
import dev.vigil.oncall.service.ServiceRequest;
import dev.vigil.oncall.service.ServiceStore;
import dev.vigil.oncall.service.ServiceView;
import dev.vigil.oncall.team.TeamStore;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
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
 * An admin's services: the list, a new one, and each service's settings with its integration keys
 * and what to paste into Alertmanager, Grafana or any Events API v2 client. Reads and changes go
 * through the stores the REST API's {@code ServiceController} uses, with its request record and
 * checks; heartbeat monitors made and deleted as through the API; alert grouping set through the
 * store's own check (as {@code PUT .../alert_grouping}) and maintenance windows scheduled and
 * deleted as through {@code /api/v1/maintenance_windows}, their times on the viewer's clock.
 */
@Controller
@Hidden
@RequestMapping("/console/admin/services")
class ServicePages {

  private static final Paging LIST = new Paging(200, 0);

  private final ServiceStore services;
  private final EscalationPolicyStore policies;
  private final TeamStore teams;
  private final MaintenanceWindows maintenance;
  private final HeartbeatDesk heartbeats;
  private final IncidentRecords records;
  private final ConsoleForms forms;
  private final String publicUrl;

  ServicePages(
      ServiceStore services,
      EscalationPolicyStore policies,
      TeamStore teams,
      MaintenanceWindows maintenance,
      HeartbeatDesk heartbeats,
      IncidentRecords records,
      ConsoleForms forms,
      @Value("${vigil.public-url}") String publicUrl) {
    this.services = services;
    this.policies = policies;
    this.teams = teams;
    this.maintenance = maintenance;
    this.heartbeats = heartbeats;
    this.records = records;
    this.forms = forms;
    this.publicUrl = publicUrl;
  }

  /** The service form as typed: kept as text so a refused form shows what was typed. */
  record ServiceForm(
      String name,
      String description,
      String teamId,
      String escalationPolicyId,
      String urgencyRule,
      String ackTimeoutMinutes,
      String autoResolveTimeoutMinutes) {

    static ServiceForm of(ServiceView s) {
      return new ServiceForm(
          s.name(),
          s.description(),
          s.teamId() == null ? "" : s.teamId().toString(),
          Long.toString(s.escalationPolicyId()),
          s.urgencyRule(),
          s.ackTimeoutMinutes() == null ? "" : s.ackTimeoutMinutes().toString(),
          s.autoResolveTimeoutMinutes() == null ? "" : s.autoResolveTimeoutMinutes().toString());
    }

    ServiceRequest request() {
      return new ServiceRequest(
          ConsoleForms.blankToNull(name),
          description,
          ConsoleForms.id("team_id", teamId),
          ConsoleForms.id("escalation_policy_id", escalationPolicyId),
          ConsoleForms.blankToNull(urgencyRule),
          ConsoleForms.number("ack_timeout_minutes", ackTimeoutMinutes),
          ConsoleForms.number("auto_resolve_timeout_minutes", autoResolveTimeoutMinutes));
    }
  }

  /**
   * The grouping form as typed: the type, the time window, the payload fields chosen and the
   * custom_details keys (comma separated).
   */
  record GroupingForm(String type, String windowMinutes, List<String> fields, String detailKeys) {

    static GroupingForm of(AlertGrouping grouping) {
      if (grouping == null) {
        return new GroupingForm(AlertGrouping.NONE, "", List.of(), "");
      }
      List<String> fields = grouping.fields() == null ? List.of() : grouping.fields();
      return new GroupingForm(
          grouping.type(),
          grouping.timeWindowMinutes() == null ? "" : grouping.timeWindowMinutes().toString(),
          fields.stream().filter(AlertGrouping.PAYLOAD_FIELDS::contains).toList(),
          String.join(
              ", ",
              fields.stream()
                  .filter(f -> f.startsWith(AlertGrouping.CUSTOM_DETAILS))
                  .map(f -> f.substring(AlertGrouping.CUSTOM_DETAILS.length()))
                  .toList()));
    }

    /** The grouping as the API's request would carry it; fields only for the type that has them. */
    AlertGrouping grouping() {
      String chosen = type == null ? "" : type.strip();
      Integer window =
          chosen.equals(AlertGrouping.TIME)
              ? ConsoleForms.number("time_window_minutes", windowMinutes)
              : null;
      List<String> all = null;
      if (chosen.equals(AlertGrouping.CONTENT)) {
        all = new ArrayList<>(fields == null ? List.of() : fields);
        if (detailKeys != null) {
          for (String key : detailKeys.split(",")) {
            if (!key.isBlank()) {
              all.add(AlertGrouping.CUSTOM_DETAILS + key.strip());
            }
          }
        }
      }
      return new AlertGrouping(chosen, window, all);
    }

    public boolean has(String field) {
      return fields != null && fields.contains(field);
    }
  }

  /** Instants on the viewer's wall clock, with the zone named: "2026-12-01 22:00:00 UTC". */
  record WallClock(ZoneId zone) {

    private static final DateTimeFormatter FORMAT =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss VV");

    public String time(Instant at) {
      return FORMAT.format(at.atZone(zone));
    }
  }

  /** A maintenance window as typed: start and end on the viewer's wall clock. */
  record WindowForm(String start, String end, String description) {}

  @GetMapping
  String list(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, Model model) {
    model.addAttribute("services", services.list(caller.accountId(), null, null, LIST));
    model.addAttribute("policyNames", policyNames(caller));
    return "console/admin-services";
  }

  @GetMapping("/new")
  String blank(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, Model model) {
    return newForm(caller, model, new ServiceForm("", "", "", "", "high", "", ""), null);
  }

  @PostMapping
  String create(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @ModelAttribute ServiceForm form,
      Model model,
      RedirectAttributes redirect) {
    try {
      long id = services.create(caller.accountId(), forms.valid(form.request()));
      redirect.addFlashAttribute("notice", "Service " + form.name().strip() + " created.");
      return "redirect:/console/admin/services/" + id;
    } catch (ApiException refused) {
      return newForm(caller, model, form, ConsoleModel.sentence(refused));
    } catch (OnCallRefusal refused) {
      return newForm(caller, model, form, ConsoleForms.sentence(refused));
    }
  }

  @GetMapping("/{id}")
  String service(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long id, Model model) {
    ServiceView service = find(caller, id);
    return page(caller, model, service, ServiceForm.of(service), null);
  }

  @PostMapping("/{id}")
  String update(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      @ModelAttribute ServiceForm form,
      Model model,
      RedirectAttributes redirect) {
    ServiceView service = find(caller, id);
    try {
      services.update(caller.accountId(), id, forms.valid(form.request()));
      redirect.addFlashAttribute("notice", "Settings saved.");
      return "redirect:/console/admin/services/" + id;
    } catch (ApiException refused) {
      return page(caller, model, service, form, ConsoleModel.sentence(refused));
    } catch (OnCallRefusal refused) {
      return page(caller, model, service, form, ConsoleForms.sentence(refused));
    }
  }

  @PostMapping("/{id}/integration_keys")
  String addKey(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      RedirectAttributes redirect) {
    try {
      services.addKey(caller.accountId(), id);
      redirect.addFlashAttribute("notice", "A new integration key is ready.");
    } catch (OnCallRefusal refused) {
      redirect.addFlashAttribute("keyProblem", ConsoleForms.sentence(refused));
    }
    return "redirect:/console/admin/services/" + id;
  }

  /** Retires the key: the Events API refuses it from then on (how a leaked key is rotated). */
  @PostMapping("/{id}/integration_keys/{keyId}/retire")
  String retireKey(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      @PathVariable long keyId,
      RedirectAttributes redirect) {
    try {
      services.retireKey(caller.accountId(), id, keyId);
      redirect.addFlashAttribute("notice", "The key is retired: events sent with it are refused.");
    } catch (OnCallRefusal refused) {
      redirect.addFlashAttribute("keyProblem", ConsoleForms.sentence(refused));
    }
    return "redirect:/console/admin/services/" + id;
  }

  /**
   * Makes a heartbeat monitor; its ping URL is on the page that answers, once (not through a
   * redirect: the secret in it is never kept, not even in the session's flash attributes).
   */
  @PostMapping("/{id}/heartbeats")
  String addHeartbeat(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      @RequestParam(defaultValue = "") String name,
      @RequestParam(defaultValue = "") String intervalSeconds,
      Model model) {
    ServiceView service = find(caller, id);
    try {
      String pingUrl =
          heartbeats.create(
              caller,
              id,
              ConsoleForms.blankToNull(name),
              ConsoleForms.number("interval_seconds", intervalSeconds));
      model.addAttribute("pingUrl", pingUrl);
      model.addAttribute(
          "notice", "Monitor created. Copy its ping URL now: it is not shown again.");
      return page(caller, model, service, ServiceForm.of(service), null);
    } catch (ApiException refused) {
      model.addAttribute("heartbeatProblem", ConsoleModel.sentence(refused));
    } catch (OnCallRefusal refused) {
      model.addAttribute("heartbeatProblem", ConsoleForms.sentence(refused));
    }
    return page(caller, model, service, ServiceForm.of(service), null);
  }

  @PostMapping("/{id}/heartbeats/{monitorId}/delete")
  String deleteHeartbeat(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      @PathVariable long monitorId,
      RedirectAttributes redirect) {
    find(caller, id);
    try {
      heartbeats.delete(caller, id, monitorId);
      redirect.addFlashAttribute("notice", "Monitor deleted: its URL is refused from now on.");
    } catch (ApiException refused) {
      redirect.addFlashAttribute("heartbeatProblem", ConsoleModel.sentence(refused));
    } catch (OnCallRefusal refused) {
      redirect.addFlashAttribute("heartbeatProblem", ConsoleForms.sentence(refused));
    }
    return "redirect:/console/admin/services/" + id;
  }

  /** Sets the alert grouping through the store the API's {@code PUT .../alert_grouping} uses. */
  @PostMapping("/{id}/alert_grouping")
  String setGrouping(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      @ModelAttribute GroupingForm grouping,
      Model model,
      RedirectAttributes redirect) {
    ServiceView service = find(caller, id);
    try {
      services.setAlertGrouping(caller.accountId(), id, grouping.grouping());
      redirect.addFlashAttribute("notice", "Alert grouping saved.");
      return "redirect:/console/admin/services/" + id + "#grouping";
    } catch (ApiException refused) {
      model.addAttribute("groupingProblem", ConsoleModel.sentence(refused));
    } catch (OnCallRefusal refused) {
      model.addAttribute("groupingProblem", ConsoleForms.sentence(refused));
    }
    model.addAttribute("groupingForm", grouping);
    return page(caller, model, service, ServiceForm.of(service), null);
  }

  /** Schedules a window for this service, as {@code POST /api/v1/maintenance_windows} does. */
  @PostMapping("/{id}/maintenance")
  String addWindow(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      @ModelAttribute WindowForm window,
      Model model,
      RedirectAttributes redirect) {
    ServiceView service = find(caller, id);
    ZoneId zone = zone(caller);
    try {
      maintenance.create(
          caller.accountId(),
          new MaintenanceWindowRequest(
              id,
              ConsoleForms.blankToNull(window.description()),
              local("starts_at", window.start(), zone),
              local("ends_at", window.end(), zone)));
      redirect.addFlashAttribute("notice", "Maintenance window scheduled.");
      return "redirect:/console/admin/services/" + id + "#maintenance";
    } catch (ApiException refused) {
      model.addAttribute("maintenanceProblem", ConsoleModel.sentence(refused));
    } catch (OnCallRefusal refused) {
      model.addAttribute("maintenanceProblem", ConsoleForms.sentence(refused));
    }
    model.addAttribute("windowForm", window);
    return page(caller, model, service, ServiceForm.of(service), null);
  }

  /**
   * Deletes a window, as {@code DELETE /api/v1/maintenance_windows/{id}}: one that is on ends at
   * once; the alerts it held stay held.
   */
  @PostMapping("/{id}/maintenance/{windowId}/delete")
  String deleteWindow(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      @PathVariable long windowId,
      RedirectAttributes redirect) {
    find(caller, id);
    try {
      maintenance.delete(caller.accountId(), windowId);
      redirect.addFlashAttribute("notice", "Maintenance window ended: alerts page again.");
    } catch (OnCallRefusal refused) {
      redirect.addFlashAttribute("maintenanceProblem", ConsoleForms.sentence(refused));
    }
    return "redirect:/console/admin/services/" + id + "#maintenance";
  }

  private ZoneId zone(ApiCaller caller) {
    return IncidentStories.zone(records.timeZone(caller.accountId(), caller.userId()));
  }

  private static Instant local(String field, String text, ZoneId zone) {
    if (text == null || text.isBlank()) {
      throw ApiException.badRequest(field, "is required");
    }
    try {
      return LocalDateTime.parse(text.strip()).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(field, "must be a date and time");
    }
  }

  private String newForm(ApiCaller caller, Model model, ServiceForm form, String problem) {
    choices(caller, model);
    model.addAttribute("form", form);
    model.addAttribute("problem", problem);
    return "console/admin-service-new";
  }

  private String page(
      ApiCaller caller, Model model, ServiceView service, ServiceForm form, String problem) {
    choices(caller, model);
    model.addAttribute("service", service);
    model.addAttribute("form", form);
    if (problem != null) {
      model.addAttribute("problem", problem);
    }
    model.addAttribute(
        "snippets",
        service.integrationKeys().stream()
            .collect(
                Collectors.toMap(
                    ServiceView.IntegrationKeyView::id,
                    key -> IntegrationSnippets.of(publicUrl, service.name(), key.routingKey()))));
    AlertGrouping grouping = services.alertGrouping(caller.accountId(), service.id()).orElse(null);
    model.addAttribute("grouping", grouping);
    if (!model.containsAttribute("groupingForm")) {
      model.addAttribute("groupingForm", GroupingForm.of(grouping));
    }
    ZoneId zone = zone(caller);
    model.addAttribute("zone", zone.getId());
    model.addAttribute("clock", new WallClock(zone));
    if (!model.containsAttribute("windowForm")) {
      LocalDateTime now = LocalDateTime.now(zone).truncatedTo(ChronoUnit.HOURS).plusHours(1);
      model.addAttribute(
          "windowForm", new WindowForm(now.toString(), now.plusHours(2).toString(), ""));
    }
    model.addAttribute("heartbeats", heartbeats.list(caller, service.id()));
    Instant now = Instant.now();
    model.addAttribute("now", now);
    model.addAttribute(
        "maintenance", maintenance.list(caller.accountId(), service.id(), false, now, LIST));
    return "console/admin-service";
  }

  private void choices(ApiCaller caller, Model model) {
    model.addAttribute("policies", policies.list(caller.accountId(), null, null, LIST));
    model.addAttribute("teams", teams.list(caller.accountId(), null, LIST));
  }

  private Map<Long, String> policyNames(ApiCaller caller) {
    return policies.list(caller.accountId(), null, null, LIST).stream()
        .collect(Collectors.toMap(p -> p.id(), p -> p.name()));
  }

  private ServiceView find(ApiCaller caller, long id) {
    return services
        .find(caller.accountId(), id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }
}
