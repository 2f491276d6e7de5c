package dev.vigil.service;

import dev.vigil.auth.ApiCaller;
import dev.vigil.escalation.assignment.DryRun;
import dev.vigil.escalation.assignment.EscalationDryRun;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** "Who gets paged, on which channel, when": a service's escalation walked without paging. */
@RestController
@Tag(
    name = "Services",
    description = "What is monitored: events arrive by its integration keys, incidents open on it")
class ServiceDryRunController {

  private final EscalationDryRun dryRun;

  ServiceDryRunController(EscalationDryRun dryRun) {
    this.dryRun = dryRun;
  }

  @GetMapping("/api/v1/services/{id}/dry_run")
  @Operation(
      summary = "Who would be paged",
      description =
          "An incident of the service opened at `at`, walked through its escalation policy"
              + " level by level with the same code escalation uses: when each level fires,"
              + " whom it assigns (schedules resolved at that instant, overrides included), the"
              + " pages each person's notification rules send (channel, masked contact method,"
              + " delay) and why anyone or anything is left out (no verified contact method, a"
              + " step the next level overtakes, a maintenance window on at that instant)."
              + " Nothing is sent or written.")
  Map<String, DryRun> get(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      @Parameter(description = "Default: now", example = "2026-12-01T03:00:00Z")
          @RequestParam(required = false)
          Instant at,
      @Parameter(description = "`high` or `low`; default: the one the service's urgency rule gives")
          @RequestParam(required = false)
          String urgency) {
    if (urgency != null && !urgency.equals("high") && !urgency.equals("low")) {
      throw ApiException.badRequest("urgency", "must be one of high, low");
    }
    return Map.of(
        "dry_run", dryRun.run(caller.accountId(), id, at == null ? Instant.now() : at, urgency));
  }
}
