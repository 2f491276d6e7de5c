package dev.vigil.webhook.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.notification.twilio.InboundCallbacks;
import dev.vigil.support.AppTestBase;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A callback acts once, without a transaction open while it acts, and survives a dead process. */
class InboundCallbacksTest extends AppTestBase {

  @Autowired InboundCallbacks callbacks;

  @Test
  void aReplayGetsTheFirstReplyAndACopyDuringTheActGetsNoneAndNeitherActs() throws Exception {
    String key = "test:" + UUID.randomUUID();
    AtomicInteger acted = new AtomicInteger();
    CountDownLatch acting = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread first =
        new Thread(
            () ->
                callbacks.once(
                    key,
                    () -> {
                      acted.incrementAndGet();
                      acting.countDown();
                      await(release);
                      return "Incident #1 acknowledged.";
                    }));
    first.start();
    assertThat(acting.await(10, TimeUnit.SECONDS)).isTrue();

    String copy = callbacks.once(key, () -> "acted twice: " + acted.incrementAndGet());
    release.countDown();
    first.join(10_000);
    String replay = callbacks.once(key, () -> "acted again: " + acted.incrementAndGet());

    assertThat(copy).isEmpty();
    assertThat(replay).isEqualTo("Incident #1 acknowledged.");
    assertThat(acted).hasValue(1);
  }

  @Test
  void aFailedActLetsTheRetryActAndAnAbandonedClaimIsTakenOver() {
    String failing = "test:" + UUID.randomUUID();
    assertThatThrownBy(
            () ->
                callbacks.once(
                    failing,
                    () -> {
                      throw new IllegalStateException("Temporal unavailable");
                    }))
        .hasMessageContaining("Temporal unavailable");
    assertThat(callbacks.once(failing, () -> "done on retry")).isEqualTo("done on retry");

    // A process died while acting: its claim is fresh for a while, then taken over.
    String abandoned = "test:" + UUID.randomUUID();
    jdbc.sql("insert into inbound_callbacks (callback_key, reply) values (?, '')")
        .param(abandoned)
        .update();
    assertThat(callbacks.once(abandoned, () -> "too early")).isEmpty();
    jdbc.sql(
            "update inbound_callbacks set created_at = now() - interval '3 minutes'"
                + " where callback_key = ?")
        .param(abandoned)
        .update();
    assertThat(callbacks.once(abandoned, () -> "taken over")).isEqualTo("taken over");
    assertThat(callbacks.once(abandoned, () -> "not again")).isEqualTo("taken over");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
