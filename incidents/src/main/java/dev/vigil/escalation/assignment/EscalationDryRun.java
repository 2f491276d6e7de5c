package dev.vigil.escalation.assignment;

import dev.vigil.escalation.EscalationCursor;
import dev.vigil.escalation.EscalationTarget;
import dev.vigil.escalation.PolicySnapshot;
import dev.vigil.escalation.assignment.DryRun.DryRunLevel;
import dev.vigil.escalation.assignment.DryRun.DryRunMaintenance;
import dev.vigil.escalation.assignment.DryRun.DryRunPage;
import dev.vigil.escalation.assignment.DryRun.DryRunPerson;
import dev.vigil.escalation.assignment.DryRun.DryRunSkipped;
import dev.vigil.escalation.assignment.DryRun.DryRunTarget;
import dev.vigil.notification.Channel;
import dev.vigil.notification.NotificationStep;
import dev.vigil.notification.delivery.MaskedAddresses;
import dev.vigil.notification.delivery.NotificationProviders;
import dev.vigil.oncall.maintenance.MaintenanceWindows;
import dev.vigil.oncall.schedule.StoredSchedules;
import dev.vigil.oncall.service.ServiceStore;
import dev.vigil.oncall.service.ServiceView;
import dev.vigil.oncall.user.ContactMethods;
import dev.vigil.oncall.user.ContactMethods.ContactMethod;
import dev.vigil.oncall.user.NotificationRules;
import dev.vigil.oncall.user.UserStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * "Who gets paged, on which channel, when": an incident of a service opened at an instant, walked
 * through its escalation policy without sending or writing anything. Each level's people come from
 * {@link LevelPlanner}, which the real assignment uses too; the policy is the snapshot an incident
 * would take ({@link PolicySnapshots}) walked by the workflow's own {@link EscalationCursor}.
 */
@Component
public class EscalationDryRun {

  private final ServiceStore services;
  private final PolicySnapshots policies;
  private final LevelPlanner planner;
  private final MaintenanceWindows maintenance;
  private final ContactMethods contactMethods;
  private final NotificationRules rules;
  private final StoredSchedules schedules;
  private final UserStore users;
  private final NotificationProviders providers;

  EscalationDryRun(
      ServiceStore services,
      PolicySnapshots policies,
      LevelPlanner planner,
      MaintenanceWindows maintenance,
      ContactMethods contactMethods,
      NotificationRules rules,
      StoredSchedules schedules,
      UserStore users,
      NotificationProviders providers) {
    this.services = services;
    this.policies = policies;
    this.planner = planner;
    this.maintenance = maintenance;
    this.contactMethods = contactMethods;
    this.rules = rules;
    this.schedules = schedules;
    this.users = users;
    this.providers = providers;
  }

  /**
   * @param urgency "high" or "low"; null for the one the service's urgency rule gives (high when it
   *     follows each event's severity)
   * @throws dev.vigil.oncall.OnCallRefusal not found for a service not of the account
   */
  public DryRun run(long accountId, long serviceId, Instant at, String urgency) {
    ServiceView service = services.require(accountId, serviceId);
    List<String> notes = new ArrayList<>();
    String planned = urgency(service.urgencyRule(), urgency, notes);
    Optional<DryRunMaintenance> window =
        maintenance
            .activeFor(accountId, serviceId, at)
            .flatMap(id -> maintenance.find(accountId, id))
            .map(w -> new DryRunMaintenance(w.id(), w.description(), w.endsAt()));
    window.ifPresent(
        w ->
            notes.add(
                "Maintenance window "
                    + w.id()
                    + " is on until "
                    + w.endsAt()
                    + ": a trigger at this instant is kept as a suppressed alert and pages nobody."
                    + " An incident opened by hand still pages as below."));
    PolicySnapshot policy = policies.snapshot(accountId, service.escalationPolicyId());
    List<DryRunLevel> levels = walk(accountId, policy, at, planned);
    if (policy.levels().isEmpty()) {
      notes.add("The escalation policy has no levels: nobody is paged.");
    } else {
      notes.add(
          "After the last level of pass "
              + (policy.repeatCount() + 1)
              + " the policy is exhausted: the incident stays triggered and pages nobody else.");
    }
    notes.add(
        "Everyone's pages also pass the page budget (storm protection), which holds a page to"
            + " someone paged many times in the last hour; the dry run does not count earlier"
            + " pages.");
    return new DryRun(
        service.id(),
        service.name(),
        at,
        planned,
        policy.policyId(),
        policy.name(),
        policy.repeatCount(),
        window.isPresent(),
        window.orElse(null),
        levels,
        notes);
  }

  private static String urgency(String rule, String asked, List<String> notes) {
    boolean bySeverity = "severity".equals(rule);
    if (asked == null) {
      if (bySeverity) {
        notes.add(
            "The service's urgency follows each event's severity (critical and error are high,"
                + " warning and info low): shown for high urgency.");
      }
      return bySeverity ? "high" : rule;
    }
    if (!bySeverity && !rule.equals(asked)) {
      notes.add(
          "The service gives every event's incident "
              + rule
              + " urgency: a "
              + asked
              + "-urgency incident only comes from one opened by hand.");
    }
    return asked;
  }

