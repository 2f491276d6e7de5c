package dev.vigil.outbound.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.oncall.webhook.WebhookTargets;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sender against a real HTTP server on loopback. Here loopback 127.0.0.1 stands for "a public
 * receiver" (the only internal address these tests permit), so what the sender refuses beyond it is
 * what it refuses in production: redirects to private and link-local addresses, names, schemes.
 */
class WebhookSenderTest {

  private HttpServer server;
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final WebhookSender sender =
      new WebhookSender(
          address ->
              address.getHostAddress().equals("127.0.0.1") || !WebhookTargets.isInternal(address),
          Duration.ofSeconds(2),
          Duration.ofSeconds(5));

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().toString();
          byte[] body = exchange.getRequestBody().readAllBytes();
          received.add(
              exchange.getRequestMethod()
                  + " "
                  + path
                  + " "
                  + exchange.getRequestHeaders().getFirst("X-Test")
                  + " "
                  + new String(body, StandardCharsets.UTF_8));
          String to =
              switch (exchange.getRequestURI().getPath()) {
                case "/to-private" -> "http://10.0.0.7/steal";
                case "/to-metadata" -> "http://169.254.169.254/latest/meta-data/";
                case "/to-ipv6-loopback" -> "http://[::1]:" + port() + "/ok";
                case "/to-ok" -> "/ok?x=1";
                case "/loop" -> "/loop";
                default -> null;
              };
          if (to != null) {
            exchange.getResponseHeaders().add("Location", to);
            exchange.sendResponseHeaders(307, -1);
          } else {
            exchange.sendResponseHeaders(path.startsWith("/fail") ? 503 : 200, -1);
          }
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void postsTheBodyWithItsHeadersAndAnswersTheStatus() throws Exception {
    WebhookSender.Answer answer = post("/hook?a=b");
    assertThat(answer.ok()).isTrue();
    assertThat(received).containsExactly("POST /hook?a=b yes {\"event\":1}");
    assertThat(post("/fail").status()).isEqualTo(503);
  }

  @Test
  void followsARedirectToAPermittedTargetReCheckingIt() throws Exception {
    WebhookSender.Answer answer = post("/to-ok");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.finalUrl().getPath()).isEqualTo("/ok");
    assertThat(received)
        .containsExactly("POST /to-ok yes {\"event\":1}", "POST /ok?x=1 yes {\"event\":1}");
  }

  @Test
  void refusesARedirectToAPrivateLinkLocalOrLoopbackAddress() {
    assertThatThrownBy(() -> post("/to-private"))
        .isInstanceOf(WebhookSender.RefusedTarget.class)
        .hasMessageContaining("10.0.0.7");
    assertThatThrownBy(() -> post("/to-metadata"))
        .isInstanceOf(WebhookSender.RefusedTarget.class)
        .hasMessageContaining("169.254.169.254");
    assertThatThrownBy(() -> post("/to-ipv6-loopback"))
        .isInstanceOf(WebhookSender.RefusedTarget.class);
    // Nothing was sent past the first hop.
    assertThat(received).hasSize(3).allMatch(r -> r.startsWith("POST /to-"));
  }

  @Test
  void refusesInternalTargetsBeforeConnecting() {
    for (String url :
        List.of(
            "http://10.1.1.1/x",
            "http://169.254.169.254/x",
            "http://[::1]:" + port() + "/x",
            "http://[::ffff:10.0.0.1]/x",
            "http://127.0.0.2:" + port() + "/x")) {
      assertThatThrownBy(() -> sender.post(url, Map.of(), new byte[0]))
          .as(url)
          .isInstanceOf(WebhookSender.RefusedTarget.class);
    }
    assertThatThrownBy(() -> sender.post("file:///etc/passwd", Map.of(), new byte[0]))
        .isInstanceOf(WebhookSender.RefusedTarget.class);
    assertThat(received).isEmpty();
  }

  @Test
  void givesUpOnARedirectLoop() {
    assertThatThrownBy(() -> post("/loop")).hasMessageContaining("redirects");
    assertThat(received).hasSize(WebhookSender.MAX_REDIRECTS + 1);
  }

  @Test
  void theOperatorsSenderRefusesAnyNameThatResolvesToLoopback() {
    WebhookSender shipped = WebhookSender.forOperator(false);
    assertThatThrownBy(
            () -> shipped.post("http://localhost:" + port() + "/x", Map.of(), "{}".getBytes()))
        .isInstanceOf(WebhookSender.RefusedTarget.class)
        .hasMessageContaining("refused localhost");
    assertThat(received).isEmpty();
  }

  private WebhookSender.Answer post(String path) throws Exception {
    return sender.post(
        "http://127.0.0.1:" + port() + path,
        Map.of("X-Test", "yes"),
        "{\"event\":1}".getBytes(StandardCharsets.UTF_8));
  }

  private int port() {
    return server.getAddress().getPort();
  }
}
