package dev.vigil.outbound.web;

import dev.vigil.auth.ApiCaller;
import dev.vigil.oncall.webhook.WebhookRequest;
import dev.vigil.oncall.webhook.WebhookSubscription;
import dev.vigil.oncall.webhook.WebhookSubscriptions;
import dev.vigil.outbound.delivery.WebhookOutbox;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The account's outbound webhook subscriptions (docs/decisions/0060, 0061). Admins only. */
@RestController
@RequestMapping("/api/v1/webhooks")
@Tag(
    name = "Webhooks",
    description =
        "Incident events (triggered, acknowledged, resolved, ...) posted to your URL in PagerDuty's"
            + " webhooks v3 shape, signed with X-Vigil-Signature, in order per incident, at least"
            + " once (dedupe on the event id)")
class WebhookController {

  static final int MAX_DELIVERIES = 200;

  private final WebhookSubscriptions subscriptions;
  private final WebhookOutbox outbox;
  private final ObjectMapper json;

  WebhookController(WebhookSubscriptions subscriptions, WebhookOutbox outbox, ObjectMapper json) {
    this.subscriptions = subscriptions;
    this.outbox = outbox;
    this.json = json;
  }

  @GetMapping
  @Operation(summary = "List webhook subscriptions", description = "Oldest first; no secrets.")
  Map<String, List<WebhookView>> list(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller) {
    return Map.of(
        "webhooks",
        subscriptions.list(caller.accountId()).stream().map(s -> WebhookView.of(s, null)).toList());
  }

  @GetMapping("/{id}")
  @Operation(summary = "Get a webhook subscription", description = "Not its secret.")
  Map<String, WebhookView> get(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long id) {
    return Map.of("webhook", WebhookView.of(find(caller, id), null));
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Create a webhook subscription",
      description =
          "Answers its signing secret, once. A URL whose host is a loopback, private or"
              + " link-local address is refused (400) unless the operator allows such targets;"
              + " a name is checked each time it is resolved.")
  Map<String, WebhookView> create(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @RequestBody WebhookRequest request) {
    WebhookSubscriptions.Created created = subscriptions.create(caller.accountId(), request);
    return Map.of("webhook", WebhookView.of(created.subscription(), created.secret()));
  }

  @PatchMapping("/{id}")
  @Operation(
      summary = "Change a webhook subscription",
      description =
          "Only the fields sent change; its secret stays. \"service_id\": null moves a"
              + " service's subscription back to every service; left out, its service stays.")
  Map<String, WebhookView> update(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content = @Content(schema = @Schema(implementation = WebhookRequest.class)))
          @RequestBody
          Map<String, Object> fields) {
    // Read as its properties first: a service_id sent as null differs from one left out.
    JsonNode body = json.valueToTree(fields);
    WebhookRequest request;
    try {
      request = json.treeToValue(body, WebhookRequest.class);
    } catch (DatabindException e) {
      String field =
          e.getPath().isEmpty() || e.getPath().get(0).getPropertyName() == null
              ? "body"
              : e.getPath().get(0).getPropertyName();
      throw ApiException.badRequest(field, "has the wrong type or format");
    }
    boolean everyService = fields.containsKey("service_id") && fields.get("service_id") == null;
    return Map.of(
        "webhook",
        WebhookView.of(subscriptions.update(caller.accountId(), id, request, everyService), null));
  }

  @PostMapping("/{id}/rotate_secret")
  @Operation(
      summary = "Rotate a webhook subscription's signing secret",
      description =
          "Answers the new secret, once. The previous one keeps signing beside it (a second v1="
              + " in X-Vigil-Signature) until previous_secret_valid_until.")
  Map<String, WebhookView> rotateSecret(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long id) {
    WebhookSubscriptions.Created rotated =
        subscriptions.rotateSecret(caller.accountId(), id, Instant.now());
    return Map.of("webhook", WebhookView.of(rotated.subscription(), rotated.secret()));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(
      summary = "Delete a webhook subscription",
      description = "With its deliveries; nothing more is sent to it.")
  void delete(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long id) {
    if (!subscriptions.delete(caller.accountId(), id)) {
      throw notFound();
    }
  }

  @GetMapping("/{id}/deliveries")
  @Operation(
      summary = "List a webhook subscription's recent deliveries",
      description = "Newest first, with their status, attempts and last error.")
  Map<String, List<WebhookDeliveryView>> deliveries(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      @RequestParam(defaultValue = "50") int limit) {
    if (limit < 1 || limit > MAX_DELIVERIES) {
      throw ApiException.badRequest("limit", "must be between 1 and " + MAX_DELIVERIES);
    }
    find(caller, id);
    return Map.of(
        "deliveries",
        outbox.recent(caller.accountId(), id, limit).stream()
            .map(WebhookDeliveryView::of)
            .toList());
  }

  @PostMapping("/{id}/test")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(
      summary = "Send a test event",
      description =
          "A pagey.ping event, signed like any other, whatever the subscription's filter; its"
              + " delivery shows in the deliveries.")
  Map<String, WebhookDeliveryView> test(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long id) {
    find(caller, id);
    return Map.of(
        "delivery", WebhookDeliveryView.of(outbox.ping(caller.accountId(), id, Instant.now())));
  }

  private WebhookSubscription find(ApiCaller caller, long id) {
    return subscriptions.find(caller.accountId(), id).orElseThrow(WebhookController::notFound);
  }

  private static ApiException notFound() {
    return ApiException.notFound("webhook");
  }
}
