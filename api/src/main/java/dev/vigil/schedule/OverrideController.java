package dev.vigil.schedule;

import dev.vigil.auth.ApiCaller;
import dev.vigil.oncall.Paging;
import dev.vigil.oncall.schedule.Overrides;
import dev.vigil.oncall.schedule.Overrides.StoredOverride;
import dev.vigil.oncall.schedule.Reference;
import dev.vigil.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Overrides put one user on call over every layer for a while; among overlapping overrides the one
 * created later wins.
 */
@RestController
@RequestMapping("/api/v1/schedules/{scheduleId}/overrides")
@Tag(name = "Schedules")
class OverrideController {

  private final Overrides overrides;

  OverrideController(Overrides overrides) {
    this.overrides = overrides;
  }

  @Schema(
      example =
          "{\"user_id\": 12, \"start\": \"2026-10-27T16:00:00Z\", \"end\": \"2026-10-27T18:00:00Z\"}")
  record OverrideRequest(@NotNull Long userId, @NotNull Instant start, @NotNull Instant end) {}

  record OverrideView(long id, Reference user, Instant start, Instant end, Instant createdAt) {

    static OverrideView of(StoredOverride override) {
      return new OverrideView(
          override.id(),
          new Reference(override.userId(), override.userName()),
          override.start(),
          override.end(),
          override.createdAt());
    }
  }

  @GetMapping
  @Operation(
      summary = "List a schedule's overrides",
      description = "Those overlapping [since, until), by start.")
  Map<String, Object> list(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long scheduleId,
      @Parameter(description = "Default: now") @RequestParam(required = false) Instant since,
      @Parameter(description = "Default: no end") @RequestParam(required = false) Instant until,
      @RequestParam(defaultValue = "25") int limit,
      @RequestParam(defaultValue = "0") int offset) {
    Page.PageRequest request = Page.PageRequest.of(limit, offset);
    Instant from = since == null ? Instant.now() : since;
    Page<OverrideView> page =
        Page.of(
            overrides
                .list(
                    caller.accountId(),
                    scheduleId,
                    from,
                    until,
                    new Paging(request.limit(), request.offset()))
                .stream()
                .map(OverrideView::of)
                .toList(),
            request);
    return page.body("overrides");
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Add an override",
      description = "Puts a user of the account on call over every layer for [start, end).")
  Map<String, OverrideView> create(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long scheduleId,
      @Valid @RequestBody OverrideRequest request) {
    StoredOverride created =
        overrides.add(
            caller.accountId(), scheduleId, request.userId(), request.start(), request.end());
    return Map.of("override", OverrideView.of(created));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Remove an override")
  void delete(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long scheduleId,
      @PathVariable long id) {
    overrides.remove(caller.accountId(), scheduleId, id);
  }
}
