package dev.vigil.oncall.schedule;

import dev.vigil.oncall.OnCallRefusal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who is on call at one instant: on schedules, and on the levels of an escalation policy (its user
 * targets as they are, its schedule targets' on-call people). All rotation maths is the engine's.
 */
@Component
public class OnCallResolver {

  /** How far around the instant a shift's bounds are looked up; beyond it they are null. */
  public static final Duration HORIZON = Duration.ofDays(31);

  private final StoredSchedules storedSchedules;
  private final JdbcClient jdbc;

  OnCallResolver(StoredSchedules storedSchedules, JdbcClient jdbc) {
    this.storedSchedules = storedSchedules;
    this.jdbc = jdbc;
  }

  /**
   * One on-call person and why.
   *
   * @param schedule the schedule that puts them on call; null for a user target of a policy
   * @param start the shift's start, null for a user target or when further than {@link #HORIZON}
   * @param end likewise
   */
  public record OnCall(
      long userId,
      Reference schedule,
      Reference escalationPolicy,
      Integer escalationLevel,
      Instant start,
      Instant end) {}

  /** The person {@code schedule} has on call at {@code at}, if anyone. */
  public Optional<OnCall> onSchedule(StoredSchedules.Named schedule, Instant at) {
    Instant from = at.minus(HORIZON);
    Instant to = at.plus(HORIZON);
    // The engine's onCallAt is the final schedule over [at, at + 1 ns), and a rendering of [from,
    // to) equals its parts rendered and joined (ADR 0006): the shift holding `at` here is exactly
    // whom escalation pages at `at`. Rendering a range also gives the shift's bounds.
    for (Shift shift : ScheduleRenderer.finalShifts(schedule.schedule(), from, to)) {
      if (shift.contains(at)) {
        return Optional.of(
            new OnCall(
                shift.userId(),
                new Reference(schedule.id(), schedule.name()),
                null,
                null,
                shift.start().equals(from) ? null : shift.start(),
                shift.end().equals(to) ? null : shift.end()));
      }
    }
    return Optional.empty();
  }

  /** Whom each level of the policy (or only {@code level}) would page at {@code at}, in order. */
  public List<OnCall> onPolicy(long accountId, long policyId, Integer level, Instant at) {
    Reference policy =
        jdbc.sql("select id, name from escalation_policies where account_id = ? and id = ?")
            .params(accountId, policyId)
            .query(Reference.class)
            .optional()
            .orElseThrow(() -> OnCallRefusal.notFound("Escalation policy " + policyId));
    if (level != null && !levelExists(accountId, policyId, level)) {
      throw OnCallRefusal.invalid(
          "level", "is not a level of escalation policy " + policyId + " (levels count from 1)");
    }
    List<Target> targets =
        jdbc.sql(
                """
                select l.position, t.user_id, t.schedule_id
                from escalation_levels l join escalation_targets t on t.level_id = l.id
                where l.account_id = :account and l.policy_id = :policy
                  and (cast(:level as int) is null or l.position = :level)
                order by l.position, t.id""")
            .param("account", accountId)
            .param("policy", policyId)
            .param("level", level)
            .query(Target.class)
            .list();
    Map<Long, Optional<StoredSchedules.Named>> schedules = new HashMap<>();
    List<OnCall> onCalls = new ArrayList<>();
    for (Target target : targets) {
      if (target.userId() != null) {
        onCalls.add(new OnCall(target.userId(), null, policy, target.position(), null, null));
      } else {
        schedules
            .computeIfAbsent(
                target.scheduleId(), id -> storedSchedules.find(accountId, target.scheduleId()))
            .flatMap(schedule -> onSchedule(schedule, at))
            .ifPresent(
                onCall ->
                    onCalls.add(
                        new OnCall(
                            onCall.userId(),
                            onCall.schedule(),
                            policy,
                            target.position(),
                            onCall.start(),
                            onCall.end())));
      }
    }
    return onCalls;
  }

  private boolean levelExists(long accountId, long policyId, int level) {
    return jdbc.sql(
            "select exists (select 1 from escalation_levels"
                + " where account_id = ? and policy_id = ? and position = ?)")
        .params(accountId, policyId, level)
        .query(Boolean.class)
        .single();
  }

  /** One target of a level: a user or a schedule. */
  public record Target(int position, Long userId, Long scheduleId) {}
}
