package dev.vigil.escalation.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.vigil.escalation.assignment.DryRun.DryRunLevel;
import dev.vigil.escalation.assignment.DryRun.DryRunPage;
import dev.vigil.escalation.assignment.DryRun.DryRunPerson;
import dev.vigil.oncall.OnCallRefusal;
import dev.vigil.oncall.OnCallSetup;
import dev.vigil.oncall.maintenance.MaintenanceWindowRequest;
import dev.vigil.oncall.maintenance.MaintenanceWindows;
import dev.vigil.oncall.user.ContactMethods;
import dev.vigil.oncall.user.ContactMethods.ContactMethod;
import dev.vigil.testsupport.DevInbox.Message;
import dev.vigil.testsupport.IncidentRecords.Incident;
import dev.vigil.testsupport.IncidentWorkflowTestBase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The dry run against what really happens: the same service, schedule and rules, first asked "who
 * would be paged", then paged by a real incident on the time-skipping server with the real
 * activities. Nothing the dry run does shows in the inbox or the record.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EscalationDryRunTest extends IncidentWorkflowTestBase {

  @Autowired EscalationDryRun dryRun;
  @Autowired ContactMethods contactMethods;
  @Autowired MaintenanceWindows maintenance;

  private long alice;
  private long bob;
  private long carol;
  private long primary;
  private long service;
  private Instant handOff;

  /**
   * Primary hands over from Alice to Bob at {@code handOff} (hourly turns); its one level of five
   * minutes, repeated once, pages the schedule and Carol, whose only method is an unverified phone.
   * Alice's rules: SMS at once, email after ten minutes; Bob has none (every method at once).
   */
  @BeforeEach
  void onCallAroundAHandOff() {
    alice = team.user("Alice");
    bob = team.user("Bob");
    carol = team.user("Carol");
    for (ContactMethod method : contactMethods.list(team.accountId(), carol)) {
      contactMethods.remove(team.accountId(), carol, method.id());
    }
    contactMethods.add(team.accountId(), carol, "phone", "+14155550199", "mobile");
    onCall.addNotificationRule(
        team.accountId(), alice, "high", team.phoneContactMethodId(alice), "sms", 0);
    onCall.addNotificationRule(team.accountId(), alice, "high", emailMethod(alice), "email", 10);

    handOff = temporal.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(10));
    primary = onCall.createSchedule(team.accountId(), "Primary", "UTC");
    onCall.addLayer(
        team.accountId(),
        primary,
        0,
        "Hourly",
        handOff.minus(Duration.ofDays(1)),
        LocalDateTime.ofInstant(handOff, ZoneOffset.UTC),
        1,
        "hours",
        List.of(bob, alice));
    long policy =
        onCall.createPolicy(
            team.accountId(),
            "Primary then again",
            1,
            List.of(new OnCallSetup.LevelSpec(5 * 60, List.of(carol), List.of(primary))));
    service = onCall.createService(team.accountId(), "Checkout", policy, "high");
  }

  @Test
  void namesWhoTheScheduleHasOnCallEitherSideOfTheHandOff() {
    DryRun before = dryRun.run(team.accountId(), service, handOff.minusSeconds(60), null);
    assertThat(before.urgency()).isEqualTo("high");
    assertThat(before.suppressed()).isFalse();
    assertThat(before.levels())
        .extracting(DryRunLevel::pass, DryRunLevel::level, DryRunLevel::firesAt)
        .containsExactly(
            tuple(1, 1, handOff.minusSeconds(60)), tuple(2, 1, handOff.plusSeconds(4 * 60)));
    assertThat(onCallIn(before.levels().get(0))).isEqualTo("Alice");
    // The repeat fires after the hand-off: Bob's turn by then.
    assertThat(onCallIn(before.levels().get(1))).isEqualTo("Bob");
    assertThat(before.levels().get(1).nextFiresAt()).isNull();

    DryRun after = dryRun.run(team.accountId(), service, handOff.plusSeconds(60), null);
    assertThat(after.levels()).extracting(this::onCallIn).containsExactly("Bob", "Bob");

    // Alice's email is ten minutes after her level fires: the repeat takes over at five.
    DryRunPerson aliceFirst = person(before.levels().get(0), "Alice");
    assertThat(aliceFirst.viaSchedule()).isEqualTo("Primary");
    assertThat(aliceFirst.byRules()).isTrue();
    assertThat(aliceFirst.pages()).extracting(DryRunPage::channel).containsExactly("sms");
    assertThat(aliceFirst.pages().get(0).contactMethod())
        .isEqualTo("+1******" + team.phone(alice).substring(team.phone(alice).length() - 4));
    assertThat(aliceFirst.notSent())
        .singleElement()
        .satisfies(
            skipped -> {
              assertThat(skipped.channel()).isEqualTo("email");
              assertThat(skipped.reason())
                  .isEqualTo(
                      "due 10 min after the level fires, but the next level takes over after 5"
                          + " min");
            });

    // Carol is assigned but not paged: her only phone is unverified.
    DryRunPerson carolFirst = person(before.levels().get(0), "Carol");
    assertThat(carolFirst.viaSchedule()).isNull();
    assertThat(carolFirst.pages()).isEmpty();
    assertThat(carolFirst.notPagedReason())
        .isEqualTo("Carol has no verified contact method and is not paged");
    assertThat(carolFirst.notSent())
        .extracting(s -> s.contactMethod(), s -> s.reason())
        .containsExactly(
            tuple("+1******0199", "the contact method is not verified: not paged until it is"));
  }

  @Test
  void anOverrideOfTheScheduleIsNamedAsOne() {
    onCall.addOverride(
        team.accountId(),
        primary,
        bob,
        handOff.minus(Duration.ofMinutes(40)),
        handOff.minus(Duration.ofMinutes(20)));

    DryRun during = dryRun.run(team.accountId(), service, handOff.minusSeconds(30 * 60), null);
    DryRunPerson covering = person(during.levels().get(0), "Bob");
    assertThat(covering.viaSchedule()).isEqualTo("Primary");
    assertThat(covering.override()).isTrue();
    assertThat(onCallIn(during.levels().get(0))).isEqualTo("Bob");

    // Past the override, Alice's own turn again: on call, not overriding.
    DryRun after = dryRun.run(team.accountId(), service, handOff.minusSeconds(10 * 60), null);
    assertThat(person(after.levels().get(0), "Alice").override()).isFalse();
  }

  @Test
  void anIncidentOpenedThenPagesWhomTheDryRunNamedOnTheChannelsItNamed() {
    temporal.sleepUntil(handOff.minusSeconds(60));
    int sentBefore = inbox.messages(team.accountId()).size();
    assertThat(sentBefore).as("the dry runs send nothing").isZero();

    temporal.trigger(team.key(service, "disk-full"), "Disk full on db-1");
    inbox.awaitMessages(team.accountId(), 1);
    Incident incident = records.incident(team.accountId(), 1);
    DryRun planned = dryRun.run(team.accountId(), service, incident.createdAt(), null);

    // Past the repeat, and past when Alice's skipped email would have been due.
    temporal.sleepUntil(incident.createdAt().plus(Duration.ofMinutes(15)));
    List<Message> sent = inbox.awaitMessages(team.accountId(), 3);

    List<DryRunPage> pages =
        planned.levels().stream()
            .flatMap(l -> l.people().stream())
            .flatMap(p -> p.pages().stream())
            .toList();
    Map<Long, String> addresses = addresses(alice, bob, carol);
    assertThat(sent)
        .extracting(Message::channel, Message::recipient)
        .containsExactlyInAnyOrderElementsOf(
            pages.stream()
                .map(p -> tuple(p.channel(), addresses.get(p.contactMethodId())))
                .toList());
    assertThat(sent)
        .extracting(Message::recipient)
        .containsExactlyInAnyOrder(team.phone(alice), team.phone(bob), team.email(bob));
    for (DryRunPage page : pages) {
      Message message =
          sent.stream()
              .filter(m -> m.recipient().equals(addresses.get(page.contactMethodId())))
              .findFirst()
              .orElseThrow();
      assertThat(message.pagedAt()).isBetween(page.at(), page.at().plusSeconds(3));
    }
  }

  @Test
  void aMaintenanceWindowOnAtThatInstantSaysEventsAreSuppressed() {
    Instant at = handOff.plus(Duration.ofHours(2));
    long window =
        maintenance.create(
            team.accountId(),
            new MaintenanceWindowRequest(
                service, "Database upgrade", at.minusSeconds(600), at.plusSeconds(600)));

    DryRun during = dryRun.run(team.accountId(), service, at, null);
    assertThat(during.suppressed()).isTrue();
    assertThat(during.maintenanceWindow().id()).isEqualTo(window);
    assertThat(during.notes())
        .anyMatch(n -> n.contains("a trigger at this instant is kept as a suppressed alert"));
    // The walk is still shown: an incident opened by hand pages as it says.
    assertThat(during.levels()).isNotEmpty();

    assertThat(dryRun.run(team.accountId(), service, at.plusSeconds(601), null).suppressed())
        .isFalse();
  }

  @Test
  void lowUrgencyWithoutRulesPagesEveryVerifiedMethodAtOnce() {
    DryRun low = dryRun.run(team.accountId(), service, handOff.minusSeconds(60), "low");
    DryRunPerson aliceLow = person(low.levels().get(0), "Alice");
    assertThat(aliceLow.byRules()).isFalse();
    assertThat(aliceLow.pages())
        .extracting(DryRunPage::channel, DryRunPage::delaySeconds)
        .containsExactlyInAnyOrder(tuple("sms", 0), tuple("email", 0));
    assertThat(low.notes())
        .anyMatch(n -> n.contains("a low-urgency incident only comes from one opened by hand"));
  }

  @Test
  void anotherAccountsServiceIsNotFound() {
    long otherAccount = onCall.createAccount("Other " + team.accountId(), "US", "UTC");
    assertThatThrownBy(() -> dryRun.run(otherAccount, service, Instant.now(), null))
        .isInstanceOf(OnCallRefusal.class)
        .hasMessageContaining("Service " + service);
  }

  private String onCallIn(DryRunLevel level) {
    return level.people().stream()
        .filter(p -> "Primary".equals(p.viaSchedule()))
        .map(DryRunPerson::name)
        .collect(Collectors.joining(", "));
  }

  private static DryRunPerson person(DryRunLevel level, String name) {
    return level.people().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  private long emailMethod(long userId) {
    return contactMethods.list(team.accountId(), userId).stream()
        .filter(m -> m.kind().equals("email"))
        .findFirst()
        .orElseThrow()
        .id();
  }

  private Map<Long, String> addresses(long... userIds) {
    return java.util.Arrays.stream(userIds)
        .boxed()
        .flatMap(id -> contactMethods.list(team.accountId(), id).stream())
        .collect(Collectors.toMap(ContactMethod::id, ContactMethod::address));
  }
}
