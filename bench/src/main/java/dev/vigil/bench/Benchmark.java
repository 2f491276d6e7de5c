package dev.vigil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/**
 * Runs every figure of the benchmark against the packaged app on the Temporal CLI's dev server,
 * each beside the same server's baseline, and prints the table (README, "Benchmark"). Exits 0
 * whatever the verdicts: a missed target is a finding, not a broken build.
 */
public final class Benchmark {

  private Benchmark() {}

  public static void main(String[] args) throws IOException {
    BenchSettings settings = BenchSettings.fromSystemProperties();
    System.out.println("Vigil benchmark, " + settings.mode() + " mode: " + settings);
    ResultTable table = new ResultTable();
    long began = System.nanoTime();
    try (Stack stack = Stack.start(settings)) {
      System.out.println("  stack ready in " + (System.nanoTime() - began) / 1_000_000_000 + " s");
      run(stack, settings, table);
    }
    String rendered =
        table.render(
            "Vigil benchmark ("
                + settings.mode()
                + " mode, "
                + Runtime.getRuntime().availableProcessors()
                + " cores, "
                + (System.nanoTime() - began) / 1_000_000_000
                + " s)");
    System.out.println(rendered);
    Files.writeString(settings.dir().resolve("results.md"), rendered);
    System.exit(0);
  }

