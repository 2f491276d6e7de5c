package dev.vigil.devinbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DevInboxHttpTest extends AppTestBase {

  @Test
  void showsPagesAsJsonNewestFirstAndAsAPageForBrowsers() {
    Team team = newTeam(60);
    http()
        .postJson(
            "/v2/enqueue",
            """
        {"routing_key": "%s", "event_action": "trigger", "dedup_key": "inbox",
         "payload": {"summary": "<script>alert(1)</script> Disk full", "source": "s", "severity": "error"}}"""
                .formatted(team.routingKey()));
    await().atMost(Duration.ofSeconds(15)).until(() -> inboxCount(team.aliceEmail()) == 1);

    Response json = http().get("/dev/inbox", "Accept", "*/*");
    Response page = http().get("/dev/inbox", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");

    assertThat(json.contentType()).startsWith("application/json");
    var newest = json.json().get("messages").get(0);
    assertThat(newest.get("body").asString()).contains("Disk full");
    assertThat(newest.has("incident_number")).isTrue();
    assertThat(newest.get("channel").asString()).isIn("sms", "email");
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.body()).contains("Dev inbox", "&lt;script&gt;").doesNotContain("<script>alert");
  }
}
