package dev.vigil.bench;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The Events API figures: first page, actions per incident, duplicates, paging rate, ingest. */
final class IncidentFigures {

  private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(60);

  private final Stack stack;
  private final Api api;
  private final Incidents incidents;
  private final Histories histories;
  private final String routingKey;
  private final int threads;

  IncidentFigures(Stack stack, Histories histories, String routingKey, int threads) {
    this.stack = stack;
    this.api = stack.api();
    this.incidents = new Incidents(stack);
    this.histories = histories;
    this.routingKey = routingKey;
    this.threads = threads;
  }

  /** Trigger then wait for its SMS; the time between, or empty when no page came or 202 did not. */
  Optional<Long> firstPage(String key) {
    long start = System.nanoTime();
    if (api.enqueue(Api.trigger(routingKey, key, key)).status() != 202) {
      return Optional.empty();
    }
    return stack.sms().await(key, PAGE_TIMEOUT).map(r -> r.nanos() - start);
  }

  record FirstPage(Latencies latencies, int missing, long backgroundErrors) {}

  /**
   * Event to first page, one incident at a time; with {@code backgroundPerSecond} > 0, duplicates
   * of ten open incidents are sent at that rate throughout.
   */
  FirstPage firstPageLatency(String run, int samples, int backgroundPerSecond) {
    List<String> hot = new ArrayList<>();
    ScheduledExecutorService background = null;
    AtomicLong backgroundErrors = new AtomicLong();
    if (backgroundPerSecond > 0) {
      for (int i = 0; i < 10; i++) {
        String key = run + "-hot-" + i;
        firstPage(key);
        hot.add(key);
      }
      background = Executors.newScheduledThreadPool(2);
      AtomicInteger n = new AtomicInteger();
      background.scheduleAtFixedRate(
          () -> {
            String key = hot.get(n.getAndIncrement() % hot.size());
            api.enqueueAsync(Api.trigger(routingKey, key, key))
                .whenComplete(
                    (response, error) -> {
                      if (error != null || response.statusCode() != 202) {
                        backgroundErrors.incrementAndGet();
                      }
                    });
          },
          0,
          1_000_000 / backgroundPerSecond,
          TimeUnit.MICROSECONDS);
      Pause.millis(2000);
    }
    Latencies latencies = new Latencies();
    int missing = 0;
    for (int i = 0; i < samples; i++) {
      Optional<Long> took = firstPage(run + "-" + i);
      if (took.isPresent()) {
        latencies.add(took.get());
      } else {
        missing++;
      }
      Pause.millis(100);
    }
    if (background != null) {
      background.shutdownNow();
    }
    return new FirstPage(latencies, missing, backgroundErrors.get());
  }

  record SimpleIncident(BillableActions.Count actions, int events, String note) {}

  /** Trigger, one page, acknowledge and resolve through the REST API, then the run's history. */
  SimpleIncident simpleIncident() {
    String key = "simple-" + System.nanoTime();
    if (firstPage(key).isEmpty()) {
      return new SimpleIncident(new BillableActions.Count(java.util.Map.of()), 0, "no page");
    }
    Incidents.Row row = incidents.byDedupKey(key).orElseThrow();
    int ack = api.acknowledge(row.number()).status();
    int resolve = api.resolve(row.number()).status();
    Optional<Incidents.Row> resolved = incidents.awaitStatus(key, "resolved", 30_000);
    Pause.millis(1000); // the run completes after recording the resolution
    var history = histories.of(row.workflowId(), row.runId());
    String note =
        ack / 100 == 2 && resolve / 100 == 2 && resolved.isPresent()
            ? ""
            : "ack " + ack + ", resolve " + resolve;
    return new SimpleIncident(BillableActions.of(history), history.size(), note);
  }

  /** History events each duplicate of an open incident adds, duplicates spaced as given. */
  double eventsPerDuplicate(int duplicates, long spacingMillis) {
    String key = "dup-" + System.nanoTime();
    firstPage(key).orElseThrow(() -> new IllegalStateException("no page for " + key));
    Incidents.Row row = incidents.byDedupKey(key).orElseThrow();
    long before = histories.settledLength(row.workflowId(), row.runId());
    for (int i = 0; i < duplicates; i++) {
      api.enqueue(Api.trigger(routingKey, key, key));
      Pause.millis(spacingMillis);
    }
    long after = histories.settledLength(row.workflowId(), row.runId());
    return (after - before) / (double) duplicates;
  }

  record PagedRate(double perSecond, int paged, int refused) {}

