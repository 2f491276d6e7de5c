package dev.vigil.service;

import dev.vigil.auth.ApiCaller;
import dev.vigil.oncall.service.ServiceStore;
import dev.vigil.oncall.service.ServiceView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A service's routing keys. Rotating a leaked key is: create a new one, move the integrations to
 * it, retire the old one. Retiring the last key is allowed: it is how a service stops taking events
 * without losing its history.
 */
@RestController
@RequestMapping("/api/v1/services/{serviceId}/integration_keys")
@Tag(name = "Services")
class IntegrationKeyController {

  private final ServiceStore services;

  IntegrationKeyController(ServiceStore services) {
    this.services = services;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Create an integration key", description = "A new random routing key.")
  @Transactional
  Map<String, ServiceView.IntegrationKeyView> create(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long serviceId) {
    return Map.of("integration_key", services.addKey(caller.accountId(), serviceId));
  }

  @DeleteMapping("/{keyId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(
      summary = "Retire an integration key",
      description = "The Events API refuses it from then on (400). Retiring it again is a no-op.")
  @Transactional
  void retire(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long serviceId,
      @PathVariable long keyId) {
    services.retireKey(caller.accountId(), serviceId, keyId);
  }
}
