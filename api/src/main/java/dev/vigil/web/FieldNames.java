package dev.vigil.web;

import java.util.List;
import tools.jackson.core.JacksonException;

/** Field names as clients see them: snake_case, with list indexes ("levels[0].delay_minutes"). */
final class FieldNames {

  private FieldNames() {}

  static String snakeCase(String javaPath) {
    return javaPath.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }

  static String path(List<JacksonException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : references) {
      if (reference.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
