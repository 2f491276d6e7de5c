package dev.vigil.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver.Response;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The limits of the Events and REST APIs on the running app, set small: under a limit nothing
 * changes; over it the answer is 429 with Retry-After in the API's own shape, and an event refused
 * is not stored. Wrong tokens slow an address down without touching other addresses.
 */
@TestPropertySource(
    properties = {
      "vigil.rate-limits.routing-key.per-minute=5",
      "vigil.rate-limits.account.per-minute=8",
      "vigil.rate-limits.api-token.per-minute=10",
      "vigil.rate-limits.bad-tokens=3",
      "vigil.rate-limits.bad-token-window=10m"
    })
class RateLimitTest extends AppTestBase {

  @Autowired MeterRegistry meters;

  @Test
  void eventsOverTheRoutingKeyLimitAre429WithRetryAfterAndNotStored() {
    Team team = newTeam(600);
    double refusedBefore = eventsRateLimited();

    for (int i = 0; i < 5; i++) {
      Response accepted = sendTrigger(team.routingKey(), "disk-full", "Disk full " + i);
      assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    }
    assertThat(alertCount(team.accountId())).isEqualTo(5);

    Response throttled = sendTrigger(team.routingKey(), "disk-full", "Disk full 6");

    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.json().get("status").asString()).isEqualTo("throttle event");
    assertThat(throttled.json().get("message").asString()).contains("retry later");
    assertThat(throttled.json().get("errors").get(0).asString()).contains("'routing_key'", "5");
    assertRetryAfterWithinAMinute(throttled);
    assertThat(alertCount(team.accountId())).as("the refused event is not stored").isEqualTo(5);
    assertThat(eventsRateLimited() - refusedBefore).isEqualTo(1.0);
  }

  @Test
  void theAccountLimitSpansItsRoutingKeys() {
    Team team = newTeam(600);
    long service = firstServiceId(team);
    String secondKey = UUID.randomUUID().toString().replace("-", "");
    setup.addIntegrationKey(team.accountId(), service, secondKey);

    for (int i = 0; i < 5; i++) {
      assertThat(sendTrigger(team.routingKey(), "a", "first key " + i).status()).isEqualTo(202);
    }
    for (int i = 0; i < 3; i++) {
      assertThat(sendTrigger(secondKey, "b", "second key " + i).status()).isEqualTo(202);
    }

    Response throttled = sendTrigger(secondKey, "b", "second key, over the account's 8");

    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.json().get("errors").get(0).asString()).contains("account", "8");
    assertRetryAfterWithinAMinute(throttled);
    assertThat(alertCount(team.accountId())).isEqualTo(8);
  }

  @Test
  void restRequestsOverTheTokensLimitAre429InTheApisErrorShape() {
    Team team = newTeam(600);
    String otherToken = tokens.create(team.accountId(), "second token");
    double before = apiThrottled("rate_limited");

    for (int i = 0; i < 10; i++) {
      assertThat(http().get("/api/v1/incidents", team.token()).status()).isEqualTo(200);
    }
    Response throttled = http().get("/api/v1/incidents", team.token());

    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.json().at("/error/code").asString()).isEqualTo("rate_limited");
    assertThat(throttled.json().at("/error/message").asString()).contains("10");
    assertRetryAfterWithinAMinute(throttled);
    assertThat(apiThrottled("rate_limited") - before).isEqualTo(1.0);
    assertThat(http().get("/api/v1/incidents", otherToken).status())
        .as("the limit is the token's, not the account's")
        .isEqualTo(200);
  }

  @Test
  void repeatedWrongTokensFromOneAddressAreRefusedForAWhileEvenWithAGoodToken() throws Exception {
    Team team = newTeam(600);
    // Another loopback address than every other test's, so only this one is slowed down.
    String address = "127.0.0.2";
    double before = apiThrottled("bad_tokens");

    for (int i = 0; i < 3; i++) {
      assertThat(getFrom(address, "vgl_wrong" + i).status()).isEqualTo(401);
    }
    RawResponse refused = getFrom(address, "vgl_wrong-again");
    RawResponse goodTokenRefused = getFrom(address, team.token());

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.body()).contains("\"code\":\"too_many_bad_tokens\"");
    // 3 per 10 minutes: the next try is one 200-second refill away.
    assertThat(refused.retryAfter()).isBetween(150L, 200L);
    assertThat(goodTokenRefused.status())
        .as("a blocked address gets no answer on whether a token is right")
        .isEqualTo(429);
    assertThat(apiThrottled("bad_tokens") - before).isEqualTo(2.0);
    assertThat(http().get("/api/v1/incidents", team.token()).status())
        .as("other addresses are not affected")
        .isEqualTo(200);
  }

  private static void assertRetryAfterWithinAMinute(Response response) {
    assertThat(response.header("Retry-After")).isNotNull();
    assertThat(Long.parseLong(response.header("Retry-After"))).isBetween(1L, 60L);
  }

  private double eventsRateLimited() {
    return meters.get("vigil.events").tag("reason", "rate_limited").counter().count();
  }

  private double apiThrottled(String reason) {
    return meters.get("vigil.api.throttled").tag("reason", reason).counter().count();
  }

  /** A GET of the incident list over a connection from the given local address. */
  private RawResponse getFrom(String localAddress, String token) throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(localAddress, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /api/v1/incidents HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Token token="
                  + token
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(raw.substring(9, 12));
      long retryAfter = -1;
      for (String line : raw.split("\r\n")) {
        if (line.regionMatches(true, 0, "Retry-After:", 0, 12)) {
          retryAfter = Long.parseLong(line.substring(12).strip());
        }
      }
      return new RawResponse(status, retryAfter, raw);
    }
  }

  private record RawResponse(int status, long retryAfter, String body) {}
}
