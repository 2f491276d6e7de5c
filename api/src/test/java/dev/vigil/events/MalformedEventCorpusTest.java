package dev.vigil.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver.Response;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A seeded corpus of malformed Events API bodies against the running app. An event that can never
 * succeed must be told so (400, or 413 when too large), never asked to retry (503) or met with a
 * server error (500), and a refused event stores nothing. Everything the app accepts (202) was made
 * durable. The seed is printed with any failure, so a failing case can be replayed.
 */
class MalformedEventCorpusTest extends AppTestBase {

  private static final long SEED = 20_261_010L;
  private static final int CASES = 2_000;

  /** Trigger dedup keys share a few incidents, so accepted cases do not open an incident each. */
  private static final List<String> DEDUP_KEYS =
      IntStream.range(0, 24).mapToObj(i -> "corpus-" + i).toList();

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final List<String> STRING_FIELDS =
      List.of(
          "routing_key",
          "dedup_key",
          "event_action",
          "client",
          "client_url",
          "payload.summary",
          "payload.source",
          "payload.severity",
          "payload.component",
          "payload.group",
          "payload.class",
          "payload.timestamp",
          "payload.custom_details.note",
          "images.src",
          "links.href",
          "links.text");

  @Test
  void noMalformedEventIsAnsweredRetryOrServerErrorAndNoRefusedOneStoresAnything()
      throws Exception {
    Team team = newTeam(600);
    Corpus corpus = new Corpus(new Random(SEED), team.routingKey());
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      cases.add(corpus.next());
    }
    Map<Integer, Integer> statuses = new ConcurrentSkipListMap<>();
    List<String> failures = new CopyOnWriteArrayList<>();
    AtomicInteger acceptedTriggers = new AtomicInteger();

