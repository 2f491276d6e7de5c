package dev.vigil.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * Reads typed values out of a JSON tree while collecting problems instead of failing fast, so the
 * client is told about every mistake at once. Each method returns null when the value is absent or
 * invalid; callers must only use the results when {@link #hasErrors()} is false.
 *
 * <p>All error wording lives here so that messages stay consistent across fields.
 */
final class FieldReader {

  static final int NO_LIMIT = Integer.MAX_VALUE;

  private final List<String> errors = new ArrayList<>();

  void error(String message) {
    errors.add(message);
  }

  boolean hasErrors() {
    return !errors.isEmpty();
  }

  List<String> errors() {
    return List.copyOf(errors);
  }

  /** JSON null is treated as "not sent": that is what most senders mean by it. */
  static boolean isAbsent(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }

  /**
   * A required string of free text (see {@link #optionalString}); blank counts as missing because
   * an all-whitespace summary is useless to a responder.
   */
  String requiredString(JsonNode node, String path, int maxLength) {
    if (isAbsent(node)) {
      error(missing(path));
      return null;
    }
    if (!node.isString()) {
      error(mustBeString(path));
      return null;
    }
    String value = node.stringValue();
    if (value.isBlank()) {
      error(missing(path));
      return null;
    }
    return withinLimit(StoredText.of(value), path, maxLength);
  }

  /**
   * A string that identifies something (a routing key, a dedup key): unlike free text it cannot be
   * repaired without becoming another identifier, so characters PostgreSQL cannot store are
   * refused.
   */
  String identifier(JsonNode node, String path, int maxLength, boolean required) {
    if (isAbsent(node)) {
      if (required) {
        error(missing(path));
      }
      return null;
    }
    if (!node.isString()) {
      error(mustBeString(path));
      return null;
    }
    String value = node.stringValue();
    if (required && value.isBlank()) {
      error(missing(path));
      return null;
    }
    if (!StoredText.isStorable(value)) {
      error("'" + path + "' contains a NUL character or an unpaired surrogate");
      return null;
    }
    return withinLimit(value, path, maxLength);
  }

  /**
   * An optional string, returned as sent (not trimmed) but for characters PostgreSQL cannot store,
   * which become U+FFFD (see {@link StoredText}).
   */
  String optionalString(JsonNode node, String path, int maxLength) {
    if (isAbsent(node)) {
      return null;
    }
    if (!node.isString()) {
      error(mustBeString(path));
      return null;
    }
    return withinLimit(StoredText.of(node.stringValue()), path, maxLength);
  }

  /**
   * A required enum. A non-string value gets the "must be one of" message rather than "must be a
   * string", because listing the allowed values is what tells the sender how to fix it.
   */
  <E> E requiredEnum(
      JsonNode node, String path, Function<String, Optional<E>> lookup, List<String> allowed) {
    if (isAbsent(node) || (node.isString() && node.stringValue().isBlank())) {
      error(missing(path));
      return null;
    }
    Optional<E> value = node.isString() ? lookup.apply(node.stringValue()) : Optional.empty();
    if (value.isEmpty()) {
      error("'" + path + "' must be one of " + String.join(", ", allowed));
      return null;
    }
    return value.get();
  }

  JsonNode requiredObject(JsonNode node, String path) {
    if (isAbsent(node)) {
      error(missing(path));
      return null;
    }
    return requireObject(node, path);
  }

  JsonNode requireObject(JsonNode node, String path) {
    if (!node.isObject()) {
      error("'" + path + "' must be an object");
      return null;
    }
    return node;
  }

  JsonNode optionalArray(JsonNode node, String path) {
    if (isAbsent(node)) {
      return null;
    }
    if (!node.isArray()) {
      error("'" + path + "' must be an array");
      return null;
    }
    return node;
  }

  /**
   * Limits count Unicode code points, not UTF-16 units: Alertmanager truncates summaries to 1024
   * runes, so a summary full of emoji must still fit.
   */
  private String withinLimit(String value, String path, int maxLength) {
    if (maxLength != NO_LIMIT && value.codePointCount(0, value.length()) > maxLength) {
      error("'" + path + "' is too long (max " + maxLength + " characters)");
      return null;
    }
    return value;
  }

  static String missing(String path) {
    return "'" + path + "' is missing";
  }

  private static String mustBeString(String path) {
    return "'" + path + "' must be a string";
  }
}
