package dev.vigil.oncall.schedule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * iCalendar feeds of a schedule or of a user. A feed's URL carries a secret of 256 random bits;
 * only its SHA-256 is stored (for such a secret a fast hash is as safe as a slow one, as for API
 * tokens), so the URL is shown once, when the feed is created, and a leaked database leaks no feed.
 */
@Component
public class CalendarFeeds {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;

  CalendarFeeds(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Whose on-call shifts a feed shows: exactly one of the two is set. */
  public record Owner(Long scheduleId, Long userId) {

    public static Owner schedule(long scheduleId) {
      return new Owner(scheduleId, null);
    }

    public static Owner user(long userId) {
      return new Owner(null, userId);
    }

    @Override
    public String toString() {
      return scheduleId != null ? "schedule " + scheduleId : "user " + userId;
    }
  }

  public record Feed(long id, long accountId, Long scheduleId, Long userId, Instant createdAt) {}

  /** A new feed and its secret: the only time the secret exists outside the client. */
  public record Created(Feed feed, String secret) {}

  public Created create(long accountId, Owner owner) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String secret = HexFormat.of().formatHex(bytes);
    Feed feed =
        jdbc.sql(
                """
                insert into calendar_feeds (account_id, schedule_id, user_id, secret_hash)
                values (?, ?, ?, ?) returning id, account_id, schedule_id, user_id, created_at""")
            .params(accountId, owner.scheduleId(), owner.userId(), hash(secret))
            .query(Feed.class)
            .single();
    return new Created(feed, secret);
  }

  public List<Feed> list(long accountId, Owner owner) {
    return jdbc.sql(
            """
            select id, account_id, schedule_id, user_id, created_at from calendar_feeds
            where account_id = :account
              and schedule_id is not distinct from cast(:schedule as bigint)
              and user_id is not distinct from cast(:user as bigint)
            order by id""")
        .param("account", accountId)
        .param("schedule", owner.scheduleId())
        .param("user", owner.userId())
        .query(Feed.class)
        .list();
  }

  /** Revokes a feed: its URL answers 404 from now on. False when the owner has no such feed. */
  public boolean delete(long accountId, Owner owner, long feedId) {
    return jdbc.sql(
                """
                delete from calendar_feeds
                where account_id = :account and id = :id
                  and schedule_id is not distinct from cast(:schedule as bigint)
                  and user_id is not distinct from cast(:user as bigint)""")
            .param("account", accountId)
            .param("id", feedId)
            .param("schedule", owner.scheduleId())
            .param("user", owner.userId())
            .update()
        == 1;
  }

  /**
   * The feed a secret opens. The one lookup not scoped by account: the secret is the credential
   * that tells the account, as an API token does; what the feed shows is then read within it.
   */
  public Optional<Feed> findBySecret(String secret) {
    if (secret == null || !secret.matches("[0-9a-f]{64}")) {
      return Optional.empty();
    }
    return jdbc.sql(
            "select id, account_id, schedule_id, user_id, created_at from calendar_feeds"
                + " where secret_hash = ?")
        .param(hash(secret))
        .query(Feed.class)
        .optional();
  }

  public static String hash(String secret) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
