package dev.vigil.notification.delivery;

import dev.vigil.notification.Channel;
import dev.vigil.oncall.address.PhoneNumbers;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Messages to one contact method outside any incident: verification codes and test pages (decision
 * 0058). Each is a row of the notification log of its kind, with no incident, sent through the
 * channel's providers like a page: billing meters it the same way, and the dev inbox shows it
 * (incident number 0). A test page is limited to one a minute per method and ten a day per user,
 * counted from that log.
 */
@Component
public class DirectMessages {

  private static final Logger log = LoggerFactory.getLogger(DirectMessages.class);

  static final Duration TEST_EVERY = Duration.ofMinutes(1);
  static final int TESTS_PER_DAY = 10;

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final NotificationProviders providers;
  private final PageDispatch dispatch;

  DirectMessages(
      JdbcClient jdbc,
      TransactionTemplate tx,
      NotificationProviders providers,
      PageDispatch dispatch) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.providers = providers;
    this.dispatch = dispatch;
  }

  /** Where a direct message goes: one contact method of one user. */
  public record Recipient(
      long accountId, long userId, long contactMethodId, Channel channel, String address) {}

  /** A test page over this method was refused: too soon after the last, or too many today. */
  public static class TestPageLimited extends RuntimeException {

    private final long retryAfterSeconds;

    TestPageLimited(String message, long retryAfterSeconds) {
      super(message);
      this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }

  /**
   * Sends a verification code over the method. Throws {@link ProviderFailure} when no provider took
   * it. The code appears in the message only, never in a log.
   */
  public void sendCode(Recipient to, String code) {
    String spoken = String.join(", ", code.split(""));
    String body =
        to.channel() == Channel.VOICE
            ? "Your Vigil verification code is " + spoken + ". Again: " + spoken + "."
            : "Your Vigil verification code is " + code + ". It expires in 10 minutes.";
    long id = tx.execute(status -> insert(to, "verification"));
    deliver(to, id, "Vigil verification code", body);
  }

  /**
   * Sends a test page over the method, within its limits. Throws {@link TestPageLimited} when over
   * them and {@link ProviderFailure} when no provider took it.
   *
   * @return the notification log row that records it
   */
  public long sendTestPage(Recipient to) {
    long id =
        tx.execute(
            status -> {
              // Orders two requests of one user, so neither limit is passed by a race.
              jdbc.sql("select pg_advisory_xact_lock(hashtextextended('test-page', ?))")
                  .param(to.userId())
                  .query()
                  .listOfRows();
              refuseOverLimits(to);
              return insert(to, "test");
            });
    String name =
        jdbc.sql("select name from users where id = ?")
            .param(to.userId())
            .query(String.class)
            .single();
    deliver(to, id, "Vigil test page", "Vigil test page for " + name + ": no action needed");
    return id;
  }

  private void refuseOverLimits(Recipient to) {
    Long sinceLast =
        jdbc.sql(
                """
                select floor(extract(epoch from now() - max(created_at)))::bigint from notifications
                where user_id = ? and contact_method_id = ? and kind = 'test'""")
            .params(to.userId(), to.contactMethodId())
            .query(Long.class)
            .optional()
            .orElse(null);
    if (sinceLast != null && sinceLast < TEST_EVERY.toSeconds()) {
      throw new TestPageLimited(
          "One test page a minute per contact method: try again in "
              + (TEST_EVERY.toSeconds() - sinceLast)
              + " s",
          TEST_EVERY.toSeconds() - sinceLast);
    }
    List<Long> today =
        jdbc.sql(
                """
                select ceil(extract(epoch from created_at + interval '1 day' - now()))::bigint
                from notifications
                where user_id = ? and kind = 'test' and created_at > now() - interval '1 day'
                order by created_at""")
            .param(to.userId())
            .query(Long.class)
            .list();
    if (today.size() >= TESTS_PER_DAY) {
      throw new TestPageLimited(
          TESTS_PER_DAY + " test pages a day per user: try again in " + today.get(0) + " s",
          Math.max(1, today.get(0)));
    }
  }

  private long insert(Recipient to, String kind) {
    return jdbc.sql(
            """
            insert into notifications (account_id, incident_id, user_id, contact_method_id, channel, provider,
                                       destination, destination_country, idempotency_key, status, kind)
            values (?, null, ?, ?, ?, ?, ?, ?, ?, 'sending', ?)
            returning id""")
        .params(
            to.accountId(),
            to.userId(),
            to.contactMethodId(),
            to.channel().wireName(),
            providers.primaryFor(to.channel()).map(NotificationProvider::name).orElse("none"),
            to.address(),
            to.channel() == Channel.EMAIL ? null : PhoneNumbers.countryOf(to.address()),
            kind + "-" + UUID.randomUUID(),
            kind)
        .query(Long.class)
        .single();
  }

  /** The channel's providers in order, as a page fails over; the last failure is thrown. */
  private void deliver(Recipient to, long id, String subject, String body) {
    List<NotificationProvider> candidates = providers.forChannel(to.channel());
    if (candidates.isEmpty()) {
      ProviderFailure none =
          new ProviderFailure(
              ProviderFailure.Kind.REJECTED,
              "no provider is configured for " + to.channel().wireName(),
              null);
      jdbc.sql("update notifications set status = 'failed', failure = ? where id = ?")
          .params(none.reason(), id)
          .update();
      throw none;
    }
    OutboundMessage message =
        new OutboundMessage(
            to.accountId(),
            id,
            0,
            to.channel(),
            to.address(),
            to.channel() == Channel.EMAIL ? subject : null,
            body);
    ProviderFailure last = null;
    for (NotificationProvider provider : candidates) {
      try {
        dispatch.deliver(provider, message);
        log.info(
            "Notification {}: {} to user {} at {} sent by {}",
            id,
            to.channel().wireName(),
            to.userId(),
            PageMessages.masked(to.channel(), to.address()),
            provider.name());
        return;
      } catch (ProviderFailure failure) {
        last = failure;
        log.warn(
            "Notification {}: {} to user {} via {} failed: {}",
            id,
            to.channel().wireName(),
            to.userId(),
            provider.name(),
            failure.reason());
      }
    }
    throw last;
  }
}
