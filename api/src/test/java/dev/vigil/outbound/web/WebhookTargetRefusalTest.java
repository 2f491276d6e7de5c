package dev.vigil.outbound.web;

import static dev.vigil.outbound.web.WebhooksTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Vigil as shipped (VIGIL_WEBHOOKS_ALLOW_PRIVATE_TARGETS unset): a URL that names an internal
 * address is refused when the subscription is made, and a name that resolves to one is refused at
 * delivery, before anything is sent. Its own app: the setting is read at start.
 */
class WebhookTargetRefusalTest extends AppTestBase {

  @DynamicPropertySource
  static void refuseInternalTargets(DynamicPropertyRegistry registry) {
    registry.add("vigil.webhooks.allow-private-targets", () -> "false");
  }

  @Test
  void internalAddressesAreRefusedAtCreationNamingTheUrl() {
    Team team = newTeam(60);
    for (String url :
        new String[] {
          "http://127.0.0.1:8080/hook",
          "http://10.1.2.3/hook",
          "http://192.168.0.10/hook",
          "http://172.16.5.5/hook",
          "http://169.254.169.254/latest/meta-data/",
          "http://[::1]:9000/hook",
          "http://[::ffff:127.0.0.1]/hook",
          "http://[fd00::1]/hook",
          "http://[fe80::1]/hook",
          "http://0.0.0.0/hook",
          "http://2130706433/hook"
        }) {
      assertRefused(
          http().postJson("/api/v1/webhooks", team.token(), "{\"url\": \"%s\"}".formatted(url)),
          "'url' points at a loopback, private or link-local address");
    }
    assertThat(http().get("/api/v1/webhooks", team.token()).json().at("/webhooks")).isEmpty();

    // A public address is fine; changing it to an internal one is refused and changes nothing.
    Response made =
        http()
            .postJson(
                "/api/v1/webhooks", team.token(), "{\"url\": \"https://93.184.215.14/hook\"}");
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    String one = "/api/v1/webhooks/" + made.json().at("/webhook/id").asLong();
    assertRefused(
        http().patchJson(one, team.token(), "{\"url\": \"http://169.254.169.254/\"}"),
        "'url' points at a loopback, private or link-local address");
    assertThat(http().get(one, team.token()).json().at("/webhook/url").asString())
        .isEqualTo("https://93.184.215.14/hook");
  }

  @Test
  void aNameThatResolvesToLoopbackIsRefusedAtDeliveryAndNotRetried() throws Exception {
    Team team = newTeam(60);
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      String url = receiver.url("/sneaky").replace("127.0.0.1", "localhost");
      Response made =
          http().postJson("/api/v1/webhooks", team.token(), "{\"url\": \"%s\"}".formatted(url));
      assertThat(made.status()).as(made.body()).isEqualTo(201);
      String one = "/api/v1/webhooks/" + made.json().at("/webhook/id").asLong();

      assertThat(http().post(one + "/test", team.token()).status()).isEqualTo(202);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  "failed"
                      .equals(
                          http()
                              .get(one + "/deliveries", team.token())
                              .json()
                              .at("/deliveries/0/status")
                              .asString()));
      JsonNode delivery = http().get(one + "/deliveries", team.token()).json().at("/deliveries/0");
      assertThat(delivery.at("/last_error").asString())
          .contains("refused localhost")
          .contains("loopback, private or link-local");
      assertThat(delivery.at("/attempts").asInt()).isEqualTo(1);
      Thread.sleep(1000);
      assertThat(receiver.at("/sneaky")).isEmpty();
    }
  }
}
