package dev.vigil.console;

import dev.vigil.auth.ApiCaller;
import dev.vigil.oncall.Paging;
import dev.vigil.oncall.schedule.OnCallResolver;
import dev.vigil.oncall.schedule.ScheduleRenderer;
import dev.vigil.oncall.schedule.ScheduleStore;
import dev.vigil.oncall.schedule.Shift;
import dev.vigil.oncall.schedule.StoredSchedules;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;

/**
 * Who is on call now, per schedule, and the caller's own shifts of the next two weeks: the same
 * schedule engine as {@code GET /api/v1/oncalls} and escalation itself, so the page shows whom a
 * level would page.
 */
@Controller
@Hidden
class OnCallPages {

  /** How far ahead "my shifts" looks. */
  static final Duration AHEAD = Duration.ofDays(14);

  /** Schedules listed; an account with more reads the rest through the API. */
  static final int SCHEDULES = 100;

  private final ScheduleStore store;
  private final StoredSchedules schedules;
  private final OnCallResolver resolver;

  OnCallPages(ScheduleStore store, StoredSchedules schedules, OnCallResolver resolver) {
    this.store = store;
    this.schedules = schedules;
    this.resolver = resolver;
  }

  /** A schedule and who is on it now ({@code person} null when nobody is). */
  record Now(String schedule, String person, Instant until) {}

  private record Found(String schedule, OnCallResolver.OnCall onCall) {}

  /** One of the caller's shifts. */
  record MyShift(String schedule, Instant start, Instant end) {}

  @GetMapping("/console/oncall")
  String onCall(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, Model model) {
    long account = caller.accountId();
    Instant now = Instant.now();
    List<Found> found = new ArrayList<>();
    for (long id : store.scheduleIds(account, null, now, new Paging(SCHEDULES, 0))) {
      schedules
          .find(account, id)
          .ifPresent(
              schedule ->
                  found.add(
                      new Found(schedule.name(), resolver.onSchedule(schedule, now).orElse(null))));
    }
    Map<Long, String> names =
        store.userNames(
            account,
            found.stream().filter(f -> f.onCall() != null).map(f -> f.onCall().userId()).toList());
    model.addAttribute(
        "now",
        found.stream()
            .map(
                f ->
                    f.onCall() == null
                        ? new Now(f.schedule(), null, null)
                        : new Now(f.schedule(), names.get(f.onCall().userId()), f.onCall().end()))
            .toList());
    model.addAttribute("shifts", caller.userId() == null ? List.of() : shiftsOf(caller, now));
    return "console/oncall";
  }

  private List<MyShift> shiftsOf(ApiCaller caller, Instant now) {
    List<MyShift> shifts = new ArrayList<>();
    for (long id : store.scheduleIds(caller.accountId(), caller.userId(), now)) {
      schedules
          .find(caller.accountId(), id)
          .ifPresent(
              schedule -> {
                for (Shift shift :
                    ScheduleRenderer.shiftsOf(
                        schedule.schedule(), caller.userId(), now, now.plus(AHEAD))) {
                  shifts.add(new MyShift(schedule.name(), shift.start(), shift.end()));
                }
              });
    }
    shifts.sort(Comparator.comparing(MyShift::start));
    return shifts;
  }
}
