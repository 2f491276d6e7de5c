package dev.vigil.bench;

import java.util.List;

/**
 * The app's Temporal worker cache, read from its Prometheus scrape: a task for a run still in the
 * cache continues it in memory (a hit); any other task replays the run's whole history fetched from
 * the server (a miss). Forced evictions are runs pushed out to make room.
 */
record WorkerCache(double hits, double misses, double forcedEvictions, double size) {

  static WorkerCache read(Api api) {
    String scrape = api.metrics(Stack.METRICS_TOKEN);
    return new WorkerCache(
        sum(scrape, "temporal_sticky_cache_hit_total"),
        sum(scrape, "temporal_sticky_cache_miss_total"),
        sum(scrape, "temporal_sticky_cache_total_forced_eviction_total"),
        sum(scrape, "temporal_sticky_cache_size"));
  }

  /** What happened between {@code before} and this reading (the size is this reading's). */
  WorkerCache since(WorkerCache before) {
    return new WorkerCache(
        hits - before.hits, misses - before.misses, forcedEvictions - before.forcedEvictions, size);
  }

  String describe() {
    double tasks = hits + misses;
    return "%.0f tasks, %.0f %% replayed from history (cache misses), %.0f forced evictions, %.0f runs cached"
        .formatted(tasks, tasks == 0 ? 0 : 100 * misses / tasks, forcedEvictions, size);
  }

  /** Sums every sample of one metric, whatever its labels. */
  private static double sum(String scrape, String metric) {
    double total = 0;
    for (String line : List.of(scrape.split("\n"))) {
      if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }
}
