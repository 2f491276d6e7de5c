package dev.vigil.web;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Schemas as Jackson writes them. swagger-core reads types with its own (Jackson 2) mapper, which
 * knew nothing of the API's snake_case: it gets the same naming here. A record the API writes (any
 * record not named {@code ...Request}) has every property present on the wire, so every property is
 * required; a property of a reference type may be null, a primitive one never is.
 */
final class WireModels extends ModelResolver {

  WireModels() {
    super(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public Schema resolve(
      AnnotatedType annotatedType, ModelConverterContext context, Iterator<ModelConverter> next) {
    Schema resolved = super.resolve(annotatedType, context, next);
    JavaType type = _mapper.constructType(annotatedType.getType());
    Class<?> raw = type.getRawClass();
    // A reference: the definition it points to is the schema to complete.
    Schema schema =
        resolved != null && resolved.get$ref() != null
            ? context
                .getDefinedModels()
                .get(resolved.get$ref().substring(resolved.get$ref().lastIndexOf('/') + 1))
            : resolved;
    if (schema == null
        || !raw.isRecord()
        || raw.getSimpleName().endsWith("Request")
        || schema.getProperties() == null) {
      return resolved;
    }
    Map<String, Schema> properties = schema.getProperties();
    List<String> required = new ArrayList<>();
    for (RecordComponent component : raw.getRecordComponents()) {
      // A component renamed on the wire (a Java keyword: "class") goes by its wire name.
      com.fasterxml.jackson.annotation.JsonProperty renamed =
          component
              .getAccessor()
              .getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
      String name =
          renamed != null && !renamed.value().isEmpty()
              ? renamed.value()
              : FieldNames.snakeCase(component.getName());
      Schema property = properties.get(name);
      if (property == null) {
        continue;
      }
      required.add(name);
      if (!component.getType().isPrimitive()
          && property.get$ref() == null
          && !"array".equals(property.getType())) {
        property.setNullable(true);
      }
    }
    schema.setRequired(required);
    return resolved;
  }
}
