package dev.vigil.console;

import dev.vigil.console.LevelsFired.Fired;
import dev.vigil.incident.record.IncidentRecords.Entry;
import dev.vigil.incident.record.IncidentRecords.Page;
import dev.vigil.incident.record.IncidentRecords.Person;
import dev.vigil.incident.record.IncidentRecords.Recorded;
import dev.vigil.oncall.escalation.LevelTargets;
import dev.vigil.oncall.escalation.PolicyTarget;
import dev.vigil.oncall.escalation.StoredPolicies;
import dev.vigil.oncall.schedule.StoredSchedules;
import dev.vigil.oncall.user.PagingPlans;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * "Why was Bob paged, and why not Carol": for each person of the account, from the levels the
 * incident's timeline says fired and the pages the notification log holds. Who a level of the
 * policy names is read from the policy as it is now: the incident's own snapshot lives in its
 * workflow, not in the record (docs/decisions/0056).
 */
@Component
class PagingReasons {

  private static final Set<String> TRIED = Set.of("sending", "sent", "delivered", "failed");

  private final StoredPolicies policies;
  private final LevelTargets targets;
  private final PagingPlans plans;
  private final StoredSchedules schedules;

  PagingReasons(
      StoredPolicies policies, LevelTargets targets, PagingPlans plans, StoredSchedules schedules) {
    this.schedules = schedules;
    this.policies = policies;
    this.targets = targets;
    this.plans = plans;
  }

  /**
   * @param paged whether a page went to a provider for them
   */
  record Reason(long userId, String name, boolean paged, String sentence) {}

  List<Reason> explain(
      long accountId,
      Recorded incident,
      List<Entry> timeline,
      List<Page> pages,
      List<Person> people,
      PlainHistory clock) {
    LevelsFired levels = LevelsFired.of(timeline, pages.stream().map(Page::at).toList());
    Optional<StoredPolicies.StoredPolicy> policy = policies.find(accountId, incident.policyId());
    List<Reason> reasons = new ArrayList<>();
    List<Reason> notPaged = new ArrayList<>();
    for (Person person : people) {
      List<Page> theirs =
          pages.stream().filter(p -> p.userId() != null && p.userId() == person.id()).toList();
      Optional<Page> tried = theirs.stream().filter(p -> TRIED.contains(p.status())).findFirst();
      if (tried.isPresent()) {
        reasons.add(
            new Reason(
                person.id(),
                person.name(),
                true,
                paged(accountId, person, tried.get(), levels, incident, timeline, policy, clock)));
      } else {
        notPaged.add(
            new Reason(
                person.id(),
                person.name(),
                false,
                notPaged(accountId, person, theirs, levels, incident, timeline, policy, clock)));
      }
    }
    reasons.addAll(notPaged);
    return reasons;
  }

  private String paged(
      long accountId,
      Person person,
      Page page,
      LevelsFired levels,
      Recorded incident,
      List<Entry> timeline,
      Optional<StoredPolicies.StoredPolicy> policy,
      PlainHistory clock) {
    Fired level = levels.paging(page.at());
    String when = person.name() + " was paged at " + clock.time(page.at());
    if (level == null) {
      return when + ", by a step the timeline does not name.";
    }
    String by =
        " by level "
            + level.level()
            + (level.pass() > 1 ? " (pass " + level.pass() + ")" : "")
            + " of "
            + policyOf(level, incident, timeline);
    String schedule = level.viaSchedule(person.name());
    String how =
        schedule != null
            ? (overriding(accountId, person, level, schedule, policy)
                    ? ", through an override of the schedule \""
                    : ", as the one on call for the schedule \"")
                + schedule
                + "\" at that time"
            : level.assigns(person.name()) ? ", which names them directly" : "";
    return when + by + how + ". " + due(level, levels, clock);
  }

  /**
   * Whether an override put the person on call for that schedule when the level fired: the schedule
   * is found among the level's targets in the policy as it is now, by the name the timeline gives.
   */
  private boolean overriding(
      long accountId,
      Person person,
      Fired level,
      String scheduleName,
      Optional<StoredPolicies.StoredPolicy> policy) {
    if (policy.isEmpty() || policy.get().levels().size() < level.level()) {
      return false;
    }
    return policy.get().levels().get(level.level() - 1).targets().stream()
        .filter(t -> t.type() == PolicyTarget.Type.SCHEDULE)
        .map(t -> schedules.find(accountId, t.id()))
        .flatMap(Optional::stream)
        .filter(named -> named.name().equals(scheduleName))
        .flatMap(named -> named.schedule().overrides().stream())
        .anyMatch(
            o ->
                o.userId() == person.id()
                    && !o.start().isAfter(level.at())
                    && o.end().isAfter(level.at()));
  }

