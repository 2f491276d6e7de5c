package dev.vigil.events;

import java.math.BigDecimal;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON parts of an event ({@code custom_details}, {@code images}, {@code links}) as compact
 * text that PostgreSQL's {@code jsonb} accepts: keys and strings through {@link StoredText}, and
 * numbers refused when {@code jsonb} could not hold them (docs/decisions/0017).
 */
final class StoredJson {

  /**
   * PostgreSQL's {@code numeric} input refuses a written exponent beyond this
   * (NUMERIC_MAX_PRECISION in its source: "value overflows numeric format").
   */
  static final int MAX_EXPONENT = 1000;

  private StoredJson() {}

  /** Compact JSON text, or null after recording an error for each number out of range. */
  static String compact(JsonNode node, String path, FieldReader fields) {
    int errorsBefore = fields.errors().size();
    JsonNode storable = storable(node, path, fields);
    return fields.errors().size() > errorsBefore ? null : storable.toString();
  }

  private static JsonNode storable(JsonNode node, String path, FieldReader fields) {
    if (node.isString()) {
      String text = node.stringValue();
      String stored = StoredText.of(text);
      return stored == text ? node : JsonNodeFactory.instance.stringNode(stored);
    }
    if (node.isBigDecimal() && !fits(node.decimalValue())) {
      fields.error(
          "'" + path + "' is a number out of range (exponent beyond ±" + MAX_EXPONENT + ")");
      return node;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
      for (int i = 0; i < node.size(); i++) {
        copy.add(storable(node.get(i), path + "[" + i + "]", fields));
      }
      return copy;
    }
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String key = StoredText.of(field.getKey());
        copy.set(key, storable(field.getValue(), path + "." + key, fields));
      }
      return copy;
    }
    return node;
  }

  /**
   * Whether the number's text, as {@link BigDecimal#toString} writes it, keeps its exponent within
   * PostgreSQL's bound. Integers need no check: Jackson already limits them to 1000 digits.
   */
  private static boolean fits(BigDecimal value) {
    if (value.signum() == 0) {
      return value.scale() >= -MAX_EXPONENT && value.scale() <= MAX_EXPONENT;
    }
    long exponent = (long) value.precision() - value.scale() - 1;
    return Math.abs(exponent) <= MAX_EXPONENT;
  }
}
