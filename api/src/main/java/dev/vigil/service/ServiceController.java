package dev.vigil.service;

import dev.vigil.auth.ApiCaller;
import dev.vigil.oncall.Paging;
import dev.vigil.oncall.service.ServiceRequest;
import dev.vigil.oncall.service.ServiceStore;
import dev.vigil.oncall.service.ServiceView;
import dev.vigil.web.ApiException;
import dev.vigil.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/services")
@Tag(
    name = "Services",
    description = "What is monitored: events arrive by its integration keys, incidents open on it")
class ServiceController {

  private final ServiceStore services;

  ServiceController(ServiceStore services) {
    this.services = services;
  }

  @GetMapping
  @Operation(summary = "List services", description = "Filter by name (query) and team.")
  Map<String, Object> list(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @RequestParam(required = false) String query,
      @RequestParam(name = "team_id", required = false) Long teamId,
      @RequestParam(defaultValue = "25") int limit,
      @RequestParam(defaultValue = "0") int offset) {
    Page.PageRequest request = Page.PageRequest.of(limit, offset);
    Page<ServiceView> page =
        Page.of(
            services.list(
                caller.accountId(),
                Page.filter(query),
                teamId,
                new Paging(request.limit(), request.offset())),
            request);
    return page.body("services");
  }

  @GetMapping("/{id}")
  @Operation(summary = "Get a service", description = "With its active integration keys.")
  Map<String, ServiceView> get(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long id) {
    return Map.of("service", find(caller, id));
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Create a service",
      description = "The service comes with one integration key, ready for the Events API.")
  @Transactional
  Map<String, ServiceView> create(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @Valid @RequestBody ServiceRequest request) {
    long id = services.create(caller.accountId(), request);
    return Map.of("service", find(caller, id));
  }

  @PutMapping("/{id}")
  @Operation(
      summary = "Replace a service's settings",
      description =
          "Integration keys are kept. Open incidents keep the escalation policy they opened with.")
  @Transactional
  Map<String, ServiceView> update(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      @Valid @RequestBody ServiceRequest request) {
    services.update(caller.accountId(), id, request);
    return Map.of("service", find(caller, id));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(
      summary = "Delete a service",
      description =
          "Refused with 409 naming its open incidents; resolve them first. A service with past"
              + " incidents is archived instead: it leaves lists, its integration keys are"
              + " retired, its incidents stay readable.")
  @Transactional
  void delete(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long id) {
    services.delete(caller.accountId(), id);
  }

  private ServiceView find(ApiCaller caller, long id) {
    return services
        .find(caller.accountId(), id)
        .orElseThrow(() -> ApiException.notFound("Service " + id));
  }
}
