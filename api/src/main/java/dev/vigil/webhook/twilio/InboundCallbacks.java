package dev.vigil.webhook.twilio;

import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Acts on an inbound callback once. The callback's key is written in the transaction that acts: a
 * replay finds it and gets the first answer back without acting; a copy arriving meanwhile waits on
 * the unique key. When acting fails the row goes too, so Twilio's retry can act.
 */
@Component
class InboundCallbacks {

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;

  InboundCallbacks(JdbcClient jdbc, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  String once(String key, Supplier<String> act) {
    return tx.execute(
        status -> {
          int inserted =
              jdbc.sql(
                      "insert into inbound_callbacks (callback_key, reply) values (?, '') on conflict do nothing")
                  .param(key)
                  .update();
          if (inserted == 0) {
            Optional<String> reply =
                jdbc.sql("select reply from inbound_callbacks where callback_key = ?")
                    .param(key)
                    .query(String.class)
                    .optional();
            return reply.orElse("");
          }
          String reply = act.get();
          jdbc.sql("update inbound_callbacks set reply = ? where callback_key = ?")
              .params(reply, key)
              .update();
          return reply;
        });
  }
}
