package dev.vigil.console;

import dev.vigil.auth.ApiCaller;
import dev.vigil.incident.record.IncidentRecords;
import dev.vigil.oncall.Paging;
import dev.vigil.oncall.service.ServiceStore;
import dev.vigil.temporal.TemporalUiLinks;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Support staff's pages: find an incident by what a customer says (its number, words of its title,
 * its service, when it happened), and read its history in plain words with why each person was
 * paged or not, and a link to its raw workflow history in the Temporal UI.
 */
@Controller
@Hidden
@RequestMapping("/console/incidents")
class SupportPages {

  /** How many incidents a search shows, newest first. */
  static final int FOUND = 50;

  /** Who sees the link into the Temporal UI: what it shows is Vigil's own machinery. */
  private static final Set<String> TEMPORAL_UI_ROLES = Set.of("admin", "support");

  private static final Paging CHOICES = new Paging(200, 0);

  private final IncidentRecords records;
  private final IncidentStories stories;
  private final ServiceStore services;
  private final TemporalUiLinks temporalUi;

  SupportPages(
      IncidentRecords records,
      IncidentStories stories,
      ServiceStore services,
      TemporalUiLinks temporalUi) {
    this.records = records;
    this.stories = stories;
    this.services = services;
    this.temporalUi = temporalUi;
  }

  /** The search form as sent: every field optional; times are the reader's wall clock. */
  record Criteria(String number, String words, Long service, String from, String to) {}

  @GetMapping("/search")
  String search(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @RequestParam(defaultValue = "") String number,
      @RequestParam(defaultValue = "") String words,
      @RequestParam(required = false) Long service,
      @RequestParam(defaultValue = "") String from,
      @RequestParam(defaultValue = "") String to,
      Model model) {
    ZoneId zone = IncidentStories.zone(records.timeZone(caller.accountId(), caller.userId()));
    Criteria criteria = new Criteria(number.strip(), words.strip(), service, from, to);
    model.addAttribute("criteria", criteria);
    model.addAttribute("zone", zone.getId());
    model.addAttribute("services", services.list(caller.accountId(), null, null, CHOICES));
    Long wanted = null;
    String digits = criteria.number().replaceFirst("^#", "").strip();
    if (!digits.isEmpty()) {
      try {
        wanted = Long.parseLong(digits);
      } catch (NumberFormatException e) {
        model.addAttribute("problem", "'" + criteria.number() + "' is not an incident number.");
        return "console/search";
      }
    }
    Optional<Instant> since = at(from, zone, false);
    Optional<Instant> until = at(to, zone, true);
    if ((!from.isBlank() && since.isEmpty()) || (!to.isBlank() && until.isEmpty())) {
      model.addAttribute("problem", "Times are a date (2026-11-28) or a date and time.");
      return "console/search";
    }
    boolean asked =
        wanted != null
            || !words.isBlank()
            || service != null
            || since.isPresent()
            || until.isPresent();
    if (asked) {
      List<IncidentRecords.Found> found =
          records.search(
              caller.accountId(),
              new IncidentRecords.Search(
                  wanted, words, service, since.orElse(null), until.orElse(null)),
              FOUND);
      model.addAttribute("found", found);
      model.addAttribute("limit", FOUND);
    }
    return "console/search";
  }

  /**
   * A date, or a date and time ({@code datetime-local}), on the reader's wall clock. A date alone
   * means its whole day: from its start, or until its end.
   */
  private static Optional<Instant> at(String text, ZoneId zone, boolean endOfDay) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      if (text.length() <= 10) {
        LocalDate day = LocalDate.parse(text.strip());
        return Optional.of((endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant());
      }
      return Optional.of(LocalDateTime.parse(text.strip()).atZone(zone).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  @GetMapping("/{number}/history")
  String history(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long number,
      Model model,
      HttpServletResponse response) {
    Optional<IncidentStories.Story> story = stories.of(caller, number);
    if (story.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      model.addAttribute("number", number);
      return "console/no-incident";
    }
    model.addAttribute("story", story.get());
    if (TEMPORAL_UI_ROLES.contains(caller.role())) {
      var incident = story.get().incident();
      temporalUi
          .workflowRun(incident.workflowId(), incident.runId())
          .ifPresent(url -> model.addAttribute("temporalUi", url));
    }
    return "console/history";
  }
}
