package dev.vigil.notification.twilio;

import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Acts on an inbound callback once, by its key (Twilio's MessageSid, CallSid and digit).
 *
 * <p>The key is claimed first (a unique insert, committed at once), the action runs outside any
 * transaction (a workflow update, which may take a while: no database connection waits on it), and
 * the reply is stored with the claim. A replay of a completed callback gets the first reply back
 * without acting; a copy arriving while the first is still acting gets an empty reply (the first
 * one answers the sender). When acting fails the claim is dropped, so Twilio's retry can act.
 *
 * <p>At-least-once remains in one place: a process that dies after acting and before completing
 * leaves a claim that is taken over after {@link #ABANDONED_AFTER}, and the retry acts again. The
 * actions are acknowledge and resolve, which a second time only say "already acknowledged".
 */
@Component
public class InboundCallbacks {

  public static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

  private final JdbcClient jdbc;

  public InboundCallbacks(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public String once(String key, Supplier<String> act) {
    if (!claim(key)) {
      return jdbc.sql(
              "select reply from inbound_callbacks where callback_key = ? and completed_at is not null")
          .param(key)
          .query(String.class)
          .optional()
          .orElse("");
    }
    String reply;
    try {
      reply = act.get();
    } catch (RuntimeException e) {
      jdbc.sql("delete from inbound_callbacks where callback_key = ? and completed_at is null")
          .param(key)
          .update();
      throw e;
    }
    jdbc.sql("update inbound_callbacks set reply = ?, completed_at = now() where callback_key = ?")
        .params(reply, key)
        .update();
    return reply;
  }

  /** A new claim, or one abandoned by a process that died while acting. */
  private boolean claim(String key) {
    int claimed =
        jdbc.sql(
                """
                insert into inbound_callbacks (callback_key, reply) values (:key, '')
                on conflict (callback_key) do update set created_at = now()
                    where inbound_callbacks.completed_at is null
                      and inbound_callbacks.created_at < now() - cast(:abandoned as interval)
                """)
            .param("key", key)
            .param("abandoned", ABANDONED_AFTER.toSeconds() + " seconds")
            .update();
    return claimed == 1;
  }
}
