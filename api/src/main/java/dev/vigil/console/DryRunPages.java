package dev.vigil.console;

import dev.vigil.auth.ApiCaller;
import dev.vigil.escalation.assignment.DryRun;
import dev.vigil.escalation.assignment.EscalationDryRun;
import dev.vigil.incident.record.IncidentRecords;
import dev.vigil.oncall.OnCallRefusal;
import dev.vigil.oncall.Paging;
import dev.vigil.oncall.service.ServiceStore;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Who gets paged, on which channel, when": a service and an instant on the reader's wall clock,
 * and the timeline of pages its escalation would send then, from the same dry run as the REST API's
 * {@code GET /api/v1/services/{id}/dry_run}. Nothing is sent.
 */
@Controller
@Hidden
class DryRunPages {

  private static final Paging CHOICES = new Paging(200, 0);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm:ss");

  private final EscalationDryRun dryRun;
  private final ServiceStore services;
  private final IncidentRecords records;

  DryRunPages(EscalationDryRun dryRun, ServiceStore services, IncidentRecords records) {
    this.dryRun = dryRun;
    this.services = services;
    this.records = records;
  }

  /** The form as sent: {@code at} is a {@code datetime-local} on the reader's wall clock. */
  record Asked(Long service, String at, String urgency) {}

  @GetMapping("/console/services/dry_run")
  String dryRun(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @RequestParam(required = false) Long service,
      @RequestParam(defaultValue = "") String at,
      @RequestParam(defaultValue = "") String urgency,
      Model model,
      HttpServletResponse response) {
    ZoneId zone = IncidentStories.zone(records.timeZone(caller.accountId(), caller.userId()));
    String shownAt =
        at.isBlank()
            ? LocalDateTime.ofInstant(Instant.now(), zone)
                .truncatedTo(ChronoUnit.MINUTES)
                .toString()
            : at.strip();
    model.addAttribute("asked", new Asked(service, shownAt, urgency));
    model.addAttribute("zone", zone.getId());
    model.addAttribute("services", services.list(caller.accountId(), null, null, CHOICES));
    if (service == null) {
      return "console/dry-run";
    }
    Instant instant;
    try {
      instant = LocalDateTime.parse(shownAt).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      model.addAttribute("problem", "'" + at + "' is not a date and time (2026-12-01T03:00).");
      return "console/dry-run";
    }
    if (!urgency.isBlank() && !urgency.equals("high") && !urgency.equals("low")) {
      model.addAttribute("problem", "Urgency is high or low.");
      return "console/dry-run";
    }
    try {
      DryRun run =
          dryRun.run(caller.accountId(), service, instant, urgency.isBlank() ? null : urgency);
      model.addAttribute("run", run);
      model.addAttribute("clock", new Clock(zone));
    } catch (OnCallRefusal refused) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      model.addAttribute("problem", "No such service.");
    }
    return "console/dry-run";
  }

  /** Times on the reader's wall clock ({@code ${clock.time(...)}}), delays in words. */
  record Clock(ZoneId zone) {

    public String time(Instant at) {
      return at == null ? "" : TIME.format(at.atZone(zone));
    }

    public String after(int seconds) {
      if (seconds == 0) {
        return "at once";
      }
      return seconds % 60 == 0 ? seconds / 60 + " min after" : seconds + " s after";
    }
  }
}