    // A few senders at once, as monitoring tools send; each case is judged by its own answer, and
    // the alerts stored are counted once at the end against the triggers accepted.
    ExecutorService senders = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> sent = new ArrayList<>();
      for (int i = 0; i < cases.size(); i++) {
        int index = i;
        Case c = cases.get(i);
        sent.add(
            senders.submit(
                () -> {
                  Response response = http().postBytes("/v2/enqueue", c.body());
                  statuses.merge(response.status(), 1, Integer::sum);
                  if (response.status() == 202 && isTrigger(c.body())) {
                    acceptedTriggers.incrementAndGet();
                  }
                  String problem = problemWith(response);
                  if (problem != null && failures.size() < 20) {
                    failures.add(
                        "case %d (%s): %s; body: %s"
                            .formatted(index, c.kind(), problem, printable(c.body())));
                  }
                }));
      }
      for (Future<?> f : sent) {
        f.get();
      }
    } finally {
      senders.shutdownNow();
    }

    assertThat(failures).as("seed %d, answers %s", SEED, statuses).isEmpty();
    // Every accepted trigger stored its alert, and nothing refused stored one.
    assertThat(alertCount(team.accountId())).isEqualTo(acceptedTriggers.get());
    // The corpus must exercise both sides: bodies that are refused and bodies that are accepted.
    assertThat(statuses.getOrDefault(400, 0)).isGreaterThan(CASES / 4);
    assertThat(acceptedTriggers.get()).isGreaterThan(CASES / 20);
  }

  /** The action of a body the app accepted, read as the app reads it (the last key wins). */
  private static boolean isTrigger(byte[] body) {
    return "trigger".equals(JSON.readTree(body).path("event_action").asString(""));
  }

  private static String problemWith(Response response) {
    return switch (response.status()) {
      case 202, 413 -> null;
      case 400 -> {
        JsonNode body = response.json();
        if (!"invalid event".equals(body.path("status").asString(""))
            || !"Event object is invalid".equals(body.path("message").asString(""))
            || !body.path("errors").isArray()
            || body.path("errors").isEmpty()) {
          yield "400 not in PagerDuty's shape: " + response.body();
        }
        yield null;
      }
      default -> "answered " + response.status() + " " + response.body();
    };
  }

  private static String printable(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    text = text.replace("\u0000", "\\0");
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }

  record Case(String kind, byte[] body) {}

  /** Valid events, each bent in one way that a broken or hostile sender might bend it. */
  static final class Corpus {

    private final Random random;
    private final String routingKey;
    private final List<Map.Entry<String, Function<Random, byte[]>>> kinds = new ArrayList<>();

    Corpus(Random random, String routingKey) {
      this.random = random;
      this.routingKey = routingKey;
      kind("valid", r -> utf8(event(r).json()));
      kind("nul", r -> utf8(event(r).withString(pick(r, STRING_FIELDS), insert(r, "\\u0000"))));
      kind(
          "lone surrogate",
          r ->
              utf8(
                  event(r)
                      .withString(
                          pick(r, STRING_FIELDS),
                          insert(r, pick(r, List.of("\\ud800", "\\udfff", "\\udc00\\ud800"))))));
      kind("invalid utf-8", this::invalidUtf8);
      kind(
          "nul in a custom_details key",
          r -> utf8(event(r).withRaw("payload.custom_details", "{\"k\\u0000ey\": 1}")));
      kind(
          "lone surrogate in a custom_details key",
          r -> utf8(event(r).withRaw("payload.custom_details", "{\"\\ud83d\": \"x\"}")));
      kind("odd number", r -> utf8(event(r).withRaw(numberPlace(r), oddNumber(r))));
      kind("timestamp", r -> utf8(event(r).withString("payload.timestamp", oddTimestamp(r))));
      kind("deep nesting", r -> utf8(event(r).withRaw(nestPlace(r), nested(r))));
      kind("long text", r -> utf8(event(r).withString(pick(r, STRING_FIELDS), longText(r))));
      kind(
          "control characters",
          r -> utf8(event(r).withString(pick(r, STRING_FIELDS), controls(r))));
      kind("wrong type", r -> utf8(event(r).withRaw(pick(r, STRING_FIELDS), anyJson(r))));
      kind("byte flips", this::flipped);
      kind("truncated", this::truncated);
      kind("other encoding", this::otherEncoding);
      kind(
          "duplicate keys",
          r -> utf8(event(r).json().replaceFirst("\\{", "{\"event_action\": \"resolve\", ")));
    }

    private void kind(String name, Function<Random, byte[]> generator) {
      kinds.add(Map.entry(name, generator));
    }

    Case next() {
      Map.Entry<String, Function<Random, byte[]>> kind = kinds.get(random.nextInt(kinds.size()));
      return new Case(kind.getKey(), kind.getValue().apply(random));
    }

    /**
     * Half are triggers on a few keys (each accepted one stores an alert); the rest acknowledge or
     * resolve, mostly a key with no open incident, which costs Temporal one lookup, so the corpus
     * stays fast while every field still travels the whole path.
     */
    private Event event(Random r) {
      int roll = r.nextInt(20);
      if (roll < 10) {
        return new Event(routingKey, "trigger", pick(r, DEDUP_KEYS));
      }
      String action = r.nextBoolean() ? "acknowledge" : "resolve";
      return new Event(routingKey, action, roll < 12 ? pick(r, DEDUP_KEYS) : "corpus-never-opened");
    }

    private byte[] invalidUtf8(Random r) {
      byte[][] bad = {
        {(byte) 0xC0, (byte) 0x80}, // overlong NUL
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // an encoded surrogate
        {(byte) 0xFF},
        {(byte) 0xFE},
        {(byte) 0xC3, (byte) 0x28},
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // beyond U+10FFFF
        {(byte) 0x80},
        {(byte) 0xE2, (byte) 0x82}
      };
      String marker = "@@BAD@@";
      byte[] text = utf8(event(r).withString(pick(r, STRING_FIELDS), "a" + marker + "b"));
      return replace(text, utf8(marker), bad[r.nextInt(bad.length)]);
    }

    private byte[] flipped(Random r) {
      byte[] body = utf8(event(r).json());
      for (int i = 1 + r.nextInt(4); i > 0; i--) {
        body[r.nextInt(body.length)] = (byte) r.nextInt(256);
      }
      return body;
    }

    private byte[] truncated(Random r) {
      byte[] body = utf8(event(r).json());
      byte[] cut = new byte[r.nextInt(body.length)];
      System.arraycopy(body, 0, cut, 0, cut.length);
      return cut;
    }

    private byte[] otherEncoding(Random r) {
      String json = event(r).withString("payload.summary", "Ünïcödé ☃ 🚨");
      String charset = pick(r, List.of("UTF-16BE", "UTF-16LE", "UTF-16", "UTF-32BE", "UTF-32LE"));
      byte[] encoded = json.getBytes(Charset.forName(charset));
      if (r.nextBoolean()) {
        return encoded;
      }
      byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
      return concat(bom, utf8(json));
    }

    private static String numberPlace(Random r) {
      return pick(
          r,
          List.of(
              "payload.custom_details",
              "payload.custom_details.n",
              "payload.custom_details.deep.n",
              "payload.custom_details.list",
              "images.extra",
              "links.extra",
              "unknown_top_level",
              "payload.severity"));
    }

    private static String oddNumber(Random r) {
      return switch (r.nextInt(8)) {
        case 0 ->
            pick(
                r,
                List.of(
                    "1e999999999",
                    "-1e999999999",
                    "1e-999999999",
                    "1e9999999999",
                    "1e-9999999999",
                    "1e1000",
                    "1e1001",
                    "1e-1000",
                    "1e-1001",
                    "12345e998",
                    "0.00001e-997",
                    "1E+400",
                    "-0",
                    "-0.0e-5000",
                    "0e999999999",
                    "NaN",
                    "Infinity",
                    "-Infinity",
                    "0x1F",
                    "01",
                    "1.",
                    ".5",
                    "+1",
                    "1e",
                    "9223372036854775808",
                    "-9223372036854775809"));
        case 1 -> "[" + randomExponentNumber(r) + ", 1]";
        case 2 -> "{\"v\": " + randomExponentNumber(r) + "}";
        case 3 -> digits(r, 1 + r.nextInt(3000));
        case 4 -> "0." + digits(r, 1 + r.nextInt(3000));
        case 5 ->
            digits(r, 1 + r.nextInt(600)) + "." + digits(r, 1 + r.nextInt(600)) + "e" + exponent(r);
        default -> randomExponentNumber(r);
      };
    }

    private static String randomExponentNumber(Random r) {
      return (r.nextBoolean() ? "-" : "")
          + (1 + r.nextInt(9))
          + "."
          + digits(r, r.nextInt(20))
          + "e"
          + exponent(r);
    }

    private static String exponent(Random r) {
      return switch (r.nextInt(4)) {
        case 0 -> String.valueOf(r.nextInt(2_000) - 1_000);
        case 1 -> String.valueOf(r.nextInt(300_000) - 150_000);
        case 2 -> String.valueOf(r.nextLong() / 1000);
        default -> String.valueOf(r.nextInt());
      };
    }

    private static String digits(Random r, int count) {
      StringBuilder s = new StringBuilder(count);
      s.append((char) ('1' + r.nextInt(9)));
      for (int i = 1; i < count; i++) {
        s.append((char) ('0' + r.nextInt(10)));
      }
      return s.toString();
    }

    private static String oddTimestamp(Random r) {
      return switch (r.nextInt(3)) {
        case 0 ->
            pick(
                r,
                List.of(
                    "+999999999-12-31T23:59:59Z",
                    "-999999999-01-01T00:00:00Z",
                    "0000-01-01T00:00:00Z",
                    "0001-01-01T00:00:00+01:00",
                    "-4714-11-24T00:00:00Z",
                    "-4713-11-24T00:00:00Z",
                    "+294277-01-01T00:00:00Z",
                    "+294276-12-31T23:59:59Z",
                    "+10000-01-01T00:00:00Z",
                    "9999-12-31T23:59:59.999999999-18:00",
                    "9999-12-31T23:59:59.9999999Z",
                    "2026-12-31T23:59:60Z",
                    "2026-02-30T00:00:00Z",
                    "2026-10-10T10:10:10+25:00",
                    "2026-10-10T10:10:10",
                    "1970-01-01T00:00:00Z",
                    "1969-12-31T23:59:59.999999999Z"));
        case 1 -> "%+d-06-15T12:00:00Z".formatted(r.nextInt(2_000_000_000) - 1_000_000_000);
        default ->
            "%s%06d-01-01T00:00:00%s"
                .formatted(
                    r.nextBoolean() ? "+" : "-",
                    r.nextInt(1_000_000),
                    pick(r, List.of("Z", "+18:00", "-18:00", "+0000")));
      };
    }

    private static String nestPlace(Random r) {
      return pick(
          r,
          List.of(
              "payload.custom_details",
              "payload.custom_details.deep",
              "images.extra",
              "unknown_top_level"));
    }

    private static String nested(Random r) {
      int depth = pick(r, List.of(5, 100, 400, 490, 499, 500, 501, 999, 1000, 1001, 3000, 20_000));
      boolean arrays = r.nextBoolean();
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < depth; i++) {
        s.append(arrays ? "[" : "{\"a\":");
      }
      s.append("1");
      for (int i = 0; i < depth; i++) {
        s.append(arrays ? "]" : "}");
      }
      return s.toString();
    }

    private static String longText(Random r) {
      String unit = pick(r, List.of("x", "é", "☃", "🚨", "\\ud83d\\udea8", "\\u00e9"));
      int length = pick(r, List.of(32, 255, 256, 1024, 1025, 4096, 100_000));
      return unit.repeat(length);
    }

    private static String controls(Random r) {
      StringBuilder s = new StringBuilder("c");
      for (int i = 0; i < 1 + r.nextInt(5); i++) {
        s.append("\\u00%02x".formatted(r.nextInt(32)));
        s.append(pick(r, List.of("", "\\ufffe", "\\uffff", "\\ufeff", "\\u2028", "\\u007f")));
      }
      return s.toString();
    }

    private static String anyJson(Random r) {
      return pick(
          r,
          List.of(
              "null",
              "true",
              "0",
              "-1.5e3",
              "[]",
              "{}",
              "[\"a\", null]",
              "{\"\": {}}",
              "\"\"",
              "\" \""));
    }

    private static String insert(Random r, String escape) {
      String base = "value-" + r.nextInt(100);
      int at = r.nextInt(base.length() + 1);
      return base.substring(0, at) + escape + base.substring(at);
    }
  }

  /** An event as JSON text, one field of which can be set to anything, even invalid JSON. */
  static final class Event {

    private final Map<String, String> raw = new LinkedHashMap<>();

    Event(String routingKey, String action, String dedupKey) {
      raw.put("routing_key", quote(routingKey));
      raw.put("event_action", quote(action));
      raw.put("dedup_key", quote(dedupKey));
      raw.put("client", quote("corpus"));
      raw.put("client_url", quote("https://monitoring.example.com"));
      raw.put("payload.summary", quote("Malformed event corpus"));
      raw.put("payload.source", quote("corpus"));
      raw.put("payload.severity", quote("warning"));
      raw.put("payload.timestamp", quote("2026-10-10T10:10:10Z"));
      raw.put("payload.component", quote("db"));
      raw.put("payload.group", quote("prod"));
      raw.put("payload.class", quote("disk"));
      raw.put("payload.custom_details.note", quote("free text"));
      raw.put("images.src", quote("https://chart.example.com/x.png"));
      raw.put("links.href", quote("https://example.com/"));
      raw.put("links.text", quote("Runbook"));
    }

    /** The field as a JSON string whose content is given already escaped. */
    String withString(String field, String escapedContent) {
      raw.put(field, "\"" + escapedContent + "\"");
      return json();
    }

    String withRaw(String field, String json) {
      raw.put(field, json);
      return json();
    }

    String json() {
      String details;
      if (raw.containsKey("payload.custom_details")) {
        details = raw.get("payload.custom_details");
      } else {
        StringBuilder d = new StringBuilder("{\"note\": " + raw.get("payload.custom_details.note"));
        for (String key : List.of("n", "list")) {
          if (raw.containsKey("payload.custom_details." + key)) {
            d.append(", \"")
                .append(key)
                .append("\": ")
                .append(raw.get("payload.custom_details." + key));
          }
        }
        if (raw.containsKey("payload.custom_details.deep.n")) {
          d.append(", \"deep\": {\"n\": ")
              .append(raw.get("payload.custom_details.deep.n"))
              .append("}");
        } else if (raw.containsKey("payload.custom_details.deep")) {
          d.append(", \"deep\": ").append(raw.get("payload.custom_details.deep"));
        }
        details = d.append("}").toString();
      }
      StringBuilder s = new StringBuilder("{");
      for (String top :
          List.of("routing_key", "event_action", "dedup_key", "client", "client_url")) {
        s.append('"').append(top).append("\": ").append(raw.get(top)).append(", ");
      }
      if (raw.containsKey("unknown_top_level")) {
        s.append("\"unknown_top_level\": ").append(raw.get("unknown_top_level")).append(", ");
      }
      s.append("\"payload\": {");
      for (String field :
          List.of("summary", "source", "severity", "timestamp", "component", "group", "class")) {
        s.append('"').append(field).append("\": ").append(raw.get("payload." + field)).append(", ");
      }
      s.append("\"custom_details\": ").append(details).append("}, ");
      String extraImage =
          raw.containsKey("images.extra") ? ", \"extra\": " + raw.get("images.extra") : "";
      String extraLink =
          raw.containsKey("links.extra") ? ", \"extra\": " + raw.get("links.extra") : "";
      s.append("\"images\": [{\"src\": ")
          .append(raw.get("images.src"))
          .append(extraImage)
          .append("}], ");
      s.append("\"links\": [{\"href\": ")
          .append(raw.get("links.href"))
          .append(", \"text\": ")
          .append(raw.get("links.text"))
          .append(extraLink)
          .append("}]}");
      return s.toString();
    }

    private static String quote(String plain) {
      return "\"" + plain + "\"";
    }
  }

  private static <T> T pick(Random r, List<T> options) {
    return options.get(r.nextInt(options.size()));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] replace(byte[] text, byte[] marker, byte[] with) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < text.length; i++) {
      if (i <= text.length - marker.length && regionMatches(text, i, marker)) {
        out.writeBytes(with);
        i += marker.length - 1;
      } else {
        out.write(text[i]);
      }
    }
    return out.toByteArray();
  }

  private static boolean regionMatches(byte[] text, int at, byte[] marker) {
    for (int j = 0; j < marker.length; j++) {
      if (text[at + j] != marker[j]) {
        return false;
      }
    }
    return true;
  }
}
