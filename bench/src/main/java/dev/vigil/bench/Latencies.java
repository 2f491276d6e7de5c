package dev.vigil.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Durations in nanoseconds, with nearest-rank percentiles; safe to add to from many threads. */
final class Latencies {

  private final List<Long> nanos = Collections.synchronizedList(new ArrayList<>());

  void add(long durationNanos) {
    nanos.add(durationNanos);
  }

  int count() {
    return nanos.size();
  }

  /** The p-th percentile (0 < p <= 100) by nearest rank, in milliseconds; NaN when empty. */
  double percentileMillis(double p) {
    List<Long> sorted;
    synchronized (nanos) {
      sorted = new ArrayList<>(nanos);
    }
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size(), rank) - 1)) / 1e6;
  }

  double minMillis() {
    synchronized (nanos) {
      return nanos.stream().mapToLong(Long::longValue).min().orElse(0) / 1e6;
    }
  }

  double maxMillis() {
    synchronized (nanos) {
      return nanos.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6;
    }
  }
}
