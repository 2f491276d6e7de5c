package dev.vigil.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How big a run is. A mode sets every size; each can be overridden with its system property ({@code
 * -Dbench.escalation.incidents=2000}, passed through {@code -Dbench.args=...} by Maven).
 */
record BenchSettings(
    String mode,
    Path jar,
    Path dir,
    int clientThreads,
    int baselineWorkflows,
    int firstPageSamples,
    int backgroundDuplicatesPerSecond,
    int duplicates,
    int pagedIncidents,
    List<Integer> ingestRates,
    int ingestStepSeconds,
    int escalationIncidents,
    double escalationOpenRate,
    int escalationDelayMinutes,
    int timerBaselineWorkflows,
    int billingAccounts,
    Set<String> figures) {

  /** The figures a run measures ({@code -Dbench.figures=escalation,billing}); all by default. */
  static final List<String> FIGURES =
      List.of("first-page", "simple", "duplicates", "paged", "ingest", "escalation", "billing");

  boolean runs(String figure) {
    return figures.contains(figure);
  }

  static BenchSettings fromSystemProperties() {
    String mode = System.getProperty("bench.mode", "quick");
    boolean full = mode.equals("full");
    boolean medium = mode.equals("medium");
    if (!full && !medium && !mode.equals("quick")) {
      throw new IllegalArgumentException("bench.mode is quick, medium or full, not " + mode);
    }
    return new BenchSettings(
        mode,
        Path.of(System.getProperty("bench.jar", "../api/target/vigil.jar")).toAbsolutePath(),
        Path.of(System.getProperty("bench.dir", "target/bench-run")).toAbsolutePath(),
        size("bench.threads", 8),
        size("bench.baseline.workflows", full ? 2000 : medium ? 1000 : 300),
        size("bench.first-page.samples", full ? 200 : medium ? 100 : 30),
        size("bench.first-page.background", 50),
        size("bench.duplicates", full ? 100 : medium ? 50 : 20),
        size("bench.paged.incidents", full ? 1000 : medium ? 500 : 100),
        rates(
            System.getProperty(
                "bench.ingest.rates",
                full || medium
                    ? "25,50,100,200,400,800,1200,1600,2000,2400,3200"
                    : "25,50,100,200,400,800,1600,2400")),
        size("bench.ingest.step-seconds", full ? 15 : medium ? 8 : 4),
        size("bench.escalation.incidents", full ? 10_000 : medium ? 1000 : 100),
        Double.parseDouble(System.getProperty("bench.escalation.open-rate", "8")),
        size("bench.escalation.delay-minutes", full ? 5 : medium ? 2 : 1),
        size("bench.escalation.timer-baseline", full ? 2000 : medium ? 1000 : 200),
        size("bench.billing.accounts", full ? 10_000 : medium ? 1000 : 100),
        figures(System.getProperty("bench.figures", String.join(",", FIGURES))));
  }

  private static Set<String> figures(String list) {
    Set<String> figures = new LinkedHashSet<>();
    for (String figure : list.split(",")) {
      if (!FIGURES.contains(figure.trim())) {
        throw new IllegalArgumentException(
            "bench.figures names figures of " + FIGURES + ", not " + figure);
      }
      figures.add(figure.trim());
    }
    return figures;
  }

  private static int size(String property, int byMode) {
    return Integer.parseInt(System.getProperty(property, Integer.toString(byMode)));
  }

  private static List<Integer> rates(String list) {
    return Arrays.stream(list.split(",")).map(String::trim).map(Integer::valueOf).toList();
  }
}
