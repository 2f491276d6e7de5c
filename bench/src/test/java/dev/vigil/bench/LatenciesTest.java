package dev.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatenciesTest {

  @Test
  void percentilesByNearestRank() {
    Latencies latencies = new Latencies();
    for (int ms = 100; ms >= 1; ms--) {
      latencies.add(ms * 1_000_000L);
    }

    assertThat(latencies.percentileMillis(50)).isEqualTo(50.0);
    assertThat(latencies.percentileMillis(99)).isEqualTo(99.0);
    assertThat(latencies.percentileMillis(100)).isEqualTo(100.0);
    assertThat(latencies.maxMillis()).isEqualTo(100.0);
  }

  @Test
  void emptyHasNoPercentile() {
    assertThat(new Latencies().percentileMillis(99)).isNaN();
  }
}
