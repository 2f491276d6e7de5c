package dev.vigil.events;

import java.time.Instant;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

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

  /**
   * A legacy Events API v1 body ({@code POST /generic/2010-04-15/create_event.json}), as older
   * integrations still send it: {@code service_key}, {@code event_type}, {@code incident_key},
   * {@code description}, {@code details}, {@code client}, {@code client_url}, {@code contexts}. It
   * becomes the v2 event PagerDuty itself makes of it: v1 has no severity (an alert is an {@code
   * error}) and no source (the client's name stands in).
   *
   * @throws InvalidEventException listing every problem found, named as v1 names them
   */
  public EnqueueEvent parseV1(byte[] body) {
    JsonNode root = readObject(body);
    FieldReader fields = new FieldReader();
    String routingKey = readRoutingKey(root.get("service_key"), "service_key", fields);
    EventAction action =
        fields.requiredEnum(
            root.get("event_type"),
            "event_type",
            EventAction::fromWireValue,
            EventAction.wireValues());
    String dedupKey = readDedupKey(root.get("incident_key"), "incident_key", action, fields);
    String client = fields.optionalString(root.get("client"), "client", MAX_CLIENT_FIELD_LENGTH);
    String clientUrl =
        fields.optionalString(root.get("client_url"), "client_url", MAX_CLIENT_FIELD_LENGTH);
    EventPayload payload = null;
    String linksJson = null;
    String imagesJson = null;
    if (action == EventAction.TRIGGER) {
      String description =
          fields.requiredString(root.get("description"), "description", MAX_SUMMARY_LENGTH);
      JsonNode details = root.get("details");
      String detailsJson =
          FieldReader.isAbsent(details) ? null : StoredJson.compact(details, "details", fields);
      String source = client != null && !client.isBlank() ? client : "Events API v1";
      if (description != null) {
        payload =
            new EventPayload(
                description,
                source.length() > MAX_SHORT_FIELD_LENGTH
                    ? source.substring(0, MAX_SHORT_FIELD_LENGTH)
                    : source,
                Severity.ERROR,
                null,
                null,
                null,
                null,
                detailsJson);
      }
      JsonNode contexts = fields.optionalArray(root.get("contexts"), "contexts");
      if (contexts != null) {
        Contexts split = Contexts.read(contexts, fields);
        linksJson = split.linksJson(fields);
        imagesJson = split.imagesJson(fields);
      }
    }
    if (fields.hasErrors()) {
      throw new InvalidEventException(fields.errors());
    }
    return new EnqueueEvent(
        routingKey, action, dedupKey, payload, client, clientUrl, imagesJson, linksJson);
  }

  /** v1's {@code contexts} split into v2's {@code links} and {@code images} arrays. */
  private record Contexts(ArrayNode links, ArrayNode images) {

    static Contexts read(JsonNode contexts, FieldReader fields) {
      Contexts read =
          new Contexts(JsonNodeFactory.instance.arrayNode(), JsonNodeFactory.instance.arrayNode());
      for (int i = 0; i < contexts.size(); i++) {
        String path = "contexts[" + i + "]";
        JsonNode context = fields.requireObject(contexts.get(i), path);
        if (context == null) {
          continue;
        }
        String type =
            fields.requiredString(context.get("type"), path + ".type", FieldReader.NO_LIMIT);
        if ("link".equals(type)) {
          copy(context, read.links.addObject(), path, "href", List.of("text"), fields);
        } else if ("image".equals(type)) {
          copy(context, read.images.addObject(), path, "src", List.of("href", "alt"), fields);
        } else if (type != null) {
          fields.error("'" + path + ".type' must be one of: link, image");
        }
      }
      return read;
    }

    private static void copy(
        JsonNode from,
        ObjectNode to,
        String path,
        String required,
        List<String> optional,
        FieldReader fields) {
      String value =
          fields.requiredString(from.get(required), path + "." + required, FieldReader.NO_LIMIT);
      if (value != null) {
        to.put(required, value);
      }
      for (String field : optional) {
        String text =
            fields.optionalString(from.get(field), path + "." + field, FieldReader.NO_LIMIT);
        if (text != null) {
          to.put(field, text);
        }
      }
    }

    String linksJson(FieldReader fields) {
      return links.isEmpty() ? null : StoredJson.compact(links, "contexts", fields);
    }

    String imagesJson(FieldReader fields) {
      return images.isEmpty() ? null : StoredJson.compact(images, "contexts", fields);
    }
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
    return readRoutingKey(node, "routing_key", fields);
  }

  private static String readRoutingKey(JsonNode node, String name, FieldReader fields) {
    String key = fields.identifier(node, name, FieldReader.NO_LIMIT, true);
    if (key != null && key.codePointCount(0, key.length()) != ROUTING_KEY_LENGTH) {
      // PagerDuty's own wording, so clients that pattern-match on it keep working.
      fields.error(
          "Length of '"
              + name
              + "' is incorrect (should be "
              + ROUTING_KEY_LENGTH
              + " characters)");
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
    return readDedupKey(node, "dedup_key", action, fields);
  }

  private static String readDedupKey(
      JsonNode node, String name, EventAction action, FieldReader fields) {
    String key = fields.identifier(node, name, MAX_DEDUP_KEY_LENGTH, false);
    boolean absent =
        FieldReader.isAbsent(node) || (node.isString() && node.stringValue().isBlank());
    if (absent && (action == EventAction.ACKNOWLEDGE || action == EventAction.RESOLVE)) {
      fields.error(FieldReader.missing(name));
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