  /** The service's policy, unless the incident was reassigned before the level fired. */
  private static String policyOf(Fired level, Recorded incident, List<Entry> timeline) {
    boolean reassigned =
        timeline.stream()
            .anyMatch(e -> e.kind().equals("reassigned") && !e.at().isAfter(level.at()));
    return reassigned
        ? "the policy the incident was reassigned to"
        : "\"" + incident.policyName() + "\"";
  }

  /** When the level fired and what made it fire then. */
  private String due(Fired level, LevelsFired levels, PlainHistory clock) {
    String at = "Level " + level.level() + " was due at " + clock.time(level.at());
    if (level.cause() == null) {
      return at + ": the first level, paged as the incident opened.";
    }
    return switch (level.cause().kind()) {
      case "timeout" ->
          at
              + ", "
              + LevelsFired.duration(level.waited())
              + " after level "
              + levels.levels().get(level.index() - 1).level()
              + " (at "
              + clock.time(levels.levels().get(level.index() - 1).began())
              + ") went without an acknowledgement: that level's delay.";
      // Escalated by hand, reassigned, triggered again: the entry says who and how.
      default -> at + ": " + level.cause().entry().message() + ".";
    };
  }

  private String notPaged(
      long accountId,
      Person person,
      List<Page> theirs,
      LevelsFired levels,
      Recorded incident,
      List<Entry> timeline,
      Optional<StoredPolicies.StoredPolicy> policy,
      PlainHistory clock) {
    String name = person.name();
    Optional<Page> held = theirs.stream().filter(p -> "held".equals(p.status())).findFirst();
    if (held.isPresent()) {
      Page page = held.get();
      return name
          + "'s page at "
          + clock.time(page.at())
          + " was held by the page budget ("
          + page.heldBy()
          + ")"
          + (page.carriedAt() != null
              ? "; it went out with a later message at " + clock.time(page.carriedAt()) + "."
              : ".");
    }
    Optional<Page> cancelled =
        theirs.stream().filter(p -> "cancelled".equals(p.status())).findFirst();
    if (cancelled.isPresent()) {
      return name
          + "'s page at "
          + clock.time(cancelled.get().at())
          + " was not sent: the incident was acknowledged or resolved first.";
    }
    Optional<Fired> assigned =
        levels.levels().stream().filter(level -> level.assigns(name)).findFirst();
    if (assigned.isPresent()) {
      Fired level = assigned.get();
      String at = "Level " + level.level() + " assigned " + name + " at " + clock.time(level.at());
      if (plans.of(accountId, person.id(), "high").isEmpty()
          && plans.of(accountId, person.id(), "low").isEmpty()) {
        return at + ", but they have no contact method to page.";
      }
      return at
          + ", but none of their notification rules was due before the incident stopped paging"
          + " them.";
    }
    if (policy.isEmpty()) {
      return name + " is not in the incident's escalation policy.";
    }
    int position = levelNaming(accountId, person, policy.get(), incident.createdAt());
    if (position == 0) {
      return name
          + " is not in \""
          + policy.get().name()
          + "\": no level names them, nor a schedule they were on call for.";
    }
    String names =
        "Level " + position + " of \"" + policy.get().name() + "\" names " + name + ", but ";
    Optional<Entry> stopped =
        timeline.stream()
            .filter(e -> e.kind().equals("acknowledged") || e.kind().equals("resolved"))
            .findFirst();
    if (stopped.isPresent()) {
      Entry e = stopped.get();
      return names
          + "the incident was "
          + e.kind()
          + (e.byName() == null ? "" : " by " + e.byName())
          + " at "
          + clock.time(e.at())
          + ", before level "
          + position
          + " was due.";
    }
    if (timeline.stream().anyMatch(e -> e.kind().equals("escalation_exhausted"))) {
      return names + "the policy ran out before level " + position + ".";
    }
    return names + "level " + position + " is not due yet.";
  }

  /** The first level of the policy that names the person, directly or through a schedule. */
  private int levelNaming(
      long accountId, Person person, StoredPolicies.StoredPolicy policy, Instant at) {
    int position = 0;
    for (StoredPolicies.Level level : policy.levels()) {
      position++;
      List<PolicyTarget> levelTargets = level.targets();
      boolean named =
          targets.resolve(accountId, levelTargets, at).assignees().stream()
              .anyMatch(a -> a.id() == person.id());
      if (named) {
        return position;
      }
    }
    return 0;
  }
}