  private static void run(Stack stack, BenchSettings settings, ResultTable table) {
    Api api = stack.api();
    int threads = settings.clientThreads();
    long alice = api.createUser("Alice", "alice@bench.invalid", "+14155550101");
    long bob = api.createUser("Bob", "bob@bench.invalid", "+14155550102");
    long carol = api.createUser("Carol", "carol@bench.invalid", "+14155550103");
    long dave = api.createUser("Dave", "dave@bench.invalid", "+14155550104");
    // Level 2 a day later: no escalation disturbs the figures that do not measure it.
    String paging =
        api.createService(
            "Bench paging", api.createPolicy("Bench paging", 1440, List.of(alice, bob)));
    Histories histories = new Histories(stack.stubs());
    Baselines bare = new Baselines(stack.client(), histories, threads);
    IncidentFigures incidents = new IncidentFigures(stack, histories, paging, threads);

    // Warm both JVMs up a little, so the first samples do not measure class loading.
    bare.signalWithStartRate(Math.min(100, settings.baselineWorkflows()));
    incidents.firstPageLatency("warm", 10, 0);

    System.out.println("- baseline: bare signal-with-start");
    double bareRate = bare.signalWithStartRate(settings.baselineWorkflows());
    Latencies bareLatency = bare.signalWithStartLatency(settings.firstPageSamples());
    long[] bareEvents = new long[1];
    BillableActions.Count bareActions = bare.actionsOfOne(bareEvents);
    double barePerSignal = bare.eventsPerSignal(settings.duplicates(), 250);
    System.out.printf(
        "  %.0f workflows/s, p50 %.1f ms, %d actions, %.2f events per signal%n",
        bareRate, bareLatency.percentileMillis(50), bareActions.total(), barePerSignal);
    String bareLatencyText =
        "start→completed p50 %.0f ms, p99 %.0f ms"
            .formatted(bareLatency.percentileMillis(50), bareLatency.percentileMillis(99));

    if (settings.runs("first-page")) {
      System.out.println("- event → first page, idle");
      var idle = incidents.firstPageLatency("fp", settings.firstPageSamples(), 0);
      table.add(
          "Event → first page p50, idle",
          ms(idle.latencies().percentileMillis(50)) + missing(idle.missing()),
          bareLatencyText,
          "≤ 100 ms",
          idle.missing() == 0 && idle.latencies().percentileMillis(50) <= 100);
      table.info("Event → first page p99, idle", ms(idle.latencies().percentileMillis(99)), "");

      System.out.println("- event → first page, with duplicates behind");
      var busy =
          incidents.firstPageLatency(
              "fpb", settings.firstPageSamples(), settings.backgroundDuplicatesPerSecond());
      boolean busyOk = busy.missing() == 0 && busy.backgroundErrors() == 0;
      table.add(
          "Event → first page p50, " + settings.backgroundDuplicatesPerSecond() + " dup/s behind",
          ms(busy.latencies().percentileMillis(50))
              + missing(busy.missing())
              + (busy.backgroundErrors() > 0 ? ", " + busy.backgroundErrors() + " dup errors" : ""),
          bareLatencyText,
          "≤ 100 ms",
          busyOk && busy.latencies().percentileMillis(50) <= 100);
      table.add(
          "Event → first page p99, " + settings.backgroundDuplicatesPerSecond() + " dup/s behind",
          ms(busy.latencies().percentileMillis(99)),
          "",
          "≤ 500 ms",
          busyOk && busy.latencies().percentileMillis(99) <= 500);
      stack.sms().awaitQuiet(Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    if (settings.runs("simple")) {
      System.out.println("- simple incident: trigger, page, acknowledge, resolve");
      var simple = incidents.simpleIncident();
      table.add(
          "Billable actions, trigger + page + ack + resolve",
          simple.actions().total() + " " + simple.actions().byKind() + note(simple.note()),
          bareActions.total() + " (bare signal-with-start, completed)",
          "≤ 8",
          simple.note().isEmpty() && simple.actions().total() <= 8);
      table.info(
          "History events, same incident",
          Integer.toString(simple.events()),
          bareEvents[0] + " (bare)");
    }

    if (settings.runs("duplicates")) {
      System.out.println("- history events per duplicate");
      double perDuplicate = incidents.eventsPerDuplicate(settings.duplicates(), 250);
      table.add(
          "History events per duplicate (250 ms apart)",
          "%.2f".formatted(perDuplicate),
          "%.2f per signal to a bare workflow".formatted(barePerSignal),
          "≤ 0.05",
          perDuplicate <= 0.05);
    }

    if (settings.runs("paged")) {
      System.out.println("- new incidents paged per second");
      var paged = incidents.pagedRate(settings.pagedIncidents());
      table.add(
          "New incidents paged per second (" + settings.pagedIncidents() + ")",
          "%.1f/s = %.0f %% of bare%s"
              .formatted(
                  paged.perSecond(),
                  100 * paged.perSecond() / bareRate,
                  paged.paged() < settings.pagedIncidents()
                      ? ", only " + paged.paged() + " paged"
                      : ""),
          "%.0f/s bare signal-with-start, completed".formatted(bareRate),
          "≥ 50 %",
          paged.paged() == settings.pagedIncidents() && paged.perSecond() >= bareRate / 2);
      stack.sms().awaitQuiet(Duration.ofSeconds(3), Duration.ofMinutes(5));
    }

    if (settings.runs("ingest")) {
      System.out.println("- ingest at 95 % duplicates");
      var ingest = incidents.ingest(settings.ingestRates(), settings.ingestStepSeconds());
      var best = ingest.best();
      var last = ingest.steps().get(ingest.steps().size() - 1);
      table.add(
          "Ingest at 95 % dup: highest rate, p99 ≤ 50 ms, no error",
          best.map(
                      s ->
                          s.offered()
                              + " ev/s (p99 %.0f ms)".formatted(s.accept().percentileMillis(99)))
                  .orElse("none of the steps")
              + (last.passes()
                  ? ", every step passed"
                  : "; next %d ev/s: p99 %.0f ms (duplicates %.0f ms, new keys %.0f ms), %d errors"
                      .formatted(
                          last.offered(),
                          last.accept().percentileMillis(99),
                          last.duplicates().percentileMillis(99),
                          last.firsts().percentileMillis(99),
                          last.errors())),
          "%.0f bare signal-with-start/s".formatted(bareRate),
          "≥ 2000 ev/s",
          best.isPresent() && best.get().offered() >= 2000);
      table.add(
          "Keys without exactly one incident after ingest",
          ingest.keysNotOnce() + " of " + ingest.newKeys(),
          "",
          "0",
          ingest.keysNotOnce() == 0);
      stack.sms().awaitQuiet(Duration.ofSeconds(3), Duration.ofMinutes(5));
    }

    if (settings.runs("escalation")) {
      System.out.println("- escalation lateness, " + settings.escalationIncidents() + " open");
      Latencies bareTimers = bare.timerLateness(settings.timerBaselineWorkflows(), 10_000);
      int delay = settings.escalationDelayMinutes();
      String escalating =
          api.createService(
              "Bench escalation",
              api.createPolicy("Bench escalation", delay, List.of(carol, dave)));
      WorkerCache cacheBefore = WorkerCache.read(api);
      var escalation =
          new EscalationFigure(stack, escalating, "+14155550104", threads, delay)
              .run(settings.escalationIncidents(), settings.escalationOpenRate());
      WorkerCache cache = WorkerCache.read(api).since(cacheBefore);
      System.out.println("  worker cache: " + cache.describe());
      table.info("Worker cache during the escalation figure", cache.describe(), "");
      String timerBaseline =
          "%d bare 10 s timers: p99 %.0f ms late"
              .formatted(bareTimers.count(), bareTimers.percentileMillis(99));
      boolean allEscalated = escalation.escalated() == escalation.incidents();
      table.add(
          "Escalation with " + escalation.incidents() + " open: earliest, p99 late (timeline)",
          "%d ms, p99 %.0f ms, max %.0f ms, %d of %d escalated (opened in %d s, %s, level 2 after %d min)"
              .formatted(
                  escalation.escalated() == 0 ? 0 : escalation.earliestMillis(),
                  escalation.timelineLateness().percentileMillis(99),
                  escalation.timelineLateness().maxMillis(),
                  escalation.escalated(),
                  escalation.incidents(),
                  escalation.openedIn().toSeconds(),
                  settings.escalationOpenRate() > 0
                      ? "%.0f/s".formatted(settings.escalationOpenRate())
                      : "as fast as accepted",
                  delay),
          timerBaseline,
          "never early, p99 ≤ 1 s",
          allEscalated
              && escalation.earliestMillis() >= 0
              && escalation.timelineLateness().percentileMillis(99) <= 1000);
      table.info(
          "Escalation with all " + escalation.incidents() + " open (due after the last opened)",
          "p99 %.0f ms, max %.0f ms (%d escalations)"
              .formatted(
                  escalation.allOpenLateness().percentileMillis(99),
                  escalation.allOpenLateness().maxMillis(),
                  escalation.allOpenLateness().count()),
          "");
      table.add(
          "Escalation with " + escalation.incidents() + " open: level-2 SMS p99 late",
          "p99 %.0f ms, max %.0f ms (%d SMS)"
              .formatted(
                  escalation.pageLateness().percentileMillis(99),
                  escalation.pageLateness().maxMillis(),
                  escalation.pageLateness().count()),
          "",
          "p99 ≤ 1 s",
          allEscalated
              && escalation.pageLateness().count() == escalation.incidents()
              && escalation.pageLateness().percentileMillis(99) <= 1000);
    }

    if (settings.runs("billing")) {
      System.out.println("- billing drafts, " + settings.billingAccounts() + " accounts");
      var billing = new BillingFigure(stack, threads).run(settings.billingAccounts());
      double minutes = billing.took().toMillis() / 60_000.0;
      double fullScale = minutes * 10_000.0 / billing.accounts();
      table.add(
          "Billing: " + billing.accounts() + " accounts' month drafted",
          "%.1f s (%d drafted), %.1f min per 10k at this rate"
              .formatted(billing.took().toMillis() / 1000.0, billing.drafted(), fullScale),
          "%.1f s for as many bare workflows".formatted(billing.accounts() / bareRate),
          "10k ≤ 5 min",
          billing.drafted() == billing.accounts() && fullScale <= 5);
    }
  }

  private static String ms(double millis) {
    return Double.isNaN(millis) ? "no sample" : "%.0f ms".formatted(millis);
  }

  private static String missing(int missing) {
    return missing == 0 ? "" : ", " + missing + " never paged";
  }

  private static String note(String note) {
    return note.isEmpty() ? "" : " (" + note + ")";
  }
}
