package dev.vigil.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.auth.InvitationLinks;
import dev.vigil.oncall.access.Invitations;
import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver.Response;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The limits of the Events and REST APIs on the running app, set small: under a limit nothing
 * changes; over it the answer is 429 with Retry-After in the API's own shape, and an event refused
 * is not stored. Wrong tokens and wrong passwords slow an address down without touching other
 * addresses.
 */
@TestPropertySource(
    properties = {
      "vigil.rate-limits.routing-key.per-minute=5",
      "vigil.rate-limits.account.per-minute=8",
      "vigil.rate-limits.api-token.per-minute=10",
      "vigil.rate-limits.bad-tokens=3",
      // One try back every 10 seconds: short enough to wait for in a test.
      "vigil.rate-limits.bad-token-window=30s"
    })
class RateLimitTest extends AppTestBase {

  @Autowired MeterRegistry meters;
  @Autowired InvitationLinks invitations;
  @Autowired Invitations passwords;

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
    // 3 per 30 seconds: the next try is one 10-second refill away.
    assertThat(refused.retryAfter()).isBetween(1L, 10L);
    assertThat(goodTokenRefused.status())
        .as("a blocked address gets no answer on whether a token is right")
        .isEqualTo(429);
    assertThat(apiThrottled("bad_tokens") - before).isEqualTo(2.0);
    assertThat(http().get("/api/v1/incidents", team.token()).status())
        .as("other addresses are not affected")
        .isEqualTo(200);
  }

  @Test
  void repeatedWrongPasswordsAreRefusedUntilTheAllowanceRefillsThenTheRightOneLogsIn()
      throws Exception {
    Team team = newTeam(600);
    String password = "correct horse battery staple";
    String link = invitations.invite(idOfUser(team, team.aliceEmail()));
    assertThat(passwords.accept(link.substring(link.lastIndexOf('/') + 1), password))
        .isEqualTo(Invitations.Outcome.ACCEPTED);
    String address = "127.0.0.3";
    double before = apiThrottled("bad_tokens");
    LoginForm form = loginForm(address);

    for (int i = 0; i < 3; i++) {
      RawResponse wrong = login(address, form, team.aliceEmail(), "wrong password " + i);
      assertThat(wrong.status()).isEqualTo(302);
      assertThat(wrong.header("Location")).endsWith("/login?error");
    }
    RawResponse refused = login(address, form, team.aliceEmail(), password);

    assertThat(refused.status())
        .as("the right password is refused unread while the address is slowed down")
        .isEqualTo(429);
    assertThat(refused.body()).contains("\"code\":\"too_many_bad_logins\"");
    assertThat(refused.retryAfter()).isBetween(1L, 10L);
    assertThat(getFrom(address, team.token()).status())
        .as("wrong passwords spend the same allowance as wrong API tokens")
        .isEqualTo(429);
    assertThat(apiThrottled("bad_tokens") - before).isEqualTo(2.0);

    Thread.sleep((refused.retryAfter() + 1) * 1000);
    RawResponse right = login(address, form, team.aliceEmail(), password);
    assertThat(right.status()).isEqualTo(302);
    assertThat(right.header("Location")).doesNotContain("error");
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
    return send(
        localAddress,
        "GET /api/v1/incidents HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Token token="
            + token
            + "\r\nConnection: close\r\n\r\n");
  }

  /** The login page's session and CSRF token, as a browser at that address gets them. */
  private LoginForm loginForm(String localAddress) throws IOException {
    RawResponse page =
        send(localAddress, "GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    String cookie = page.header("Set-Cookie").split(";")[0];
    Matcher csrf = Pattern.compile("name=\"([^\"]+)\" value=\"([^\"]+)\"").matcher(page.body());
    assertThat(csrf.find()).as(page.body()).isTrue();
    return new LoginForm(cookie, csrf.group(1), csrf.group(2));
  }

  private RawResponse login(String localAddress, LoginForm form, String email, String password)
      throws IOException {
    String body =
        "username="
            + URLEncoder.encode(email, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8)
            + "&"
            + form.csrfName()
            + "="
            + URLEncoder.encode(form.csrfToken(), StandardCharsets.UTF_8);
    return send(
        localAddress,
        "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: "
            + form.cookie()
            + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
            + body.getBytes(StandardCharsets.UTF_8).length
            + "\r\nConnection: close\r\n\r\n"
            + body);
  }

  private record LoginForm(String cookie, String csrfName, String csrfToken) {}

  private RawResponse send(String localAddress, String request) throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(localAddress, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
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

  private record RawResponse(int status, long retryAfter, String body) {

    /** The first header of that name; null when there is none. */
    String header(String name) {
      for (String line : body.split("\r\n")) {
        if (line.isEmpty()) {
          return null;
        }
        if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
          return line.substring(name.length() + 1).strip();
        }
      }
      return null;
    }
  }
}
