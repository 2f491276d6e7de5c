package dev.vigil.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The REST API's OpenAPI description, served at /v3/api-docs and browsable at /swagger-ui.html: the
 * contract clients are generated from (docs/decisions/0027). It describes the wire: schemas named
 * as Jackson writes them ({@link WireModels}), responses as the envelopes they are ({@link
 * ResponseEnvelopes}), and one error schema with every 4xx ({@link ErrorResponses}).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  @Bean
  OpenAPI vigilOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Vigil REST API")
                .version("v1")
                .description(
                    "Incidents and the on-call model (users, teams, services, escalation policies,"
                        + " schedules). JSON in snake_case. Errors: {\"error\": {\"code\", \"message\","
                        + " \"errors\": [...]}}. Every object belongs to the token's account; another"
                        + " account's objects answer 404.")
                .contact(new Contact().name("Vigil"))
                .license(new License().name("Apache-2.0")))
        // Fixed, not the serving request's address: the document is the same on every install.
        .servers(
            List.of(
                new Server()
                    .url("http://localhost:8080")
                    .description("A local Vigil (VIGIL_PUBLIC_URL of yours)")))
        .components(
            new Components()
                .addSecuritySchemes(
                    "token",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("An API token; `Authorization: Token token=...` works too")))
        .addSecurityItem(new SecurityRequirement().addList("token"));
  }

  @Bean
  WireModels wireModels() {
    return new WireModels();
  }

  @Bean
  OpenApiCustomizer responseEnvelopes() {
    return new ResponseEnvelopes();
  }

  @Bean
  OpenApiCustomizer operatorRoutes() {
    return new OperatorRoutes();
  }

  @Bean
  OpenApiCustomizer errorResponses() {
    return new ErrorResponses();
  }

  /** Every tag an operation uses is declared once at the top, as linters and generators expect. */
  @Bean
  OpenApiCustomizer declaredTags() {
    return openApi -> {
      Set<String> declared = new TreeSet<>();
      if (openApi.getTags() != null) {
        openApi.getTags().forEach(tag -> declared.add(tag.getName()));
      }
      Set<String> used = new TreeSet<>();
      openApi
          .getPaths()
          .values()
          .forEach(
              path ->
                  path.readOperations()
                      .forEach(
                          operation -> {
                            if (operation.getTags() != null) {
                              used.addAll(operation.getTags());
                            }
                          }));
      used.removeAll(declared);
      used.forEach(name -> openApi.addTagsItem(new Tag().name(name)));
      if (openApi.getTags() != null) {
        openApi.getTags().sort(Comparator.comparing(Tag::getName));
      }
    };
  }

  /**
   * Operation ids a generated client can name methods after, stable across releases: the handler's
   * verb then its controller's noun ({@code getUser}, {@code createContactMethod}), not springdoc's
   * {@code get_3}.
   */
  @Bean
  OperationCustomizer operationIds() {
    return (operation, handler) -> {
      String noun = handler.getBeanType().getSimpleName().replaceFirst("Controller$", "");
      operation.setOperationId(handler.getMethod().getName() + noun);
      return operation;
    };
  }
}
