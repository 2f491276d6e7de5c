package dev.vigil.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * One error schema ({@link ApiError}'s envelope) and, on every operation, the 4xx answers it can
 * give: decided by what the operation takes (a body, path variables, parameters) and does (writes),
 * the way {@link ApiExceptionHandler}, the token filter and the controllers refuse.
 */
final class ErrorResponses implements OpenApiCustomizer {

  static final String ERROR = "Error";
  static final String ERROR_BODY = "ErrorBody";

  @Override
  @SuppressWarnings("rawtypes")
  public void customise(OpenAPI openApi) {
    Map<String, Schema> schemas = openApi.getComponents().getSchemas();
    schemas.remove("ApiError");
    schemas.remove("Body");
    schemas.put(
        ERROR_BODY,
        new ObjectSchema()
            .description("What went wrong")
            .addProperty(
                "code",
                new StringSchema()
                    .description(
                        "Stable, for programs: invalid_request, unauthorized, forbidden, not_found,"
                            + " conflict, in_use, not_acceptable, unsupported_media_type,"
                            + " too_large, too_many_requests, ..."))
            .addProperty("message", new StringSchema().description("For people"))
            .addProperty(
                "errors",
                new ArraySchema()
                    .items(new StringSchema())
                    .description(
                        "Each problem, naming its field in snake_case: 'field' problem; or what"
                            + " uses an object that cannot be deleted"))
            .required(List.of("code", "message", "errors")));
    schemas.put(
        ERROR,
        new ObjectSchema()
            .description("Every refusal: {\"error\": {\"code\", \"message\", \"errors\"}}")
            .addProperty("error", new Schema<>().$ref("#/components/schemas/" + ERROR_BODY))
            .required(List.of("error")));
    openApi
        .getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach((method, operation) -> describe(path, method, operation)));
  }

  private static void describe(String path, PathItem.HttpMethod method, Operation operation) {
    if (!path.startsWith("/api/")) {
      return; // a calendar feed: no token, answered by calendar apps
    }
    Map<String, String> refusals = new TreeMap<>();
    boolean body = operation.getRequestBody() != null;
    boolean parameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
    if (body || parameters) {
      refusals.put("400", "Invalid: a field, parameter or the body is at fault (named in errors)");
    }
    refusals.put("401", "No valid API token");
    refusals.put("403", "The token's role may not do this");
    if (path.contains("{")) {
      refusals.put("404", "Not found, or another account's");
    }
    refusals.put("406", "The Accept header does not allow application/json");
    if (method != PathItem.HttpMethod.GET) {
      refusals.put("409", "Conflicts with the current state (or, deleting, still in use)");
    }
    if (body) {
      refusals.put("413", "Body over 1 MB");
      refusals.put("415", "Body is not application/json");
    }
    refusals.put("429", "Over the token's rate limit (Retry-After says when to retry)");
    ApiResponses responses = operation.getResponses();
    refusals.forEach(
        (status, description) -> {
          if (!responses.containsKey(status)) {
            responses.addApiResponse(status, error(description));
          }
        });
  }

  private static ApiResponse error(String description) {
    return new ApiResponse()
        .description(description)
        .content(
            new Content()
                .addMediaType(
                    org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ERROR))));
  }
}
