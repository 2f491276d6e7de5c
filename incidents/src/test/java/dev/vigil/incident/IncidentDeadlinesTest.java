package dev.vigil.incident;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IncidentDeadlinesTest {

  private static final long OPENED = 1_000_000L;

  @Test
  void withoutTimeoutsNothingIsEverDue() {
    IncidentDeadlines deadlines = new IncidentDeadlines(ServiceTimeouts.none(), OPENED);
    deadlines.acknowledged(OPENED + 5);

    assertThat(deadlines.earliest(IncidentDeadlines.NEVER)).isEqualTo(IncidentDeadlines.NEVER);
    assertThat(deadlines.autoResolveDue(Long.MAX_VALUE - 1)).isFalse();
    assertThat(deadlines.acknowledgementExpired(Long.MAX_VALUE - 1)).isFalse();
  }

  @Test
  void autoResolveCountsFromTheLastAlert() {
    IncidentDeadlines deadlines = new IncidentDeadlines(new ServiceTimeouts(null, 60), OPENED);
    assertThat(deadlines.autoResolveAt()).isEqualTo(OPENED + 60_000);

    deadlines.alertArrived(OPENED + 30_000);

    assertThat(deadlines.autoResolveAt()).isEqualTo(OPENED + 90_000);
    assertThat(deadlines.autoResolveDue(OPENED + 89_999)).isFalse();
    assertThat(deadlines.autoResolveDue(OPENED + 90_000)).isTrue();
  }

  @Test
  void acknowledgementExpiresOnlyWhileAcknowledged() {
    IncidentDeadlines deadlines = new IncidentDeadlines(new ServiceTimeouts(120, null), OPENED);
    assertThat(deadlines.acknowledgementExpiresAt()).isEqualTo(IncidentDeadlines.NEVER);

    deadlines.acknowledged(OPENED + 10_000);
    assertThat(deadlines.acknowledgementExpiresAt()).isEqualTo(OPENED + 130_000);
    assertThat(deadlines.earliest(OPENED + 200_000)).isEqualTo(OPENED + 130_000);

    deadlines.retriggered();
    assertThat(deadlines.acknowledgementExpired(OPENED + 500_000)).isFalse();
  }

  @Test
  void aSnoozeReplacesTheAcknowledgementTimeoutUntilAnAcknowledgementEndsIt() {
    IncidentDeadlines deadlines = new IncidentDeadlines(new ServiceTimeouts(120, null), OPENED);
    deadlines.acknowledged(OPENED);
    deadlines.snooze(OPENED + 3_600_000);

    assertThat(deadlines.acknowledgementExpired(OPENED + 130_000)).isFalse();
    assertThat(deadlines.acknowledgementExpiresAt()).isEqualTo(OPENED + 3_600_000);
    assertThat(deadlines.snoozedUntil()).isEqualTo(OPENED + 3_600_000);

    deadlines.acknowledged(OPENED + 60_000);
    assertThat(deadlines.snoozed()).isFalse();
    assertThat(deadlines.snoozedUntil()).isNull();
    assertThat(deadlines.acknowledgementExpiresAt()).isEqualTo(OPENED + 180_000);

    deadlines.snooze(OPENED + 600_000);
    deadlines.retriggered();
    assertThat(deadlines.acknowledgementExpiresAt()).isEqualTo(IncidentDeadlines.NEVER);
  }

  @Test
  void aSnoozeIsCarriedOverToTheNextRun() {
    IncidentDeadlines carried =
        IncidentDeadlines.carried(
            new ServiceTimeouts(120, null), OPENED, OPENED, OPENED + 900_000L);
    assertThat(carried.acknowledgementExpiresAt()).isEqualTo(OPENED + 900_000);
    IncidentDeadlines before =
        IncidentDeadlines.carried(new ServiceTimeouts(120, null), OPENED, OPENED, null);
    assertThat(before.acknowledgementExpiresAt()).isEqualTo(OPENED + 120_000);
  }
}
