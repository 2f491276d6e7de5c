package dev.vigil.schedule;

import dev.vigil.auth.ApiCaller;
import dev.vigil.oncall.Paging;
import dev.vigil.oncall.schedule.OnCallResolver;
import dev.vigil.oncall.schedule.Reference;
import dev.vigil.oncall.schedule.ScheduleStore;
import dev.vigil.oncall.schedule.StoredSchedules;
import dev.vigil.web.ApiException;
import dev.vigil.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/oncalls")
@Tag(name = "On call", description = "Who is on call at an instant, by schedule, user or policy")
class OnCallController {

  private final OnCallResolver resolver;
  private final StoredSchedules storedSchedules;
  private final ScheduleStore store;

  OnCallController(OnCallResolver resolver, StoredSchedules storedSchedules, ScheduleStore store) {
    this.resolver = resolver;
    this.storedSchedules = storedSchedules;
    this.store = store;
  }

  /**
   * @param user who is on call
   * @param schedule the schedule that puts them on call; null for a policy's user target
   * @param escalationPolicy with {@code escalationLevel}: set when asked by escalation_policy_id
   * @param start the on-call shift's bounds; null for a user target, or when more than 31 days from
   *     {@code at}
   */
  record OnCallView(
      Reference user,
      Reference schedule,
      Reference escalationPolicy,
      Integer escalationLevel,
      Instant start,
      Instant end) {}

  @GetMapping
  @Operation(
      summary = "Who is on call",
      description =
          "By escalation_policy_id (optionally one level): per level, whom it would page at that"
              + " instant, user targets and schedules' on-call people, one entry per target."
              + " Otherwise one entry per schedule with someone on call: schedule_id picks one,"
              + " user_id keeps the schedules that have that user on call. Filters combine."
              + " Without a policy, `limit` and `offset` page through the account's schedules"
              + " (in id order); a page lists those of its schedules with someone on call, so it"
              + " may hold fewer entries than `limit` while `more` is true.")
  Map<String, Object> oncalls(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @Parameter(description = "Default: now", example = "2026-10-27T17:00:00Z")
          @RequestParam(required = false)
          Instant at,
      @RequestParam(name = "schedule_id", required = false) Long scheduleId,
      @RequestParam(name = "user_id", required = false) Long userId,
      @RequestParam(name = "escalation_policy_id", required = false) Long policyId,
      @Parameter(description = "A level of escalation_policy_id, counting from 1")
          @RequestParam(required = false)
          Integer level,
      @RequestParam(defaultValue = "25") int limit,
      @RequestParam(defaultValue = "0") int offset) {
    Page.PageRequest page = Page.PageRequest.of(limit, offset);
    long account = caller.accountId();
    Instant when = at == null ? Instant.now() : at;
    if (level != null && policyId == null) {
      throw ApiException.badRequest("level", "needs escalation_policy_id");
    }
    if (userId != null && store.usersAmong(account, List.of(userId)).isEmpty()) {
      throw ApiException.notFound("User " + userId);
    }
    if (scheduleId != null && store.find(account, scheduleId).isEmpty()) {
      throw ScheduleController.notFound(scheduleId);
    }

    List<OnCallResolver.OnCall> onCalls = new ArrayList<>();
    boolean more = false;
    if (policyId != null) {
      onCalls.addAll(resolver.onPolicy(account, policyId, level, when));
    } else {
      // Each schedule is rendered to answer: page through them, not through the answers.
      Page<Long> schedules =
          Page.of(
              scheduleId != null
                  ? List.of(scheduleId)
                  : store.scheduleIds(
                      account, userId, when, new Paging(page.limit(), page.offset())),
              page);
      more = schedules.more();
      for (long id : schedules.items()) {
        storedSchedules
            .find(account, id)
            .flatMap(schedule -> resolver.onSchedule(schedule, when))
            .ifPresent(onCalls::add);
      }
    }
    List<OnCallResolver.OnCall> wanted =
        onCalls.stream()
            .filter(
                onCall ->
                    scheduleId == null
                        || (onCall.schedule() != null && onCall.schedule().id() == scheduleId))
            .filter(onCall -> userId == null || onCall.userId() == userId)
            .toList();

    Map<Long, String> names =
        store.userNames(account, wanted.stream().map(OnCallResolver.OnCall::userId).toList());
    List<OnCallView> views =
        wanted.stream()
            .map(
                onCall ->
                    new OnCallView(
                        new Reference(
                            onCall.userId(),
                            names.getOrDefault(onCall.userId(), "User " + onCall.userId())),
                        onCall.schedule(),
                        onCall.escalationPolicy(),
                        onCall.escalationLevel(),
                        onCall.start(),
                        onCall.end()))
            .toList();
    return Map.of("at", when, "oncalls", views, "limit", limit, "offset", offset, "more", more);
  }
}
