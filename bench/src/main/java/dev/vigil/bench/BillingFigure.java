package dev.vigil.bench;

import dev.vigil.billing.cycle.BillingCycle;
import dev.vigil.billing.cycle.BillingCycleWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * N check customers billed from last month on (so their month is due at once), their cycles started
 * as the app starts them (workflow id, task queue and input of BillingCycleWorkflow): the time
 * until every account's month is drafted.
 */
final class BillingFigure {

  private final Stack stack;
  private final int threads;

  BillingFigure(Stack stack, int threads) {
    this.stack = stack;
    this.threads = threads;
  }

  record Result(int accounts, long drafted, Duration took) {}

  Result run(int n) {
    YearMonth month = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
    List<Long> accounts = enroll(n, month);
    WorkflowClient client = stack.client();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    for (long account : accounts) {
      pool.execute(
          () -> {
            BillingCycleWorkflow cycle =
                client.newWorkflowStub(
                    BillingCycleWorkflow.class,
                    WorkflowOptions.newBuilder()
                        .setWorkflowId(BillingCycleWorkflow.workflowId(account))
                        .setTaskQueue(BillingCycleWorkflow.TASK_QUEUE)
                        .build());
            WorkflowClient.start(cycle::run, new BillingCycle(account, month.toString()));
          });
    }
    pool.shutdown();
    long first = accounts.get(0);
    long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
    long drafted = 0;
    while (System.nanoTime() < deadline) {
      drafted =
          new Incidents(stack)
              .count(
                  "select count(*) from invoices where account_id between ? and ?",
                  first,
                  accounts.get(accounts.size() - 1));
      if (drafted >= n) {
        break;
      }
      Pause.millis(250);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    try {
      pool.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new Result(n, drafted, took);
  }

  /**
   * Accounts, billing profiles and Business subscriptions, written as billing set-up writes them.
   */
  private List<Long> enroll(int n, YearMonth month) {
    Timestamp starts = Timestamp.from(month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    List<Long> ids = new ArrayList<>();
    try (Connection db = stack.database()) {
      try (PreparedStatement insert =
          db.prepareStatement(
              "insert into accounts (name) select 'Bench customer ' || g"
                  + " from generate_series(1, ?) g returning id")) {
        insert.setInt(1, n);
        try (ResultSet rs = insert.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getLong(1));
          }
        }
      }
      try (PreparedStatement profiles =
          db.prepareStatement(
              """
              insert into billing_profiles (account_id, collection_method, billing_time_zone,
                  billing_email, billing_starts_at)
              select id, 'check', 'UTC', 'billing-' || id || '@bench.invalid', ?
              from accounts where id between ? and ?
              """)) {
        profiles.setTimestamp(1, starts);
        profiles.setLong(2, ids.get(0));
        profiles.setLong(3, ids.get(ids.size() - 1));
        profiles.executeUpdate();
      }
      try (PreparedStatement subscriptions =
          db.prepareStatement(
              """
              insert into subscription_changes (account_id, plan_version_id, seats, effective_at,
                                                reason)
              select a.id, (select id from plan_versions where plan_code = 'business'
                            order by version desc limit 1), 5, ?, 'billing set up'
              from accounts a where a.id between ? and ?
              """)) {
        subscriptions.setTimestamp(1, starts);
        subscriptions.setLong(2, ids.get(0));
        subscriptions.setLong(3, ids.get(ids.size() - 1));
        subscriptions.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return ids;
  }
}
