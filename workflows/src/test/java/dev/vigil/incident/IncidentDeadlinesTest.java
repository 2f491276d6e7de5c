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
}
