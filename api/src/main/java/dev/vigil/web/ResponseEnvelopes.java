package dev.vigil.web;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.DateTimeSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Responses as they are sent. Controllers answer {@code Map}s (an object under its name, a page of
 * a list with {@code limit}, {@code offset}, {@code more}), which springdoc can only describe as
 * maps of anything: here each becomes the envelope it is. An object is always sent under the same
 * name ({@link #NAMES}); a response whose map is built by hand is described by its operation
 * ({@link #BY_OPERATION}). {@code OpenApiDocumentTest} fails on any response still described as a
 * map, so a new endpoint cannot skip this.
 */
final class ResponseEnvelopes implements OpenApiCustomizer {

  /**
   * The name an object is sent under, by its schema; lists of it under the plural. Envelopes are
   * components named after it ({@code UserResponse}, {@code ContactMethodsResponse}).
   */
  private static final Map<String, String[]> NAMES =
      Map.ofEntries(
          Map.entry("UserView", new String[] {"user", "users"}),
          Map.entry("TeamView", new String[] {"team", "teams"}),
          Map.entry("ServiceView", new String[] {"service", "services"}),
          Map.entry("IntegrationKeyView", new String[] {"integration_key", "integration_keys"}),
          Map.entry("ScheduleView", new String[] {"schedule", "schedules"}),
          Map.entry("OverrideView", new String[] {"override", "overrides"}),
          Map.entry("CalendarFeedView", new String[] {"calendar_feed", "calendar_feeds"}),
          Map.entry(
              "EscalationPolicyView", new String[] {"escalation_policy", "escalation_policies"}),
          Map.entry("RuleView", new String[] {"notification_rule", "notification_rules"}),
          Map.entry("ContactMethodView", new String[] {"contact_method", "contact_methods"}),
          Map.entry("TestPageView", new String[] {"test_page", "test_pages"}),
          Map.entry("IncidentView", new String[] {"incident", "incidents"}),
          Map.entry("AlertGrouping", new String[] {"alert_grouping", "alert_groupings"}),
          Map.entry(
              "MaintenanceWindowView", new String[] {"maintenance_window", "maintenance_windows"}),
          Map.entry("HeartbeatMonitorView", new String[] {"heartbeat", "heartbeats"}),
          Map.entry("WebhookView", new String[] {"webhook", "webhooks"}),
          Map.entry("WebhookDeliveryView", new String[] {"delivery", "deliveries"}),
          Map.entry("SlackConnectionView", new String[] {"slack", "slacks"}),
          Map.entry("SlackChannelView", new String[] {"slack_channel", "slack_channels"}),
          Map.entry("DryRun", new String[] {"dry_run", "dry_runs"}),
          Map.entry("InvoiceDetail", new String[] {"invoice", "invoices"}),
          Map.entry("RatedInvoice", new String[] {"preview", "previews"}),
          Map.entry("Thresholds", new String[] {"usage_alerts", "usage_alerts_list"}),
          Map.entry("TaxRateView", new String[] {"tax_rate", "tax_rates"}),
          Map.entry(
              "InternationalSmsCapView",
              new String[] {"international_sms_cap", "international_sms_caps"}));

  /** Responses whose map is assembled in the controller, by "METHOD path", with their names. */
  private static final Map<String, Envelope> BY_OPERATION = new LinkedHashMap<>();

  private record Envelope(String name, Function<Components, Schema<?>> schema) {}

  private static void describe(
      String operation, String name, Function<Components, Schema<?>> schema) {
    BY_OPERATION.put(operation, new Envelope(name, schema));
  }

  static {
    describe(
        "GET /api/v1/users",
        "UserPage",
        c -> page("users", c.ref("dev.vigil.oncall.user.UserView")));
    describe("GET /api/v1/teams", "TeamPage", c -> page("teams", c.ref("dev.vigil.team.TeamView")));
    describe(
        "GET /api/v1/teams/{teamId}/members",
        "TeamMemberPage",
        c -> page("members", c.ref("dev.vigil.team.TeamView$Member")));
    describe(
        "GET /api/v1/services",
        "ServicePage",
        c -> page("services", c.ref("dev.vigil.oncall.service.ServiceView")));
    describe(
        "GET /api/v1/schedules",
        "SchedulePage",
        c -> page("schedules", c.ref("dev.vigil.oncall.schedule.ScheduleView$Summary")));
    describe(
        "GET /api/v1/schedules/{scheduleId}/overrides",
        "OverridePage",
        c -> page("overrides", c.ref("dev.vigil.schedule.OverrideController$OverrideView")));
    describe(
        "GET /api/v1/escalation_policies",
        "EscalationPolicyPage",
        c ->
            page("escalation_policies", c.ref("dev.vigil.oncall.escalation.EscalationPolicyView")));
    describe(
        "GET /api/v1/incidents",
        "IncidentPage",
        c -> page("incidents", c.ref("dev.vigil.incident.web.IncidentView")));
    describe(
        "GET /api/v1/incidents/{number}/history",
        "IncidentHistory",
        c ->
            new ObjectSchema()
                .description(
                    "The incident workflow's Temporal history, as Temporal's JSON"
                        + " (`{\"events\": [...]}`)"));
    describe(
        "GET /api/v1/change_events",
        "ChangeEventPage",
        c -> page("change_events", c.ref("dev.vigil.change.web.ChangeEventView")));
    describe(
        "GET /api/v1/maintenance_windows",
        "MaintenanceWindowPage",
        c ->
            page(
                "maintenance_windows",
                c.ref("dev.vigil.oncall.maintenance.MaintenanceWindowView")));
    describe(
        "GET /api/v1/oncalls",
        "OnCallPage",
        c -> {
          Schema<?> page = page("oncalls", c.ref("dev.vigil.schedule.OnCallController$OnCallView"));
          page.addProperty("at", new DateTimeSchema());
          page.getRequired().add("at");
          return page;
        });
    describe(
        "GET /api/v1/invoices",
        "InvoicePage",
        c ->
            object(
                "invoices",
                new ArraySchema().items(c.ref("dev.vigil.billing.document.InvoiceSummary")),
                "more",
                new BooleanSchema(),
                "next_after",
                nullable(new IntegerSchema().format("int64"))
                    .description("The `after` of the next page; null on the last")));
    describe(
        "POST /api/v1/users/{id}/api-tokens",
        "ApiTokenResponse",
        c ->
            object(
                "api_token",
                object(
                    "name",
                    new StringSchema(),
                    "user_id",
                    new IntegerSchema().format("int64"),
                    "role",
                    new StringSchema(),
                    "token",
                    new StringSchema().description("Shown once"))));
    describe(
        "GET /api/v1/billing/plans",
        "PlansResponse",
        c ->
            object(
                "plans", new ArraySchema().items(c.ref("dev.vigil.billing.catalog.PlanVersion"))));
    for (String method : List.of("GET", "POST", "PUT")) {
      describe(
          method + " /api/v1/billing/profile",
          "BillingProfileResponse",
          c ->
              object(
                  "billing_profile",
                  profile(),
                  "billing_state",
                  new StringSchema()
                      ._enum(List.of("ok", "problem"))
                      .description("`problem` while billing is held up: see /billing/problems")));
    }
    describe(
        "POST /api/v1/billing/subscription",
        "SubscriptionChangeResponse",
        c ->
            object(
                "subscription_change",
                object(
                    "id",
                    new IntegerSchema().format("int64"),
                    "plan",
                    new StringSchema(),
                    "seats",
                    new IntegerSchema(),
                    "effective_at",
                    new DateTimeSchema())));
    describe(
        "GET /api/v1/billing/preview",
        "PreviewResponse",
        c ->
            object(
                "preview",
                c.ref("dev.vigil.billing.rating.RatedInvoice"),
                "usage_alerts",
                new ArraySchema()
                    .items(c.ref("dev.vigil.invoicing.BillingController$CrossedAlert"))));
    describe(
        "GET /api/v1/billing/balance",
        "BalanceResponse",
        c ->
            object(
                "credit_minor",
                minorByCurrency("Credit not yet used, by currency"),
                "outstanding_minor",
                minorByCurrency("Owed on open invoices, by currency"),
                "payments",
                new ArraySchema()
                    .items(c.ref("dev.vigil.billing.document.InvoiceDetail$Payment"))));
    describe(
        "POST /api/v1/incidents",
        "ManualIncidentResponse",
        c -> object("incident", c.ref("dev.vigil.incident.web.IncidentView")));
    describe("GET /api/v1/operator/accounts", "AccountPage", c -> page("accounts", account()));
    describe(
        "POST /api/v1/operator/accounts",
        "AccountCreatedResponse",
        c ->
            object(
                "account",
                account(),
                "first_admin",
                object(
                    "id",
                    new IntegerSchema().format("int64"),
                    "email",
                    new StringSchema(),
                    "invitation_url",
                    new StringSchema().description("Shown once"),
                    "api_token",
                    new StringSchema().description("Shown once"))));
    for (String operation :
        List.of(
            "GET /api/v1/operator/accounts/{accountId}",
            "POST /api/v1/operator/accounts/{accountId}/suspend",
            "POST /api/v1/operator/accounts/{accountId}/reactivate")) {
      describe(operation, "AccountResponse", c -> object("account", account()));
    }
  }

  /** An account as the operator sees it. */
  private static Schema<?> account() {
    return object(
        "id",
        new IntegerSchema().format("int64"),
        "name",
        new StringSchema(),
        "home_country",
        new StringSchema(),
        "billing_currency",
        new StringSchema(),
        "time_zone",
        new StringSchema(),
        "operator",
        new BooleanSchema(),
        "status",
        new StringSchema()._enum(List.of("active", "suspended")),
        "suspended_at",
        nullable(new DateTimeSchema()),
        "created_at",
        new DateTimeSchema());
  }

  /** Operator routes under an account answer as the account's own routes do. */
  private static final String OPERATOR_ACCOUNT = "/api/v1/operator/accounts/{accountId}/";

  @Override
  public void customise(OpenAPI openApi) {
    Components components = new Components(openApi);
    openApi
        .getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach(
                        (method, operation) ->
                            envelope(method + " " + path, operation, components)));
  }

  private static void envelope(String key, Operation operation, Components components) {
    operation
        .getResponses()
        .forEach(
            (status, response) -> {
              if (!status.startsWith("2") || response.getContent() == null) {
                return;
              }
              for (MediaType media : response.getContent().values()) {
                Schema<?> schema = media.getSchema();
                Envelope described = BY_OPERATION.get(key);
                if (described == null && key.contains(OPERATOR_ACCOUNT)) {
                  described = BY_OPERATION.get(key.replace(OPERATOR_ACCOUNT, "/api/v1/"));
                }
                if (described != null) {
                  media.setSchema(
                      components.define(described.name(), described.schema().apply(components)));
                } else if (schema != null
                    && schema.getAdditionalProperties() instanceof Schema<?> value) {
                  Schema<?> named = named(value, components);
                  if (named != null) {
                    media.setSchema(named);
                  }
                }
              }
            });
  }

  /** {@code {"user": UserView}} or {@code {"contact_methods": [ContactMethodView]}}. */
  private static Schema<?> named(Schema<?> value, Components components) {
    boolean list = value.getItems() != null;
    String ref = list ? value.getItems().get$ref() : value.get$ref();
    if (ref == null) {
      return null;
    }
    String[] names = NAMES.get(ref.substring(ref.lastIndexOf('/') + 1));
    if (names == null) {
      return null;
    }
    String name = list ? names[1] : names[0];
    return components.define(pascalCase(name) + "Response", object(name, value));
  }

  /** contact_methods: ContactMethods. */
  private static String pascalCase(String snakeCase) {
    StringBuilder name = new StringBuilder();
    for (String word : snakeCase.split("_")) {
      name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    return name.toString();
  }

  private static Schema<?> page(String itemsName, Schema<?> item) {
    return object(
        itemsName,
        new ArraySchema().items(item),
        "limit",
        new IntegerSchema(),
        "offset",
        new IntegerSchema(),
        "more",
        new BooleanSchema().description("Whether a next page (offset + limit) has more"));
  }

  private static Schema<?> profile() {
    Schema<?> profile =
        object(
            "collection_method",
            new StringSchema()._enum(List.of("card", "check")),
            "billing_time_zone",
            new StringSchema(),
            "billing_email",
            new StringSchema(),
            "net_terms_days",
            new IntegerSchema(),
            "reminder_offsets",
            new ArraySchema().items(new IntegerSchema()),
            "billing_starts_at",
            new DateTimeSchema(),
            "home_country",
            new StringSchema(),
            "po_number",
            nullable(new StringSchema()),
            "bill_to_address",
            new ArraySchema().items(new StringSchema()),
            "tax_id",
            nullable(new StringSchema())
                .description("The customer's tax id (an EU VAT number); null for none"),
            "bill_to_region",
            nullable(new StringSchema())
                .description("The region whose tax rates apply (a US state: CA); null for none"));
    profile.addProperty(
        "subscription",
        object(
                "plan",
                new StringSchema(),
                "plan_version",
                new IntegerSchema(),
                "seats",
                new IntegerSchema(),
                "since",
                new DateTimeSchema())
            .description("The plan in force now; absent before the first"));
    return profile;
  }

  private static Schema<?> minorByCurrency(String description) {
    return new ObjectSchema()
        .additionalProperties(new IntegerSchema().format("int64"))
        .description(description + " (ISO 4217 code to minor units)");
  }

  private static <T extends Schema<?>> T nullable(T schema) {
    schema.setNullable(true);
    return schema;
  }

  /** An object of the given properties, name then schema, all required. */
  private static Schema<?> object(Object... namesAndSchemas) {
    ObjectSchema object = new ObjectSchema();
    List<String> required = new ArrayList<>();
    for (int i = 0; i < namesAndSchemas.length; i += 2) {
      String name = (String) namesAndSchemas[i];
      object.addProperty(name, (Schema<?>) namesAndSchemas[i + 1]);
      required.add(name);
    }
    object.setRequired(required);
    return object;
  }

  /** The document's schemas, adding those of types no operation declares. */
  private static final class Components {

    private final OpenAPI openApi;

    Components(OpenAPI openApi) {
      this.openApi = openApi;
    }

    /**
     * A reference to the schema of a class named by its binary name: these types are
     * package-private to their feature (a moved class fails the contract test, naming it here).
     */
    /** The schema as a named component of the document, and a reference to it. */
    Schema<?> define(String name, Schema<?> schema) {
      openApi.getComponents().addSchemas(name, schema);
      return new Schema<>().$ref("#/components/schemas/" + name);
    }

    Schema<?> ref(String className) {
      Class<?> type;
      try {
        type = Class.forName(className);
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("No class " + className + " for a response envelope", e);
      }
      ResolvedSchema resolved =
          ModelConverters.getInstance()
              .resolveAsResolvedSchema(new AnnotatedType(type).resolveAsRef(true));
      @SuppressWarnings("rawtypes")
      Map<String, Schema> known = new LinkedHashMap<>(resolved.referencedSchemas);
      known.forEach(
          (name, schema) -> {
            if (!openApi.getComponents().getSchemas().containsKey(name)) {
              openApi.getComponents().addSchemas(name, schema);
            }
          });
      return new Schema<>().$ref(resolved.schema.get$ref());
    }
  }
}
