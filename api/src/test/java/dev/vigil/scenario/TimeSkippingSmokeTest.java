package dev.vigil.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.auth.ApiTokens;
import dev.vigil.oncall.OnCallSetup;
import dev.vigil.support.TimeSkippingAppTestBase;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class TimeSkippingSmokeTest extends TimeSkippingAppTestBase {

  @Autowired OnCallSetup setup;
  @Autowired ApiTokens tokens;

  @Test
  void escalatesAfterAnHourWithoutWaitingAnHour() {
    long account = setup.createAccount("Skip " + UUID.randomUUID(), "US", "UTC");
    long alice = setup.createUser(account, "Alice", "alice-" + account + "@example.com", "admin");
    long bob = setup.createUser(account, "Bob", "bob-" + account + "@example.com", "admin");
    long policy =
        setup.createPolicy(
            account,
            "Slow",
            0,
            List.of(
                new OnCallSetup.LevelSpec(3600, List.of(alice)),
                new OnCallSetup.LevelSpec(3600, List.of(bob))));
    long service = setup.createService(account, "Svc", policy, "high");
    String key = UUID.randomUUID().toString().replace("-", "");
    setup.addIntegrationKey(account, service, key);

    assertThat(
            http()
                .postJson(
                    "/v2/enqueue",
                    """
                    {"routing_key": "%s", "event_action": "trigger",
                     "payload": {"summary": "Slow", "source": "s", "severity": "info"}}"""
                        .formatted(key))
                .status())
        .isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> inbox(account, "bob-") == 0 && inbox(account, "alice-") == 1);

    advance(Duration.ofMinutes(61));

    await().atMost(Duration.ofSeconds(15)).until(() -> inbox(account, "bob-") == 1);
  }

  private int inbox(long account, String prefix) {
    return jdbc.sql(
            "select count(*) from dev_inbox_messages where account_id = ? and recipient like ?")
        .params(account, prefix + "%")
        .query(Integer.class)
        .single();
  }
}
