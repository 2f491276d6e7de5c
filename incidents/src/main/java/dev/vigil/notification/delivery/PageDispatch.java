package dev.vigil.notification.delivery;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Hands one message to one provider and records what happened on its notification row: the one
 * provider-calling path of pages and digests alike.
 */
@Component
class PageDispatch {

  private static final java.time.Duration QUICK_RETRY = java.time.Duration.ofSeconds(1);

  private final JdbcClient jdbc;
  private final PageMetrics metrics;

  PageDispatch(JdbcClient jdbc, PageMetrics metrics) {
    this.jdbc = jdbc;
    this.metrics = metrics;
  }

  /**
   * The provider took the message: the row is {@code sent} with what the provider said. Throws the
   * provider's failure after recording it on the row ({@code failed}, with the reason).
   */
  Delivery deliver(NotificationProvider provider, OutboundMessage message) {
    Delivery delivery;
    try {
      delivery = deliverWithQuickRetry(provider, message);
    } catch (ProviderFailure failure) {
      jdbc.sql(
              """
              update notifications set status = 'failed', failure = ?
              where id = ? and sent_at is null""")
          .params(failure.reason(), message.notificationId())
          .update();
      metrics.failed(message.channel(), provider.name());
      throw failure;
    }
    jdbc.sql(
            """
            update notifications set status = 'sent', provider = ?, provider_account = ?,
                   provider_message_id = ?, segments = ?, failure = null, sent_at = now()
            where id = ?""")
        .params(
            provider.name(),
            delivery.providerAccount(),
            delivery.providerMessageId(),
            delivery.segments(),
            message.notificationId())
        .update();
    metrics.sent(message.channel(), provider.name());
    return delivery;
  }

  /**
   * Two tries of the provider, a second apart, when it is unavailable: the provider's chances are
   * spent here, so Temporal's own retries of a send only ever stand for a worker that died
   * mid-send, and never fail a page over or drop it (decision 0021).
   */
  private Delivery deliverWithQuickRetry(NotificationProvider provider, OutboundMessage message) {
    try {
      return provider.deliver(message);
    } catch (ProviderFailure failure) {
      if (failure.kind() != ProviderFailure.Kind.UNAVAILABLE) {
        throw failure;
      }
      metrics.failed(message.channel(), provider.name()); // this try; the caller counts the last
      try {
        Thread.sleep(QUICK_RETRY.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure;
      }
      return provider.deliver(message);
    }
  }
}
