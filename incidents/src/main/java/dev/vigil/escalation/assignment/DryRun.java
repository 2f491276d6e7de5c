package dev.vigil.escalation.assignment;

import java.time.Instant;
import java.util.List;

/**
 * Who an incident of a service would page, on which channel and when, if it opened at {@code at}:
 * the service's escalation policy walked level by level, nothing sent and nothing written.
 *
 * @param urgency the urgency the pages are planned for
 * @param maintenanceWindow the window on for the service at {@code at}, or null: while one is on, a
 *     trigger is kept as a suppressed alert and pages nobody ({@code suppressed})
 * @param notes what the walk cannot show from the configuration alone
 */
public record DryRun(
    long serviceId,
    String serviceName,
    Instant at,
    String urgency,
    long escalationPolicyId,
    String escalationPolicyName,
    int repeatCount,
    boolean suppressed,
    DryRunMaintenance maintenanceWindow,
    List<DryRunLevel> levels,
    List<String> notes) {

  public record DryRunMaintenance(long id, String description, Instant endsAt) {}

  /**
   * One level as it would fire.
   *
   * @param pass 1 for the first walk through the policy, 2 for its first repeat, ...
   * @param firesAt when the level fires: {@code at} for the first, then each level's delay later
   * @param nextFiresAt when the next level takes over unless someone acknowledges; null after the
   *     last level of the last pass (the policy is then exhausted)
   * @param notes targets that give nobody (a schedule with nobody on call)
   */
  public record DryRunLevel(
      int pass,
      int level,
      Instant firesAt,
      int delayMinutes,
      Instant nextFiresAt,
      List<DryRunTarget> targets,
      List<DryRunPerson> people,
      List<String> notes) {}

  /**
   * @param type "user" or "schedule"
   */
  public record DryRunTarget(String type, long id, String name) {}

  /**
   * Someone the level assigns.
   *
   * @param viaSchedule the schedule that has them on call, null for a user the level names
   * @param override whether an override of that schedule puts them on call
   * @param byRules false when no notification rule of theirs for the urgency is on a verified
   *     method: every verified method is paged at once
   * @param notPagedReason why nothing is sent to them, null when something is
   */
  public record DryRunPerson(
      long userId,
      String name,
      String viaSchedule,
      boolean override,
      boolean byRules,
      List<DryRunPage> pages,
      List<DryRunSkipped> notSent,
      String notPagedReason) {}

  /**
   * A page that would go out.
   *
   * @param contactMethod the address, masked as in the notification log
   * @param providers the channel's providers in the order they would be tried
   */
  public record DryRunPage(
      String channel,
      long contactMethodId,
      String contactMethod,
      String label,
      int delaySeconds,
      Instant at,
      List<String> providers) {}

  /**
   * A contact method or a rule that would not be paged, and why.
   *
   * @param channel null for a contact method that no rule names
   * @param delaySeconds null for a contact method that no rule names
   */
  public record DryRunSkipped(
      String channel,
      long contactMethodId,
      String contactMethod,
      Integer delaySeconds,
      String reason) {}
}
