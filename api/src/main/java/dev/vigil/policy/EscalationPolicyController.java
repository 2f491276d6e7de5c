package dev.vigil.policy;

import dev.vigil.auth.ApiCaller;
import dev.vigil.oncall.Paging;
import dev.vigil.oncall.escalation.EscalationPolicyRequest;
import dev.vigil.oncall.escalation.EscalationPolicyStore;
import dev.vigil.oncall.escalation.EscalationPolicyView;
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
@RequestMapping("/api/v1/escalation_policies")
@Tag(
    name = "Escalation policies",
    description = "Who is paged for a service's incidents, level after level, until someone acks")
class EscalationPolicyController {

  private final EscalationPolicyStore policies;

  EscalationPolicyController(EscalationPolicyStore policies) {
    this.policies = policies;
  }

  @GetMapping
  @Operation(summary = "List escalation policies", description = "Filter by name (query) and team.")
  Map<String, Object> list(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @RequestParam(required = false) String query,
      @RequestParam(name = "team_id", required = false) Long teamId,
      @RequestParam(defaultValue = "25") int limit,
      @RequestParam(defaultValue = "0") int offset) {
    Page.PageRequest request = Page.PageRequest.of(limit, offset);
    Page<EscalationPolicyView> page =
        Page.of(
            policies.list(
                caller.accountId(),
                Page.filter(query),
                teamId,
                new Paging(request.limit(), request.offset())),
            request);
    return page.body("escalation_policies");
  }

  @GetMapping("/{id}")
  @Operation(summary = "Get an escalation policy")
  Map<String, EscalationPolicyView> get(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long id) {
    return Map.of("escalation_policy", find(caller, id));
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Create an escalation policy",
      description = "Targets must be users or schedules of the caller's account.")
  @Transactional
  Map<String, EscalationPolicyView> create(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @Valid @RequestBody EscalationPolicyRequest request) {
    long id = policies.create(caller.accountId(), request.definition());
    return Map.of("escalation_policy", find(caller, id));
  }

  @PutMapping("/{id}")
  @Operation(
      summary = "Replace an escalation policy",
      description =
          "Replaces everything, levels included. Open incidents keep following the policy as it"
              + " was when they opened; incidents opened after the change follow the new one.")
  @Transactional
  Map<String, EscalationPolicyView> replace(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      @Valid @RequestBody EscalationPolicyRequest request) {
    policies.replace(caller.accountId(), id, request.definition());
    return Map.of("escalation_policy", find(caller, id));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(
      summary = "Delete an escalation policy",
      description =
          "Refused with 409 naming the services that use it. Open incidents finish on the policy"
              + " as it was when they opened.")
  @Transactional
  void delete(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long id) {
    policies.delete(caller.accountId(), id);
  }

  private EscalationPolicyView find(ApiCaller caller, long id) {
    return policies
        .find(caller.accountId(), id)
        .orElseThrow(() -> ApiException.notFound("Escalation policy " + id));
  }
}
