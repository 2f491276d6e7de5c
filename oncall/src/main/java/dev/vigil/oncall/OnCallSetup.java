package dev.vigil.oncall;

import dev.vigil.oncall.account.AccountStore;
import dev.vigil.oncall.escalation.EscalationPolicyStore;
import dev.vigil.oncall.escalation.PolicyDefinition;
import dev.vigil.oncall.escalation.PolicyTarget;
import dev.vigil.oncall.schedule.ApiNames;
import dev.vigil.oncall.schedule.Layer;
import dev.vigil.oncall.schedule.Overrides;
import dev.vigil.oncall.schedule.Rotation;
import dev.vigil.oncall.schedule.ScheduleRequest;
import dev.vigil.oncall.schedule.ScheduleStore;
import dev.vigil.oncall.service.IntegrationKeyStore;
import dev.vigil.oncall.service.ServiceRequest;
import dev.vigil.oncall.service.ServiceStore;
import dev.vigil.oncall.user.ContactMethods;
import dev.vigil.oncall.user.NotificationRules;
import dev.vigil.oncall.user.UserRequest;
import dev.vigil.oncall.user.UserStore;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates accounts and their on-call configuration: used by the bootstrap and demo seed, and by
 * tests to set up the teams they page. Everything goes through the module's stores, so a seeded
 * team obeys the same rules as one made through the API (a bad phone number or a target of another
 * account is refused here too).
 */
@Component
public class OnCallSetup {

  private final AccountStore accounts;
  private final UserStore users;
  private final ContactMethods contactMethods;
  private final NotificationRules notificationRules;
  private final EscalationPolicyStore policies;
  private final ServiceStore services;
  private final IntegrationKeyStore integrationKeys;
  private final ScheduleStore schedules;
  private final Overrides overrides;

  OnCallSetup(
      AccountStore accounts,
      UserStore users,
      ContactMethods contactMethods,
      NotificationRules notificationRules,
      EscalationPolicyStore policies,
      ServiceStore services,
      IntegrationKeyStore integrationKeys,
      ScheduleStore schedules,
      Overrides overrides) {
    this.accounts = accounts;
    this.users = users;
    this.contactMethods = contactMethods;
    this.notificationRules = notificationRules;
    this.policies = policies;
    this.services = services;
    this.integrationKeys = integrationKeys;
    this.schedules = schedules;
    this.overrides = overrides;
  }

  public boolean accountExists(String name) {
    return accounts.exists(name);
  }

  public long createAccount(String name, String homeCountry, String timeZone) {
    return accounts.create(name, homeCountry, timeZone);
  }

  /** A user whose email address is their first contact method. */
  public long createUser(long accountId, String name, String email, String role) {
    return users.create(accountId, new UserRequest(name, email, role, null));
  }

  /**
   * @param kind "phone" (normalised to E.164) or "email"
   */
  public long addContactMethod(long accountId, long userId, String kind, String address) {
    // Whoever runs the setup vouches for its addresses: they are paged at once.
    long id = contactMethods.add(accountId, userId, kind, address, null).id();
    contactMethods.markVerified(accountId, userId, id, "setup");
    return id;
  }

  /** "SMS at once", "call after 2 minutes": one step of a user's notification rules. */
  public long addNotificationRule(
      long accountId,
      long userId,
      String urgency,
      long contactMethodId,
      String channel,
      int delayMinutes) {
    return notificationRules
        .add(accountId, userId, urgency, contactMethodId, channel, delayMinutes)
        .id();
  }

  /** Levels in order; each pages its users, then waits its delay before the next. */
  @Transactional
  public long createPolicy(long accountId, String name, int repeatCount, List<LevelSpec> levels) {
    return policies.create(
        accountId,
        new PolicyDefinition(
            name, "", null, repeatCount, levels.stream().map(LevelSpec::level).toList()));
  }

  /** A service born with a random integration key, as through the API. */
  public long createService(long accountId, String name, long policyId, String urgencyRule) {
    return services.create(accountId, service(name, policyId, urgencyRule));
  }

  /** A service born with the given integration key (the demo's configured routing key). */
  @Transactional
  public long createService(
      long accountId, String name, long policyId, String urgencyRule, String routingKey) {
    return services.create(accountId, service(name, policyId, urgencyRule), routingKey);
  }

  private static ServiceRequest service(String name, long policyId, String urgencyRule) {
    return new ServiceRequest(name, null, null, policyId, urgencyRule, null, null);
  }

  /** Null leaves a timer off. */
  public void setServiceTimeouts(
      long accountId, long serviceId, Integer ackTimeoutSeconds, Integer autoResolveSeconds) {
    services.setTimeouts(accountId, serviceId, ackTimeoutSeconds, autoResolveSeconds);
  }

  /** Another key of the service. */
  public void addIntegrationKey(long accountId, long serviceId, String routingKey) {
    integrationKeys.add(accountId, serviceId, routingKey);
  }

  /** A level paging users and whoever is on call on schedules. */
  public record LevelSpec(int delaySeconds, List<Long> userIds, List<Long> scheduleIds) {

    public LevelSpec(int delaySeconds, List<Long> userIds) {
      this(delaySeconds, userIds, List.of());
    }

    PolicyDefinition.Level level() {
      return new PolicyDefinition.Level(
          delaySeconds,
          Stream.concat(
                  userIds.stream().map(PolicyTarget::user),
                  scheduleIds.stream().map(PolicyTarget::schedule))
              .toList());
    }
  }

  /** A schedule with no layers yet: nobody is on call until one is added. */
  public long createSchedule(long accountId, String name, String timeZone) {
    return schedules.create(accountId, new ScheduleRequest(name, null, timeZone, null, List.of()));
  }

  /**
   * A rotation layer; members take turns in order from {@code firstHandoff} (schedule-local).
   *
   * @param rotationUnit "hours", "days" or "weeks"
   */
  @Transactional
  public long addLayer(
      long accountId,
      long scheduleId,
      int position,
      String name,
      Instant start,
      LocalDateTime firstHandoff,
      int rotationLength,
      String rotationUnit,
      List<Long> members) {
    Rotation rotation =
        new Rotation(firstHandoff, rotationLength, ApiNames.rotationUnit(rotationUnit));
    return schedules.addLayer(
        accountId, scheduleId, position, new Layer(name, start, null, rotation, members, null));
  }

  public long addOverride(
      long accountId, long scheduleId, long userId, Instant start, Instant end) {
    return overrides.add(accountId, scheduleId, userId, start, end).id();
  }
}
