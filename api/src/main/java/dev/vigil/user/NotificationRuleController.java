package dev.vigil.user;

import dev.vigil.auth.ApiCaller;
import dev.vigil.oncall.user.NotificationRules;
import dev.vigil.oncall.user.NotificationRules.NotificationRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * How a user wants to be woken: per urgency, a channel on a contact method after a delay. A user
 * with no rule for an incident's urgency is paged at once on every contact method, so nobody
 * becomes unreachable by forgetting to add rules.
 */
@RestController
@RequestMapping("/api/v1/users/{userId}/notification_rules")
@Tag(name = "Users")
class NotificationRuleController {

  private final NotificationRules rules;

  NotificationRuleController(NotificationRules rules) {
    this.rules = rules;
  }

  @Schema(
      example =
          "{\"urgency\": \"high\", \"contact_method_id\": 12, \"channel\": \"voice\", \"delay_minutes\": 2}")
  record RuleRequest(
      @NotNull @Pattern(regexp = "high|low", message = "must be one of high, low") String urgency,
      @NotNull Long contactMethodId,
      @NotNull @Pattern(regexp = "sms|voice|email", message = "must be one of sms, voice, email")
          String channel,
      @NotNull @Min(0) @Max(1440) Integer delayMinutes) {}

  record RuleView(
      long id,
      String urgency,
      long contactMethodId,
      String channel,
      int delayMinutes,
      Instant createdAt) {

    static RuleView of(NotificationRule rule) {
      return new RuleView(
          rule.id(),
          rule.urgency(),
          rule.contactMethodId(),
          rule.channel(),
          rule.delayMinutes(),
          rule.createdAt());
    }
  }

  @GetMapping
  @Operation(summary = "List a user's notification rules", description = "Ordered by delay.")
  Map<String, List<RuleView>> list(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long userId,
      @RequestParam(required = false) String urgency) {
    return Map.of(
        "notification_rules",
        rules.list(caller.accountId(), userId, urgency).stream().map(RuleView::of).toList());
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Add a notification rule")
  Map<String, RuleView> create(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long userId,
      @Valid @RequestBody RuleRequest request) {
    NotificationRule created =
        rules.add(
            caller.accountId(),
            userId,
            request.urgency(),
            request.contactMethodId(),
            request.channel(),
            request.delayMinutes());
    return Map.of("notification_rule", RuleView.of(created));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Remove a notification rule")
  void delete(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long userId,
      @PathVariable long id) {
    rules.remove(caller.accountId(), userId, id);
  }
}
