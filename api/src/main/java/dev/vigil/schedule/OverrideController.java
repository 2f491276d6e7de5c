package dev.vigil.schedule;

import dev.vigil.auth.ApiCaller;
import dev.vigil.oncall.schedule.Reference;
import dev.vigil.oncall.schedule.ScheduleStore;
import dev.vigil.web.ApiException;
import dev.vigil.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
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

  private final ScheduleStore store;
  private final JdbcClient jdbc;

  OverrideController(ScheduleStore store, JdbcClient jdbc) {
    this.store = store;
    this.jdbc = jdbc;
  }

  @Schema(
      example =
          "{\"user_id\": 12, \"start\": \"2026-10-27T16:00:00Z\", \"end\": \"2026-10-27T18:00:00Z\"}")
  record OverrideRequest(@NotNull Long userId, @NotNull Instant start, @NotNull Instant end) {}

  record OverrideView(long id, Reference user, Instant start, Instant end, Instant createdAt) {}

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
    requireSchedule(caller, scheduleId);
    Page.PageRequest request = Page.PageRequest.of(limit, offset);
    Instant from = since == null ? Instant.now() : since;
    if (until != null && !until.isAfter(from)) {
      throw ApiException.badRequest("until", "must be after since");
    }
    Page<OverrideView> page =
        Page.of(
            jdbc.sql(
                    """
                    select o.id, o.user_id, u.name, o.start_at, o.end_at, o.created_at
                    from schedule_overrides o join users u on u.id = o.user_id
                    where o.account_id = :account and o.schedule_id = :schedule
                      and o.end_at > :since
                      and (cast(:until as timestamptz) is null or o.start_at < :until)
                    order by o.start_at, o.id limit :limit offset :offset""")
                .param("account", caller.accountId())
                .param("schedule", scheduleId)
                .param("since", Timestamp.from(from))
                .param("until", until == null ? null : Timestamp.from(until))
                .param("limit", request.fetch())
                .param("offset", request.offset())
                .query(OverrideController::view)
                .list(),
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
    requireSchedule(caller, scheduleId);
    if (!request.end().isAfter(request.start())) {
      throw ApiException.badRequest("end", "must be after start");
    }
    if (store.usersAmong(caller.accountId(), List.of(request.userId())).isEmpty()) {
      throw ApiException.badRequest("user_id", "is not a user of this account");
    }
    OverrideView created =
        jdbc.sql(
                """
                with o as (
                  insert into schedule_overrides (account_id, schedule_id, user_id, start_at, end_at)
                  values (:account, :schedule, :user, :start, :end)
                  returning id, user_id, start_at, end_at, created_at)
                select o.id, o.user_id, u.name, o.start_at, o.end_at, o.created_at
                from o join users u on u.id = o.user_id and u.account_id = :account""")
            .param("account", caller.accountId())
            .param("schedule", scheduleId)
            .param("user", request.userId())
            .param("start", Timestamp.from(request.start()))
            .param("end", Timestamp.from(request.end()))
            .query(OverrideController::view)
            .single();
    return Map.of("override", created);
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Remove an override")
  void delete(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long scheduleId,
      @PathVariable long id) {
    requireSchedule(caller, scheduleId);
    int deleted =
        jdbc.sql(
                "delete from schedule_overrides where account_id = ? and schedule_id = ? and id = ?")
            .params(caller.accountId(), scheduleId, id)
            .update();
    if (deleted == 0) {
      throw ApiException.notFound("Override " + id);
    }
  }

  private static OverrideView view(ResultSet rs, int row) throws SQLException {
    return new OverrideView(
        rs.getLong("id"),
        new Reference(rs.getLong("user_id"), rs.getString("name")),
        rs.getTimestamp("start_at").toInstant(),
        rs.getTimestamp("end_at").toInstant(),
        rs.getTimestamp("created_at").toInstant());
  }

  private void requireSchedule(ApiCaller caller, long scheduleId) {
    store
        .find(caller.accountId(), scheduleId)
        .orElseThrow(() -> ScheduleController.notFound(scheduleId));
  }
}
