package dev.vigil.oncall.escalation;

import dev.vigil.oncall.schedule.ScheduleRenderer;
import dev.vigil.oncall.schedule.StoredSchedules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Turns a level's targets into the people to page at one instant: users as they are now, and
 * whoever each schedule has on call at that instant, so a hand-off during an incident is honoured.
 */
@Component
public class LevelTargets {

  private final JdbcClient jdbc;
  private final StoredSchedules schedules;

  LevelTargets(JdbcClient jdbc, StoredSchedules schedules) {
    this.jdbc = jdbc;
    this.schedules = schedules;
  }

  /** People in target order, each once, with why they were chosen. */
  public Resolved resolve(long accountId, List<PolicyTarget> targets, Instant at) {
    Map<Long, Assignee> people = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    for (PolicyTarget target : targets) {
      switch (target.type()) {
        case USER ->
            // Read now, within the account: a user deleted since the snapshot is skipped.
            user(accountId, target.id(), null, false).ifPresent(u -> people.putIfAbsent(u.id(), u));
        case SCHEDULE -> {
          Optional<StoredSchedules.Named> schedule = schedules.find(accountId, target.id());
          if (schedule.isEmpty()) {
            notes.add("schedule " + target.id() + " no longer exists");
            continue;
          }
          Optional<Long> onCall = ScheduleRenderer.onCallAt(schedule.get().schedule(), at);
          if (onCall.isEmpty()) {
            notes.add("schedule \"" + schedule.get().name() + "\" has nobody on call");
            continue;
          }
          boolean overriding =
              schedule.get().schedule().overrides().stream()
                  .anyMatch(
                      o ->
                          o.userId() == onCall.get()
                              && !o.start().isAfter(at)
                              && o.end().isAfter(at));
          user(accountId, onCall.get(), schedule.get().name(), overriding)
              .ifPresent(u -> people.putIfAbsent(u.id(), u));
        }
      }
    }
    return new Resolved(List.copyOf(people.values()), notes);
  }

  private Optional<Assignee> user(
      long accountId, long userId, String viaSchedule, boolean override) {
    return jdbc.sql("select id, name from users where account_id = ? and id = ?")
        .params(accountId, userId)
        .query(
            (rs, n) -> new Assignee(rs.getLong("id"), rs.getString("name"), viaSchedule, override))
        .optional();
  }

  /**
   * @param viaSchedule the schedule that put them on call, or null for a user target
   * @param override whether an override of that schedule put them on call
   */
  public record Assignee(long id, String name, String viaSchedule, boolean override) {

    public String describe() {
      return viaSchedule == null ? name : name + " (on call for \"" + viaSchedule + "\")";
    }
  }

  public record Resolved(List<Assignee> assignees, List<String> notes) {}
}
