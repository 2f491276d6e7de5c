package dev.vigil.notification.delivery;

import dev.vigil.notification.Channel;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The page budgets of people, read from the notification log: every message the budget let through
 * has an {@code admitted_at}. Decisions about one person's channel are taken under a transaction
 * lock of that person and channel, so two workers (or replicas) deciding at once see each other's
 * messages.
 */
@Component
class PageBudgets {

  private final JdbcClient jdbc;
  private final PageBudgetSettings settings;

  PageBudgets(JdbcClient jdbc, PageBudgetSettings settings) {
    this.jdbc = jdbc;
    this.settings = settings;
  }

  /** Waits for, then holds until the transaction ends, the right to decide for this person. */
  void lock(long userId, Channel channel) {
    jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))")
        .param(lockKey(userId, channel))
        .query((rs, n) -> 1)
        .single();
  }

  /** As {@link #lock}, or false at once when someone else is deciding for this person. */
  boolean tryLock(long userId, Channel channel) {
    return jdbc.sql("select pg_try_advisory_xact_lock(hashtextextended(?, 0))")
        .param(lockKey(userId, channel))
        .query(Boolean.class)
        .single();
  }

  /** The limit a message to this person at {@code at} would break; empty when it may go out. */
  Optional<PageLimit> spent(long userId, Channel channel, Instant at) {
    PageBudget budget = settings.forChannel(channel);
    if (budget.limits().isEmpty()) {
      return Optional.empty();
    }
    List<Instant> admitted =
        jdbc.sql(
                """
                select admitted_at from notifications
                where user_id = ? and channel = ? and admitted_at > ?""")
            .params(userId, channel.wireName(), Timestamp.from(at.minus(budget.horizon())))
            .query((rs, n) -> rs.getTimestamp(1).toInstant())
            .list();
    return budget.spentAt(admitted, at);
  }

  private static String lockKey(long userId, Channel channel) {
    return "page-budget/" + userId + "/" + channel.wireName();
  }
}
