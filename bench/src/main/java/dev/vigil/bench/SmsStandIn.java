package dev.vigil.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Twilio's Messages API stood in on loopback: the app's real Twilio provider (the SDK, over HTTP)
 * sends each SMS page here, and the moment it arrives is timestamped with the same clock the
 * benchmark sent the event with. Each event's summary carries a tag ({@code bench:<tag>}) that the
 * SMS body quotes, so a page is matched to the event that caused it.
 */
final class SmsStandIn implements AutoCloseable {

  static final String ACCOUNT_SID = "AC" + "0123456789abcdef0123456789abcdef";
  private static final Pattern TAG = Pattern.compile("bench:([A-Za-z0-9_.-]+)");

  /** One SMS as received: to whom, the event's tag, when (nanoTime and wall clock). */
  record Receipt(String to, String tag, long nanos, long wallMillis) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(8);
  private final Map<String, CompletableFuture<Receipt>> firstByTag = new ConcurrentHashMap<>();
  private final List<Receipt> all = new CopyOnWriteArrayList<>();
  private final AtomicLong received = new AtomicLong();

  SmsStandIn() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    long nanos = System.nanoTime();
    long wall = System.currentTimeMillis();
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      byte[] answer;
      if (path.endsWith("/Messages.json")) {
        Map<String, String> form = form(exchange.getRequestBody());
        record(form.getOrDefault("To", ""), form.getOrDefault("Body", ""), nanos, wall);
        answer = twilioResource("SM");
      } else if (path.endsWith("/Calls.json")) {
        answer = twilioResource("CA");
      } else {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(201, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }

  private void record(String to, String body, long nanos, long wall) {
    received.incrementAndGet();
    Matcher tag = TAG.matcher(body);
    Receipt receipt = new Receipt(to, tag.find() ? tag.group(1) : "", nanos, wall);
    all.add(receipt);
    if (!receipt.tag().isEmpty()) {
      firstByTag.computeIfAbsent(receipt.tag(), t -> new CompletableFuture<>()).complete(receipt);
    }
  }

  private static byte[] twilioResource(String prefix) {
    String sid = prefix + UUID.randomUUID().toString().replace("-", "");
    return ("{\"sid\": \""
            + sid
            + "\", \"status\": \"queued\", \"num_segments\": \"1\","
            + " \"direction\": \"outbound-api\", \"account_sid\": \""
            + ACCOUNT_SID
            + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, String> form(InputStream body) throws IOException {
    Map<String, String> fields = new HashMap<>();
    String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
    for (String pair : text.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        fields.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return fields;
  }

  /** The first SMS quoting the tag, waiting for it up to the timeout. */
  Optional<Receipt> await(String tag, Duration timeout) {
    try {
      return Optional.of(
          firstByTag
              .computeIfAbsent(tag, t -> new CompletableFuture<>())
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every SMS to this number, in arrival order. */
  List<Receipt> to(String number) {
    return all.stream().filter(r -> r.to().equals(number)).toList();
  }

  long received() {
    return received.get();
  }

  /** Waits until no SMS has arrived for {@code quiet}, at most {@code atMost}. */
  void awaitQuiet(Duration quiet, Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    long last = received.get();
    long lastChange = System.nanoTime();
    while (System.nanoTime() < deadline) {
      Pause.millis(200);
      long now = received.get();
      if (now != last) {
        last = now;
        lastChange = System.nanoTime();
      } else if (System.nanoTime() - lastChange >= quiet.toNanos()) {
        return;
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
