package dev.vigil.events;

import java.time.Instant;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;

/**
 * Turns a PagerDuty Events API v2 request body into an {@link EnqueueEvent}, validating it the way
 * https://developer.pagerduty.com/docs/events-api-v2/trigger-events/ describes.
 *
 * <p>We walk a JSON tree by hand rather than data-binding to a DTO because binding stops at the
 * first type mismatch, while senders (and PagerDuty's own API) expect every problem in one answer.
 * Unknown fields are ignored, as PagerDuty does. Thread-safe.
 */
public final class EventParser {

  static final int ROUTING_KEY_LENGTH = 32;
  static final int MAX_DEDUP_KEY_LENGTH = 255;
  static final int MAX_SUMMARY_LENGTH = 1024;
  static final int MAX_SHORT_FIELD_LENGTH = 255;
  static final int MAX_CLIENT_FIELD_LENGTH = 1024;

  static final String NOT_A_JSON_OBJECT = "Body is not a valid JSON object";

  private final ObjectReader reader;

  public EventParser(ObjectMapper mapper) {
    // Big decimals keep custom_details numbers exactly as sent: with doubles, 1.10 would be
    // stored as 1.1 and 1e400 would become the string "Infinity".
    this.reader =
        mapper
            .readerFor(JsonNode.class)
            .with(
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  }

  /**
   * @throws InvalidEventException listing every problem found
   */
  public EnqueueEvent parse(byte[] body) {
    JsonNode root = readObject(body);
    FieldReader fields = new FieldReader();

    String routingKey = readRoutingKey(root.get("routing_key"), fields);
    EventAction action =
        fields.requiredEnum(
            root.get("event_action"),
            "event_action",
            EventAction::fromWireValue,
            EventAction.wireValues());
    String dedupKey = readDedupKey(root.get("dedup_key"), action, fields);
    // Only a trigger carries a payload. Alertmanager sends its full payload with resolves too,
    // and PagerDuty ignores it there, so we must not reject a resolve over it. When the action
    // itself is missing or invalid we cannot know whether a payload is required, so we say nothing.
    EventPayload payload =
        action == EventAction.TRIGGER ? readPayload(root.get("payload"), fields) : null;
    String client = fields.optionalString(root.get("client"), "client", MAX_CLIENT_FIELD_LENGTH);
    String clientUrl =
        fields.optionalString(root.get("client_url"), "client_url", MAX_CLIENT_FIELD_LENGTH);
    // Images and links only decorate a new alert: a resolve must never bounce over one.
    boolean trigger = action == EventAction.TRIGGER;
    String imagesJson =
        trigger
            ? readObjectArray(root.get("images"), "images", "src", List.of("href", "alt"), fields)
            : null;
    String linksJson =
        trigger
            ? readObjectArray(root.get("links"), "links", "href", List.of("text"), fields)
            : null;

    if (fields.hasErrors()) {
      throw new InvalidEventException(fields.errors());
    }
    return new EnqueueEvent(
        routingKey, action, dedupKey, payload, client, clientUrl, imagesJson, linksJson);
  }

  /**
   * A Change Events body (https://developer.pagerduty.com/docs/events-api-v2/send-change-events/):
   * {@code routing_key}, {@code payload.summary} (required), {@code payload.source}, {@code
   * payload.timestamp}, {@code payload.custom_details}, {@code links}.
   *
   * @throws InvalidEventException listing every problem found
   */
  public ChangeEvent parseChange(byte[] body) {
    JsonNode root = readObject(body);
    FieldReader fields = new FieldReader();
    String routingKey = readRoutingKey(root.get("routing_key"), fields);
    JsonNode payload = fields.requiredObject(root.get("payload"), "payload");
    String summary = null;
    String source = null;
    Instant timestamp = null;
    String customDetailsJson = null;
    if (payload != null) {
      summary =
          fields.requiredString(payload.get("summary"), "payload.summary", MAX_SUMMARY_LENGTH);
      source =
          fields.optionalString(payload.get("source"), "payload.source", MAX_SHORT_FIELD_LENGTH);
      timestamp = readTimestamp(payload.get("timestamp"), fields);
      JsonNode details = payload.get("custom_details");
      customDetailsJson =
          FieldReader.isAbsent(details)
              ? null
              : StoredJson.compact(details, "payload.custom_details", fields);
    }
    String linksJson = readObjectArray(root.get("links"), "links", "href", List.of("text"), fields);
    if (fields.hasErrors()) {
      throw new InvalidEventException(fields.errors());
    }
    return new ChangeEvent(routingKey, summary, source, timestamp, customDetailsJson, linksJson);
  }

  private JsonNode readObject(byte[] body) {
    JsonNode root;
    try {
      root = body == null ? null : reader.readValue(body);
    } catch (JacksonException | NumberFormatException e) {
      // The parser's own message (offsets, token names) is noise for the sender; one clear line is
      // enough. A number whose exponent does not fit an int fails as a NumberFormatException.
      root = null;
    }
    if (root == null || !root.isObject()) {
      throw new InvalidEventException(List.of(NOT_A_JSON_OBJECT));
    }
    return root;
  }

  private static String readRoutingKey(JsonNode node, FieldReader fields) {
    String key = fields.identifier(node, "routing_key", FieldReader.NO_LIMIT, true);
    if (key != null && key.codePointCount(0, key.length()) != ROUTING_KEY_LENGTH) {
      // PagerDuty's own wording, so clients that pattern-match on it keep working.
      fields.error(
          "Length of 'routing_key' is incorrect (should be " + ROUTING_KEY_LENGTH + " characters)");
      return null;
    }
    return key;
  }

  /**
   * A blank dedup key is treated as absent: for a trigger the caller then generates one (grouping
   * every blank-keyed trigger into one alert would be worse), and acknowledge/resolve cannot target
   * an alert without it.
   */
  private static String readDedupKey(JsonNode node, EventAction action, FieldReader fields) {
    String key = fields.identifier(node, "dedup_key", MAX_DEDUP_KEY_LENGTH, false);
    boolean absent =
        FieldReader.isAbsent(node) || (node.isString() && node.stringValue().isBlank());
    if (absent && (action == EventAction.ACKNOWLEDGE || action == EventAction.RESOLVE)) {
      fields.error(FieldReader.missing("dedup_key"));
    }
    return absent ? null : key;
  }

  private static EventPayload readPayload(JsonNode node, FieldReader fields) {
    JsonNode payload = fields.requiredObject(node, "payload");
    if (payload == null) {
      return null;
    }
    String summary =
        fields.requiredString(payload.get("summary"), "payload.summary", MAX_SUMMARY_LENGTH);
    String source =
        fields.requiredString(payload.get("source"), "payload.source", MAX_SHORT_FIELD_LENGTH);
    Severity severity =
        fields.requiredEnum(
            payload.get("severity"),
            "payload.severity",
            Severity::fromWireValue,
            Severity.wireValues());
    Instant timestamp = readTimestamp(payload.get("timestamp"), fields);
    String component =
        fields.optionalString(
            payload.get("component"), "payload.component", MAX_SHORT_FIELD_LENGTH);
    String group =
        fields.optionalString(payload.get("group"), "payload.group", MAX_SHORT_FIELD_LENGTH);
    String eventClass =
        fields.optionalString(payload.get("class"), "payload.class", MAX_SHORT_FIELD_LENGTH);
    // custom_details may be any JSON value (Alertmanager sends an object of strings, others send
    // nested objects or a bare string), so it is stored verbatim rather than typed.
    JsonNode details = payload.get("custom_details");
    String customDetailsJson =
        FieldReader.isAbsent(details)
            ? null
            : StoredJson.compact(details, "payload.custom_details", fields);

    if (summary == null || source == null || severity == null) {
      return null; // errors already recorded; the record requires these
    }
    return new EventPayload(
        summary, source, severity, timestamp, component, group, eventClass, customDetailsJson);
  }

  private static Instant readTimestamp(JsonNode node, FieldReader fields) {
    String text = fields.optionalString(node, "payload.timestamp", FieldReader.NO_LIMIT);
    if (text == null) {
      return null;
    }
    Instant timestamp = IsoTimestamps.parse(text).orElse(null);
    if (timestamp == null) {
      fields.error("'payload.timestamp' is not a valid ISO 8601 date-time");
    } else if (timestamp.isBefore(IsoTimestamps.EARLIEST)
        || timestamp.isAfter(IsoTimestamps.LATEST)) {
      fields.error("'payload.timestamp' is out of range (years 0001 to 9999, UTC)");
      timestamp = null;
    }
    return timestamp;
  }

  /**
   * Validates {@code images} / {@code links}: arrays of objects with one required string and some
   * optional ones. Returns the array's JSON text, since we only store and render these.
   */
  private static String readObjectArray(
      JsonNode node,
      String path,
      String requiredField,
      List<String> optionalFields,
      FieldReader fields) {
    JsonNode array = fields.optionalArray(node, path);
    if (array == null) {
      return null;
    }
    for (int i = 0; i < array.size(); i++) {
      String itemPath = path + "[" + i + "]";
      JsonNode item = fields.requireObject(array.get(i), itemPath);
      if (item == null) {
        continue;
      }
      fields.requiredString(
          item.get(requiredField), itemPath + "." + requiredField, FieldReader.NO_LIMIT);
      for (String optional : optionalFields) {
        fields.optionalString(item.get(optional), itemPath + "." + optional, FieldReader.NO_LIMIT);
      }
    }
    return StoredJson.compact(array, path, fields);
  }
}
