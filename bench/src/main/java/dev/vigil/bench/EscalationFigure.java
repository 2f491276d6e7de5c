package dev.vigil.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * N open incidents on a policy whose first level waits a few minutes: how late level 2 fires (the
 * timeline's "escalated" entries, level 2's minus level 1's minus the delay, by workflow time) and
 * how late its SMS reaches the stand-in (wall clock), and whether any fired early or not at all.
 *
 * <p>The incidents are opened at a steady rate ({@code openRate} per second; 0 sends as fast as the
 * client threads go, a storm): the figure is about escalations while N incidents are open, and a
 * storm of new incidents is the paged-per-second figure's subject. Escalations due after the last
 * incident was opened are also reported apart: those fired with all N open.
 */
final class EscalationFigure {

  private final Stack stack;
  private final String routingKey;
  private final String levelTwoPhone;
  private final int threads;
  private final long delayMillis;

  EscalationFigure(
      Stack stack, String routingKey, String levelTwoPhone, int threads, int delayMinutes) {
    this.stack = stack;
    this.routingKey = routingKey;
    this.levelTwoPhone = levelTwoPhone;
    this.threads = threads;
    this.delayMillis = delayMinutes * 60_000L;
  }

  record Result(
      int incidents,
      int opened,
      int escalated,
      Latencies timelineLateness,
      Latencies pageLateness,
      Latencies allOpenLateness,
      long earliestMillis,
      Duration openedIn) {}

  Result run(int n, double openRate) {
    String run = "esc-" + System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger refused = new AtomicInteger();
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      String key = run + "-" + i;
      if (openRate > 0) {
        Pause.until(start + (long) (i * 1e9 / openRate));
      }
      pool.execute(
          () -> {
            if (stack.api().enqueue(Api.trigger(routingKey, key, key)).status() != 202) {
              refused.incrementAndGet();
            }
          });
    }
    pool.shutdown();
    try {
      pool.awaitTermination(1, TimeUnit.HOURS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    Duration sent = Duration.ofNanos(System.nanoTime() - start);
    long allOpenAt = System.currentTimeMillis();
    System.out.printf("  escalation: %d triggers sent in %d s%n", n, sent.toSeconds());
    // Every level 2 is due a delay after its level 1; wait for them, and two minutes more at most.
    Map<String, long[]> levels = Map.of();
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos() + delayMillis * 1_000_000L;
    while (System.nanoTime() < deadline) {
      Pause.millis(5000);
      levels = levels(run);
      long second = levels.values().stream().filter(l -> l[1] > 0).count();
      System.out.printf(
          "  escalation: %d incidents at level 1, %d at level 2%n", levels.size(), second);
      if (second >= n - refused.get()) {
        break;
      }
    }
    Pause.millis(2000); // the last SMS is sent after its timeline entry
    Latencies timeline = new Latencies();
    Latencies page = new Latencies();
    Latencies allOpen = new Latencies();
    long earliest = Long.MAX_VALUE;
    Map<String, Long> smsByTag = new HashMap<>();
    stack.sms().to(levelTwoPhone).forEach(r -> smsByTag.putIfAbsent(r.tag(), r.wallMillis()));
    int escalated = 0;
    for (var entry : levels.entrySet()) {
      long[] at = entry.getValue();
      if (at[1] == 0) {
        continue;
      }
      escalated++;
      long late = at[1] - at[0] - delayMillis;
      earliest = Math.min(earliest, late);
      timeline.add(Math.max(0, late) * 1_000_000L);
      if (at[0] + delayMillis >= allOpenAt) {
        allOpen.add(Math.max(0, late) * 1_000_000L);
      }
      Long received = smsByTag.get(entry.getKey());
      if (received != null) {
        page.add(Math.max(0, received - at[0] - delayMillis) * 1_000_000L);
        earliest = Math.min(earliest, received - at[0] - delayMillis);
      }
    }
    return new Result(n, levels.size(), escalated, timeline, page, allOpen, earliest, sent);
  }

  /** Per dedup key: level 1's and level 2's "escalated" instants (0 when not yet). */
  private Map<String, long[]> levels(String run) {
    Map<String, long[]> levels = new HashMap<>();
    try (Connection db = stack.database();
        PreparedStatement query =
            db.prepareStatement(
                """
                select i.dedup_key,
                       min(e.at) filter (where e.message like 'Escalation level 1 %') as one,
                       min(e.at) filter (where e.message like 'Escalation level 2 %') as two
                from incidents i join incident_log_entries e
                  on e.incident_id = i.id and e.kind = 'escalated'
                where i.dedup_key like ?
                group by i.dedup_key
                """)) {
      query.setString(1, run + "-%");
      try (ResultSet rs = query.executeQuery()) {
        while (rs.next()) {
          Timestamp one = rs.getTimestamp(2);
          Timestamp two = rs.getTimestamp(3);
          if (one != null) {
            levels.put(
                rs.getString(1), new long[] {one.getTime(), two == null ? 0 : two.getTime()});
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return levels;
  }
}
