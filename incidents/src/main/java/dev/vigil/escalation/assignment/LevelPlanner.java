package dev.vigil.escalation.assignment;

import dev.vigil.escalation.EscalationTarget;
import dev.vigil.notification.Channel;
import dev.vigil.notification.NotificationStep;
import dev.vigil.oncall.escalation.LevelTargets;
import dev.vigil.oncall.escalation.LevelTargets.Assignee;
import dev.vigil.oncall.user.PagingPlans;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Who a level pages at one instant and how: its targets resolved then (schedules to whoever is on
 * call, overrides included) and each person's notification steps for the urgency. It reads and
 * writes nothing else: the level's assignment records what it plans, and the dry run shows it, so
 * the two cannot disagree.
 */
@Component
public class LevelPlanner {

  private final LevelTargets targets;
  private final PagingPlans plans;

  LevelPlanner(LevelTargets targets, PagingPlans plans) {
    this.targets = targets;
    this.plans = plans;
  }

  /**
   * @param byRules false when the person has no notification rule for the urgency on a verified
   *     method, and every verified method is paged at once
   * @param steps in the order of their rules; empty when nothing of theirs is verified
   */
  public record PersonPlan(Assignee assignee, boolean byRules, List<NotificationStep> steps) {}

  /**
   * @param notes why a target gave nobody (a schedule with nobody on call, or gone)
   */
  public record LevelPlan(List<PersonPlan> people, List<String> notes) {

    public List<Assignee> assignees() {
      return people.stream().map(PersonPlan::assignee).toList();
    }

    /** Every person's steps, person after person in target order. */
    public List<NotificationStep> steps() {
      return people.stream().flatMap(p -> p.steps().stream()).toList();
    }

    /** Assigned but not paged: nothing of theirs is verified (decision 0058). */
    public List<Assignee> unreachable() {
      return people.stream().filter(p -> p.steps().isEmpty()).map(PersonPlan::assignee).toList();
    }
  }

  public LevelPlan plan(
      long accountId, List<EscalationTarget> levelTargets, Instant at, String urgency) {
    LevelTargets.Resolved resolved =
        targets.resolve(accountId, levelTargets.stream().map(PolicySnapshots::target).toList(), at);
    List<PersonPlan> people =
        resolved.assignees().stream()
            .map(assignee -> personPlan(accountId, assignee, urgency))
            .toList();
    return new LevelPlan(people, resolved.notes());
  }

  private PersonPlan personPlan(long accountId, Assignee assignee, String urgency) {
    PagingPlans.Plan plan = plans.plan(accountId, assignee.id(), urgency);
    List<NotificationStep> steps =
        plan.steps().stream()
            .map(
                step ->
                    new NotificationStep(
                        assignee.id(),
                        assignee.name(),
                        step.contactMethodId(),
                        Channel.valueOf(step.channel().toUpperCase(Locale.ROOT)),
                        step.delaySeconds()))
            .toList();
    return new PersonPlan(assignee, plan.byRules(), steps);
  }
}
