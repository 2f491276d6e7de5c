package dev.vigil.outbound.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook receiver as a customer would write one, on loopback: it keeps every request, can fail
 * the first ones with a 500, and checks signatures the documented way, with only the secret it was
 * shown (never Vigil's code).
 */
final class WebhookReceiver implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One request as received. */
  record Received(String path, String signature, String eventId, String body) {
    JsonNode json() {
      return JSON.readTree(body);
    }

    String eventType() {
      return json().at("/event/event_type").asString();
    }

    /** The v1 values of the signature that match HMAC-SHA256("t.body") under this secret. */
    boolean signedWith(String secret) {
      String t = null;
      List<String> v1 = new ArrayList<>();
      for (String part : signature.split(",")) {
        String[] kv = part.split("=", 2);
        if (kv[0].equals("t")) {
          t = kv[1];
        } else if (kv[0].equals("v1")) {
          v1.add(kv[1]);
        }
      }
      assertThat(t).as("timestamp in %s", signature).isNotNull();
      assertThat(Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(t)))
          .as("signed just now")
          .isLessThan(300);
      byte[] expected = hmac(secret, t + "." + body);
      return v1.stream()
          .anyMatch(hex -> MessageDigest.isEqual(expected, HexFormat.of().parseHex(hex)));
    }

    private static byte[] hmac(String secret, String message) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();

  WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          received.add(
              new Received(
                  exchange.getRequestURI().getPath(),
                  exchange.getRequestHeaders().getFirst("X-Vigil-Signature"),
                  exchange.getRequestHeaders().getFirst("X-Vigil-Event-Id"),
                  new String(body, StandardCharsets.UTF_8)));
          AtomicInteger failing =
              failuresLeft.getOrDefault(exchange.getRequestURI().getPath(), new AtomicInteger());
          int status = failing.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 204;
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** The next requests to this path answer 500. */
  void failNext(String path, int requests) {
    failuresLeft.put(path, new AtomicInteger(requests));
  }

  List<Received> at(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
