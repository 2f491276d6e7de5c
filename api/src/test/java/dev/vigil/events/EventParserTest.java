package dev.vigil.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class EventParserTest {

  // Big decimals so that test bodies rebuilt by with() keep numbers exactly as written (1.10 stays
  // 1.10).
  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
  private static final String ROUTING_KEY = "0123456789abcdef0123456789abcdef";

  /** Every documented field set, closely following PagerDuty's own example request. */
  private static final String FULL_TRIGGER =
      """
            {
              "routing_key": "0123456789abcdef0123456789abcdef",
              "event_action": "trigger",
              "dedup_key": "disk-full/db-01",
              "payload": {
                "summary": "Disk /var is 95% full on db-01",
                "source": "db-01.prod.example.com",
                "severity": "critical",
                "timestamp": "2015-07-17T08:42:58.315+0000",
                "component": "postgres",
                "group": "prod-datapipe",
                "class": "disk",
                "custom_details": {"free_space": "1 GB", "ping_time": 1500, "load": 0.75, "nested": {"tags": ["a", "b"]}}
              },
              "client": "Sample Monitoring Service",
              "client_url": "https://monitoring.example.com",
              "images": [{"src": "https://chart.example.com/x.png", "href": "https://example.com/", "alt": "Example text"}],
              "links": [{"href": "https://example.com/", "text": "Link text"}]
            }
            """;

  private static final String ACKNOWLEDGE =
      """
            {"routing_key": "0123456789abcdef0123456789abcdef", "event_action": "acknowledge", "dedup_key": "disk-full/db-01"}
            """;

  private static final String RESOLVE =
      """
            {"routing_key": "0123456789abcdef0123456789abcdef", "event_action": "resolve", "dedup_key": "disk-full/db-01"}
            """;

  // A default mapper, as the application would inject: the parser must not rely on its
  // configuration.
  private final EventParser parser = new EventParser(JsonMapper.builder().build());

  // ---------------------------------------------------------------- valid events

  @Test
  void parsesTriggerWithEveryField() {
    EnqueueEvent event = parse(FULL_TRIGGER);

    assertThat(event.routingKey()).isEqualTo(ROUTING_KEY);
    assertThat(event.action()).isEqualTo(EventAction.TRIGGER);
    assertThat(event.dedupKey()).isEqualTo("disk-full/db-01");
    assertThat(event.client()).isEqualTo("Sample Monitoring Service");
    assertThat(event.clientUrl()).isEqualTo("https://monitoring.example.com");
    assertThat(event.imagesJson())
        .isEqualTo(
            "[{\"src\":\"https://chart.example.com/x.png\",\"href\":\"https://example.com/\",\"alt\":\"Example text\"}]");
    assertThat(event.linksJson())
        .isEqualTo("[{\"href\":\"https://example.com/\",\"text\":\"Link text\"}]");

    EventPayload payload = event.payload();
    assertThat(payload.summary()).isEqualTo("Disk /var is 95% full on db-01");
    assertThat(payload.source()).isEqualTo("db-01.prod.example.com");
    assertThat(payload.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(payload.timestamp()).isEqualTo(Instant.parse("2015-07-17T08:42:58.315Z"));
    assertThat(payload.component()).isEqualTo("postgres");
    assertThat(payload.group()).isEqualTo("prod-datapipe");
    assertThat(payload.eventClass()).isEqualTo("disk");
    assertThat(payload.customDetailsJson())
        .isEqualTo(
            "{\"free_space\":\"1 GB\",\"ping_time\":1500,\"load\":0.75,\"nested\":{\"tags\":[\"a\",\"b\"]}}");
  }

  @Test
  void parsesMinimalTrigger() {
    EnqueueEvent event =
        parse(
            """
                {"routing_key": "0123456789abcdef0123456789abcdef", "event_action": "trigger",
                 "payload": {"summary": "Something broke", "source": "host-1", "severity": "info"}}
                """);

    assertThat(event)
        .isEqualTo(
            new EnqueueEvent(
                ROUTING_KEY,
                EventAction.TRIGGER,
                null,
                new EventPayload(
                    "Something broke", "host-1", Severity.INFO, null, null, null, null, null),
                null,
                null,
                null,
                null));
  }

  @Test
  void triggerWithoutDedupKeyLeavesItNullForTheCallerToGenerate() {
    assertThat(parse(triggerWith("dedup_key", null)).dedupKey()).isNull();
  }

  @Test
  void triggerWithBlankDedupKeyIsTreatedAsHavingNone() {
    assertThat(parse(triggerWith("dedup_key", "\"  \"")).dedupKey()).isNull();
  }

  @Test
  void parsesAcknowledge() {
    EnqueueEvent event = parse(ACKNOWLEDGE);

    assertThat(event)
        .isEqualTo(
            new EnqueueEvent(
                ROUTING_KEY,
                EventAction.ACKNOWLEDGE,
                "disk-full/db-01",
                null,
                null,
                null,
                null,
                null));
  }

  @Test
  void parsesResolve() {
    EnqueueEvent event = parse(RESOLVE);

    assertThat(event)
        .isEqualTo(
            new EnqueueEvent(
                ROUTING_KEY, EventAction.RESOLVE, "disk-full/db-01", null, null, null, null, null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"\"garbage\"", "[]", "42", "{\"severity\": \"bogus\", \"summary\": 7}", "null"})
  void ignoresAnyPayloadOnAcknowledgeAndResolve(String payload) {
    assertThat(parse(with(ACKNOWLEDGE, "payload", payload)).payload()).isNull();
    assertThat(parse(with(RESOLVE, "payload", payload)).payload()).isNull();
  }

  @Test
  void ignoresUnknownFields() {
    String body =
        with(with(FULL_TRIGGER, "unknown_top_level", "{\"x\": 1}"), "payload.unknown", "[1, 2]");

    assertThat(parse(body)).isEqualTo(parse(FULL_TRIGGER));
  }

  @Test
  void treatsNullOptionalFieldsAsAbsent() {
    String body = FULL_TRIGGER;
    for (String path :
        List.of(
            "dedup_key",
            "client",
            "client_url",
            "images",
            "links",
            "payload.timestamp",
            "payload.component",
            "payload.group",
            "payload.class",
            "payload.custom_details")) {
      body = with(body, path, "null");
    }

    EnqueueEvent event = parse(body);

    assertThat(event.dedupKey()).isNull();
    assertThat(event.client()).isNull();
    assertThat(event.imagesJson()).isNull();
    assertThat(event.linksJson()).isNull();
    assertThat(event.payload())
        .isEqualTo(
            new EventPayload(
                "Disk /var is 95% full on db-01",
                "db-01.prod.example.com", Severity.CRITICAL, null, null, null, null, null));
  }

  @Test
  void keepsOptionalStringsExactlyAsSent() {
    EnqueueEvent event =
        parse(with(triggerWith("client", "\"  padded  \""), "payload.component", "\"\""));

    assertThat(event.client()).isEqualTo("  padded  ");
    assertThat(event.payload().component()).isEmpty();
  }

  @Test
  void keepsRequiredStringsUntrimmed() {
    assertThat(parse(triggerWith("payload.summary", "\" disk full \"")).payload().summary())
        .isEqualTo(" disk full ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"critical", "error", "warning", "info"})
  void acceptsEverySeverity(String severity) {
    EnqueueEvent event = parse(triggerWith("payload.severity", "\"" + severity + "\""));

    assertThat(event.payload().severity().wireValue()).isEqualTo(severity);
  }

  static Stream<Arguments> customDetails() {
    return Stream.of(
        arguments("{\"a\": {\"b\": [1, true, null]}}", "{\"a\":{\"b\":[1,true,null]}}"),
        arguments("\"just a string\"", "\"just a string\""),
        arguments("42", "42"),
        arguments("[\"x\"]", "[\"x\"]"),
        arguments("1.10", "1.10"),
        arguments("123456789012345678901234567890", "123456789012345678901234567890"),
        arguments("{}", "{}"));
  }

  @ParameterizedTest
  @MethodSource("customDetails")
  void keepsAnyCustomDetailsAsRawJson(String details, String expectedJson) {
    assertThat(parse(triggerWith("payload.custom_details", details)).payload().customDetailsJson())
        .isEqualTo(expectedJson);
  }

  @Test
  void keepsEmptyImagesAndLinksArrays() {
    EnqueueEvent event = parse(with(triggerWith("images", "[]"), "links", "[]"));

    assertThat(event.imagesJson()).isEqualTo("[]");
    assertThat(event.linksJson()).isEqualTo("[]");
  }

  static Stream<Arguments> validTimestamps() {
    return Stream.of(
        arguments("2015-07-17T08:42:58.315+0000", "2015-07-17T08:42:58.315Z"),
        arguments("2015-07-17T08:42:58.315Z", "2015-07-17T08:42:58.315Z"),
        arguments("2015-07-17T08:42:58.315+00:00", "2015-07-17T08:42:58.315Z"),
        arguments("2015-07-17T08:42:58Z", "2015-07-17T08:42:58Z"),
        arguments("2015-07-17T10:42:58+02:00", "2015-07-17T08:42:58Z"),
        arguments("2015-07-17T03:12:58-0530", "2015-07-17T08:42:58Z"),
        arguments("2015-07-17T10:42:58+02", "2015-07-17T08:42:58Z"),
        arguments("2015-07-17T08:42:58.123456789Z", "2015-07-17T08:42:58.123456789Z"),
        arguments("2015-07-17T08:42Z", "2015-07-17T08:42:00Z"));
  }

  @ParameterizedTest
  @MethodSource("validTimestamps")
  void acceptsIso8601Timestamps(String timestamp, String expected) {
    assertThat(
            parse(triggerWith("payload.timestamp", "\"" + timestamp + "\"")).payload().timestamp())
        .isEqualTo(Instant.parse(expected));
  }

  static Stream<Arguments> valuesExactlyAtTheLimit() {
    return Stream.of(
        arguments("dedup_key", 255),
        arguments("payload.summary", 1024),
        arguments("payload.source", 255),
        arguments("payload.component", 255),
        arguments("payload.group", 255),
        arguments("payload.class", 255),
        arguments("client", 1024),
        arguments("client_url", 1024));
  }

  @ParameterizedTest
  @MethodSource("valuesExactlyAtTheLimit")
  void acceptsValuesExactlyAtTheLengthLimit(String path, int limit) {
    EnqueueEvent event = parse(triggerWith(path, jsonString(limit)));

    assertThat(MAPPER.valueToTree(event).toString()).contains("a".repeat(limit));
  }

  @Test
  void countsLengthInCharactersNotUtf16Units() {
    // 1024 emoji are 2048 UTF-16 units; Alertmanager truncates summaries by runes, so this must
    // pass.
    String summary = "\uD83D\uDD25".repeat(1024);

    assertThat(parse(triggerWith("payload.summary", "\"" + summary + "\"")).payload().summary())
        .isEqualTo(summary);
    assertThat(errorsFor(triggerWith("payload.summary", "\"" + summary + "x\"")))
        .containsExactly("'payload.summary' is too long (max 1024 characters)");
  }

  // ---------------------------------------------------------------- invalid events

  static Stream<Arguments> missingRequiredFields() {
    return Stream.of(
        arguments("routing_key", null, "'routing_key' is missing"),
        arguments("routing_key", "null", "'routing_key' is missing"),
        arguments("routing_key", "\"" + " ".repeat(32) + "\"", "'routing_key' is missing"),
        arguments("event_action", null, "'event_action' is missing"),
        arguments("event_action", "null", "'event_action' is missing"),
        arguments("event_action", "\"\"", "'event_action' is missing"),
        arguments("payload", null, "'payload' is missing"),
        arguments("payload", "null", "'payload' is missing"),
        arguments("payload.summary", null, "'payload.summary' is missing"),
        arguments("payload.summary", "null", "'payload.summary' is missing"),
        arguments("payload.summary", "\" \\t\\n \"", "'payload.summary' is missing"),
        arguments("payload.source", null, "'payload.source' is missing"),
        arguments("payload.source", "null", "'payload.source' is missing"),
        arguments("payload.source", "\"\"", "'payload.source' is missing"),
        arguments("payload.severity", null, "'payload.severity' is missing"),
        arguments("payload.severity", "null", "'payload.severity' is missing"),
        arguments("payload.severity", "\" \"", "'payload.severity' is missing"));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("missingRequiredFields")
  void reportsMissingRequiredField(String path, String value, String expectedError) {
    assertThat(errorsFor(triggerWith(path, value))).containsExactly(expectedError);
  }

  static Stream<Arguments> wrongTypes() {
    return Stream.of(
        arguments(
            "routing_key", "12345678901234567890123456789012", "'routing_key' must be a string"),
        arguments(
            "routing_key",
            "[\"0123456789abcdef0123456789abcdef\"]",
            "'routing_key' must be a string"),
        arguments(
            "event_action", "1", "'event_action' must be one of trigger, acknowledge, resolve"),
        arguments(
            "event_action", "{}", "'event_action' must be one of trigger, acknowledge, resolve"),
        arguments("dedup_key", "42", "'dedup_key' must be a string"),
        arguments("dedup_key", "{\"key\": \"x\"}", "'dedup_key' must be a string"),
        arguments("payload", "[]", "'payload' must be an object"),
        arguments("payload", "\"disk full\"", "'payload' must be an object"),
        arguments("payload.summary", "42", "'payload.summary' must be a string"),
        arguments("payload.summary", "{\"text\": \"x\"}", "'payload.summary' must be a string"),
        arguments("payload.source", "true", "'payload.source' must be a string"),
        arguments(
            "payload.severity",
            "3",
            "'payload.severity' must be one of critical, error, warning, info"),
        arguments("payload.timestamp", "1437122578315", "'payload.timestamp' must be a string"),
        arguments("payload.component", "1", "'payload.component' must be a string"),
        arguments("payload.group", "[]", "'payload.group' must be a string"),
        arguments("payload.class", "{}", "'payload.class' must be a string"),
        arguments("client", "1", "'client' must be a string"),
        arguments("client_url", "[]", "'client_url' must be a string"),
        arguments("images", "{\"src\": \"x\"}", "'images' must be an array"),
        arguments("images", "\"https://chart.example.com/x.png\"", "'images' must be an array"),
        arguments(
            "images", "[\"https://chart.example.com/x.png\"]", "'images[0]' must be an object"),
        arguments("images", "[{\"src\": 5}]", "'images[0].src' must be a string"),
        arguments("images", "[{\"src\": \"x\", \"href\": 5}]", "'images[0].href' must be a string"),
        arguments("images", "[{\"src\": \"x\", \"alt\": []}]", "'images[0].alt' must be a string"),
        arguments("links", "\"https://example.com\"", "'links' must be an array"),
        arguments("links", "[null]", "'links[0]' must be an object"),
        arguments("links", "[{\"href\": {}}]", "'links[0].href' must be a string"),
        arguments("links", "[{\"href\": \"x\", \"text\": 1}]", "'links[0].text' must be a string"));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("wrongTypes")
  void reportsWrongType(String path, String value, String expectedError) {
    assertThat(errorsFor(triggerWith(path, value))).containsExactly(expectedError);
  }

  static Stream<Arguments> tooLong() {
    return Stream.of(
        arguments("dedup_key", 256, "'dedup_key' is too long (max 255 characters)"),
        arguments("payload.summary", 1025, "'payload.summary' is too long (max 1024 characters)"),
        arguments("payload.source", 256, "'payload.source' is too long (max 255 characters)"),
        arguments("payload.component", 256, "'payload.component' is too long (max 255 characters)"),
        arguments("payload.group", 256, "'payload.group' is too long (max 255 characters)"),
        arguments("payload.class", 256, "'payload.class' is too long (max 255 characters)"),
        arguments("client", 1025, "'client' is too long (max 1024 characters)"),
        arguments("client_url", 1025, "'client_url' is too long (max 1024 characters)"));
  }

  @ParameterizedTest(name = "{0} with {1} characters")
  @MethodSource("tooLong")
  void reportsValueOneOverTheLengthLimit(String path, int length, String expectedError) {
    assertThat(errorsFor(triggerWith(path, jsonString(length)))).containsExactly(expectedError);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 31, 33, 64})
  void reportsRoutingKeyOfWrongLength(int length) {
    assertThat(errorsFor(triggerWith("routing_key", jsonString(length))))
        .containsExactly("Length of 'routing_key' is incorrect (should be 32 characters)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"fire", "TRIGGER", "Trigger", " trigger", "ack", "escalate"})
  void reportsUnknownEventAction(String action) {
    assertThat(errorsFor(triggerWith("event_action", "\"" + action + "\"")))
        .containsExactly("'event_action' must be one of trigger, acknowledge, resolve");
  }

  @ParameterizedTest
  @ValueSource(strings = {"fatal", "CRITICAL", "Critical", "warn", "debug"})
  void reportsUnknownSeverity(String severity) {
    assertThat(errorsFor(triggerWith("payload.severity", "\"" + severity + "\"")))
        .containsExactly("'payload.severity' must be one of critical, error, warning, info");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "yesterday",
        "",
        "2015-07-17",
        "2015-07-17T08:42:58",
        "2015-07-17T08:42:58.315",
        "2015-02-30T08:42:58Z",
        "2015-07-17T25:00:00Z",
        "2015-07-17 08:42:58Z",
        "2015-07-17T08:42:58+25:00",
        "2015-07-17T08:42:58Z ",
        "1437122578315",
        "Fri, 17 Jul 2015 08:42:58 GMT"
      })
  void reportsInvalidTimestamp(String timestamp) {
    assertThat(errorsFor(triggerWith("payload.timestamp", "\"" + timestamp + "\"")))
        .containsExactly("'payload.timestamp' is not a valid ISO 8601 date-time");
  }

  @Test
  void reportsImageWithoutSrcByIndex() {
    String images =
        "[{\"src\": \"https://chart.example.com/1.png\"}, {\"href\": \"https://example.com\", \"alt\": \"x\"}]";

    assertThat(errorsFor(triggerWith("images", images)))
        .containsExactly("'images[1].src' is missing");
  }

  @Test
  void reportsImageWithBlankSrc() {
    assertThat(errorsFor(triggerWith("images", "[{\"src\": \"\"}]")))
        .containsExactly("'images[0].src' is missing");
  }

  @Test
  void reportsLinkWithoutHrefByIndex() {
    String links =
        "[{\"href\": \"https://example.com\"}, {\"href\": \"https://example.org\"}, {\"text\": \"orphan\"}]";

    assertThat(errorsFor(triggerWith("links", links)))
        .containsExactly("'links[2].href' is missing");
  }

  @ParameterizedTest
  @ValueSource(strings = {"acknowledge", "resolve"})
  void acceptsAcknowledgeAndResolveWhateverTheirImagesAndLinks(String action) {
    String body =
        "{\"routing_key\": \""
            + ROUTING_KEY
            + "\", \"event_action\": \""
            + action
            + "\", \"dedup_key\": \"k\", \"images\": [{\"alt\": \"no src\"}], \"links\": 7}";

    EnqueueEvent event = parser.parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(event.dedupKey()).isEqualTo("k");
    assertThat(event.imagesJson()).isNull();
    assertThat(event.linksJson()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"acknowledge", "resolve"})
  void reportsAcknowledgeAndResolveWithoutDedupKey(String action) {
    String body =
        "{\"routing_key\": \"" + ROUTING_KEY + "\", \"event_action\": \"" + action + "\"}";

    assertThat(errorsFor(body)).containsExactly("'dedup_key' is missing");
    assertThat(errorsFor(with(body, "dedup_key", "null")))
        .containsExactly("'dedup_key' is missing");
    assertThat(errorsFor(with(body, "dedup_key", "\"   \"")))
        .containsExactly("'dedup_key' is missing");
    assertThat(errorsFor(with(body, "dedup_key", "7")))
        .containsExactly("'dedup_key' must be a string");
  }

  @Test
  void doesNotGuessWhetherPayloadOrDedupKeyIsNeededWhenActionIsUnknown() {
    String body = "{\"routing_key\": \"" + ROUTING_KEY + "\", \"event_action\": \"fire\"}";

    assertThat(errorsFor(body))
        .containsExactly("'event_action' must be one of trigger, acknowledge, resolve");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "{",
        "{\"routing_key\": }",
        "{'routing_key': 'x'}",
        "[]",
        "[{}]",
        "\"a string\"",
        "42",
        "true",
        "null",
        "",
        "   ",
        "{} {}",
        "{\"a\": 1} trailing"
      })
  void reportsBodyThatIsNotAJsonObject(String body) {
    assertThat(errorsFor(body)).containsExactly("Body is not a valid JSON object");
  }

  @Test
  void reportsTopLevelArrayOfValidEvents() {
    assertThat(errorsFor("[" + FULL_TRIGGER + "]"))
        .containsExactly("Body is not a valid JSON object");
  }

  @Test
  void reportsEmptyAndNullBody() {
    assertThat(
            catchThrowableOfType(InvalidEventException.class, () -> parser.parse(new byte[0]))
                .errors())
        .containsExactly("Body is not a valid JSON object");
    assertThat(catchThrowableOfType(InvalidEventException.class, () -> parser.parse(null)).errors())
        .containsExactly("Body is not a valid JSON object");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    String body =
        """
                {
                  "routing_key": "too-short",
                  "event_action": "trigger",
                  "dedup_key": 12,
                  "payload": {
                    "source": "%s",
                    "severity": "fatal",
                    "timestamp": "last tuesday",
                    "class": 5
                  },
                  "client": ["x"],
                  "images": [{"alt": "no src"}, "not an object"],
                  "links": [{"text": "no href"}]
                }
                """
            .formatted("s".repeat(256));

    assertThat(errorsFor(body))
        .containsExactly(
            "Length of 'routing_key' is incorrect (should be 32 characters)",
            "'dedup_key' must be a string",
            "'payload.summary' is missing",
            "'payload.source' is too long (max 255 characters)",
            "'payload.severity' must be one of critical, error, warning, info",
            "'payload.timestamp' is not a valid ISO 8601 date-time",
            "'payload.class' must be a string",
            "'client' must be a string",
            "'images[0].src' is missing",
            "'images[1]' must be an object",
            "'links[0].href' is missing");
  }

  @Test
  void reportsEveryMissingFieldOfAnEmptyObject() {
    assertThat(errorsFor("{}"))
        .containsExactly("'routing_key' is missing", "'event_action' is missing");
    assertThat(errorsFor("{\"event_action\": \"trigger\", \"payload\": {}}"))
        .containsExactly(
            "'routing_key' is missing",
            "'payload.summary' is missing",
            "'payload.source' is missing",
            "'payload.severity' is missing");
  }

  @Test
  void exceptionUsesPagerDutyMessageAndImmutableErrors() {
    InvalidEventException e = catchThrowableOfType(InvalidEventException.class, () -> parse("{}"));

    assertThat(e).hasMessage("Event object is invalid");
    assertThatThrownBy(() -> e.errors().add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Nested
  class Enums {

    @Test
    void mapWireValuesBothWays() {
      assertThat(EventAction.wireValues()).containsExactly("trigger", "acknowledge", "resolve");
      assertThat(Severity.wireValues()).containsExactly("critical", "error", "warning", "info");
      assertThat(EventAction.fromWireValue("acknowledge")).contains(EventAction.ACKNOWLEDGE);
      assertThat(Severity.fromWireValue("warning")).contains(Severity.WARNING);
      assertThat(Severity.fromWireValue("Warning")).isEmpty();
      assertThat(EventAction.fromWireValue(null)).isEmpty();
    }
  }

  // ---------------------------------------------------------------- helpers

  private EnqueueEvent parse(String body) {
    return parser.parse(body.getBytes(StandardCharsets.UTF_8));
  }

  private List<String> errorsFor(String body) {
    InvalidEventException e = catchThrowableOfType(InvalidEventException.class, () -> parse(body));
    assertThat(e).as("expected the body to be rejected: %s", body).isNotNull();
    return e.errors();
  }

  /** {@link #FULL_TRIGGER} with one field replaced; see {@link #with}. */
  private static String triggerWith(String path, String jsonValue) {
    return with(FULL_TRIGGER, path, jsonValue);
  }

  /**
   * Returns {@code body} with the field at a dotted {@code path} set to the JSON literal {@code
   * jsonValue}, or removed when {@code jsonValue} is null (Java null, not JSON "null").
   */
  static String with(String body, String path, String jsonValue) {
    ObjectNode root = (ObjectNode) MAPPER.readTree(body);
    String[] parts = path.split("\\.");
    ObjectNode parent = root;
    for (int i = 0; i < parts.length - 1; i++) {
      parent = (ObjectNode) parent.get(parts[i]);
    }
    String field = parts[parts.length - 1];
    if (jsonValue == null) {
      parent.remove(field);
    } else {
      JsonNode value = MAPPER.readTree(jsonValue);
      parent.set(field, value);
    }
    return root.toString();
  }

  private static String jsonString(int length) {
    return "\"" + "a".repeat(length) + "\"";
  }
}