  /** The policy's levels in the order the workflow fires them, each timed from the one before. */
  private List<DryRunLevel> walk(
      long accountId, PolicySnapshot policy, Instant at, String urgency) {
    List<DryRunLevel> levels = new ArrayList<>();
    EscalationCursor cursor = new EscalationCursor(policy);
    Instant firesAt = at;
    while (cursor.hasNext()) {
      EscalationCursor.Step step = cursor.next();
      PolicySnapshot.Level definition = step.definition();
      boolean last = step.isLast(policy);
      Instant next = last ? null : firesAt.plusSeconds(definition.delaySeconds());
      LevelPlanner.LevelPlan plan = planner.plan(accountId, definition.targets(), firesAt, urgency);
      List<DryRunPerson> people = new ArrayList<>();
      for (LevelPlanner.PersonPlan person : plan.people()) {
        people.add(person(accountId, person, firesAt, definition.delaySeconds(), last, urgency));
      }
      levels.add(
          new DryRunLevel(
              step.round(),
              step.level(),
              firesAt,
              definition.delaySeconds() / 60,
              next,
              definition.targets().stream().map(t -> target(accountId, t)).toList(),
              people,
              plan.notes()));
      if (next != null) {
        firesAt = next;
      }
    }
    return levels;
  }

  /**
   * Whether a step of a level is sent before the next level takes over, as the workflow decides
   * (IncidentWorkflowImpl.walk): immediate steps always go, and every step of the last level; a
   * later one only if it falls due before the level's delay is up.
   */
  static boolean sentBeforeNextLevel(int stepDelaySeconds, int levelDelaySeconds, boolean last) {
    return last || stepDelaySeconds == 0 || stepDelaySeconds < levelDelaySeconds;
  }

  private DryRunPerson person(
      long accountId,
      LevelPlanner.PersonPlan plan,
      Instant firesAt,
      int levelDelaySeconds,
      boolean last,
      String urgency) {
    long userId = plan.assignee().id();
    Map<Long, ContactMethod> methods =
        contactMethods.list(accountId, userId).stream()
            .collect(Collectors.toMap(ContactMethod::id, Function.identity()));
    List<DryRunPage> pages = new ArrayList<>();
    List<DryRunSkipped> notSent = new ArrayList<>();
    List<NotificationStep> byDelay = new ArrayList<>(plan.steps());
    byDelay.sort(Comparator.comparingInt(NotificationStep::delaySeconds));
    for (NotificationStep step : byDelay) {
      ContactMethod method = methods.get(step.contactMethodId());
      String address = method == null ? "…" : MaskedAddresses.of(step.channel(), method.address());
      List<String> names = providers.namesFor(step.channel());
      if (!sentBeforeNextLevel(step.delaySeconds(), levelDelaySeconds, last)) {
        notSent.add(
            new DryRunSkipped(
                step.channel().wireName(),
                step.contactMethodId(),
                address,
                step.delaySeconds(),
                "due "
                    + minutes(step.delaySeconds())
                    + " after the level fires, but the next level takes over after "
                    + minutes(levelDelaySeconds)));
      } else if (names.isEmpty()) {
        notSent.add(
            new DryRunSkipped(
                step.channel().wireName(),
                step.contactMethodId(),
                address,
                step.delaySeconds(),
                "no provider is configured to send " + step.channel().label()));
      } else {
        pages.add(
            new DryRunPage(
                step.channel().wireName(),
                step.contactMethodId(),
                address,
                method == null ? "" : method.label(),
                step.delaySeconds(),
                firesAt.plusSeconds(step.delaySeconds()),
                names));
      }
    }
    // Only verified methods are paged (decision 0058): rules on others wait for verification.
    for (NotificationRules.NotificationRule rule : rules.list(accountId, userId, urgency)) {
      ContactMethod method = methods.get(rule.contactMethodId());
      if (method != null && !method.verified()) {
        Channel channel = Channel.valueOf(rule.channel().toUpperCase(java.util.Locale.ROOT));
        notSent.add(
            new DryRunSkipped(
                channel.wireName(),
                method.id(),
                MaskedAddresses.of(channel, method.address()),
                rule.delayMinutes() * 60,
                "the contact method is not verified: not paged until it is"));
      }
    }
    for (ContactMethod method : methods.values()) {
      boolean named = notSent.stream().anyMatch(s -> s.contactMethodId() == method.id());
      if (!method.verified() && !named) {
        Channel channel = "phone".equals(method.kind()) ? Channel.SMS : Channel.EMAIL;
        notSent.add(
            new DryRunSkipped(
                null,
                method.id(),
                MaskedAddresses.of(channel, method.address()),
                null,
                "the contact method is not verified: not paged until it is"));
      }
    }
    String reason = null;
    if (pages.isEmpty()) {
      reason =
          plan.steps().isEmpty()
              ? plan.assignee().name() + " has no verified contact method and is not paged"
              : plan.assignee().name() + " is not paged: " + notSent.get(0).reason();
    }
    return new DryRunPerson(
        userId,
        plan.assignee().name(),
        plan.assignee().viaSchedule(),
        plan.assignee().override(),
        plan.byRules(),
        pages,
        notSent,
        reason);
  }

  private DryRunTarget target(long accountId, EscalationTarget target) {
    return switch (target.type()) {
      case USER ->
          new DryRunTarget(
              "user",
              target.id(),
              users.find(accountId, target.id()).map(UserStore.UserRow::name).orElse(null));
      case SCHEDULE ->
          new DryRunTarget(
              "schedule",
              target.id(),
              schedules.find(accountId, target.id()).map(StoredSchedules.Named::name).orElse(null));
    };
  }

  private static String minutes(int seconds) {
    return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
  }
}