  /** {@code n} new incidents sent by the client threads at once; rate until the last SMS. */
  PagedRate pagedRate(int n) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    String run = "paged-" + System.nanoTime();
    AtomicInteger refused = new AtomicInteger();
    long start = System.nanoTime();
    List<CompletableFuture<Void>> sends = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String key = run + "-" + i;
      sends.add(
          CompletableFuture.runAsync(
              () -> {
                if (api.enqueue(Api.trigger(routingKey, key, key)).status() != 202) {
                  refused.incrementAndGet();
                }
              },
              pool));
    }
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
    pool.shutdown();
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    long last = start;
    int paged = 0;
    for (int i = 0; i < n; i++) {
      long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
      var receipt = stack.sms().await(run + "-" + i, Duration.ofMillis(left));
      if (receipt.isPresent()) {
        paged++;
        last = Math.max(last, receipt.get().nanos());
      }
    }
    return new PagedRate(paged / ((last - start) / 1e9), paged, refused.get());
  }

  record Step(
      int offered,
      Latencies accept,
      Latencies duplicates,
      Latencies firsts,
      long errors,
      double achieved) {
    boolean passes() {
      return errors == 0 && accept.percentileMillis(99) <= 50;
    }
  }

  record Ingest(List<Step> steps, long newKeys, long keysNotOnce) {
    Optional<Step> best() {
      return steps.stream().filter(Step::passes).reduce((a, b) -> b);
    }
  }

  /**
   * Steps the offered rate up (open loop, latency from each event's scheduled time), 95 % of events
   * duplicates of ten open incidents, 5 % new keys, until a step misses p99 ≤ 50 ms or has an
   * error; then checks that every key has exactly one incident.
   */
  Ingest ingest(List<Integer> rates, int stepSeconds) {
    String run = "ingest-" + System.nanoTime();
    List<String> hot = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String key = run + "-hot-" + i;
      firstPage(key);
      hot.add(key);
    }
    stack.sms().awaitQuiet(Duration.ofSeconds(2), Duration.ofSeconds(30));
    List<Step> steps = new ArrayList<>();
    long newKeys = hot.size();
    for (int rate : rates) {
      Latencies accept = new Latencies();
      // Split as well: a new key waits for its signal-with-start, a duplicate only for PostgreSQL.
      Latencies duplicates = new Latencies();
      Latencies firsts = new Latencies();
      AtomicLong errors = new AtomicLong();
      int total = rate * stepSeconds;
      List<CompletableFuture<HttpResponse<Void>>> inFlight = new ArrayList<>(total);
      long start = System.nanoTime();
      for (int i = 0; i < total; i++) {
        long scheduled = start + (long) (i * 1e9 / rate);
        Pause.until(scheduled);
        boolean first = i % 20 == 0;
        String key = first ? run + "-" + rate + "-" + i : hot.get(i % hot.size());
        if (first) {
          newKeys++;
        }
        Latencies kind = first ? firsts : duplicates;
        inFlight.add(
            api.enqueueAsync(Api.trigger(routingKey, key, key))
                .whenComplete(
                    (response, error) -> {
                      long took = System.nanoTime() - scheduled;
                      accept.add(took);
                      kind.add(took);
                      if (error != null || response.statusCode() != 202) {
                        errors.incrementAndGet();
                      }
                    }));
      }
      inFlight.forEach(f -> f.exceptionally(e -> null).join());
      double achieved = total / ((System.nanoTime() - start) / 1e9);
      Step step = new Step(rate, accept, duplicates, firsts, errors.get(), achieved);
      steps.add(step);
      System.out.printf(
          "  ingest %5d ev/s offered: %7.1f ev/s done, p50 %.1f ms, p99 %.1f ms"
              + " (duplicates p99 %.1f ms, new keys p99 %.1f ms), %d errors%n",
          rate,
          achieved,
          accept.percentileMillis(50),
          accept.percentileMillis(99),
          duplicates.percentileMillis(99),
          firsts.percentileMillis(99),
          errors.get());
      if (!step.passes()) {
        break;
      }
    }
    long keys = awaitIncidentKeys(run, newKeys);
    long notOnce =
        (newKeys - keys)
            + incidents.count(
                "select count(*) from (select dedup_key from incidents where dedup_key like ?"
                    + " group by dedup_key having count(*) <> 1) k",
                run + "-%");
    return new Ingest(steps, newKeys, notOnce);
  }

  private long awaitIncidentKeys(String run, long expected) {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    long keys = 0;
    while (System.nanoTime() < deadline) {
      keys =
          incidents.count(
              "select count(distinct dedup_key) from incidents where dedup_key like ?", run + "-%");
      if (keys >= expected) {
        return keys;
      }
      Pause.millis(500);
    }
    return keys;
  }
}
