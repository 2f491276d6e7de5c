package dev.vigil.user;

import dev.vigil.auth.ApiCaller;
import dev.vigil.oncall.user.UserStore;
import dev.vigil.web.ApiException;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
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

  private final UserStore users;
  private final JdbcClient jdbc;

  NotificationRuleController(UserStore users, JdbcClient jdbc) {
    this.users = users;
    this.jdbc = jdbc;
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
      Instant createdAt) {}

  @GetMapping
  @Operation(summary = "List a user's notification rules", description = "Ordered by delay.")
  Map<String, List<RuleView>> list(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long userId,
      @RequestParam(required = false) String urgency) {
    requireUser(caller, userId);
    if (urgency != null && !urgency.matches("high|low")) {
      throw ApiException.badRequest("urgency", "must be one of high, low");
    }
    return Map.of(
        "notification_rules",
        jdbc.sql(
                """
                select id, urgency, contact_method_id, channel, delay_minutes, created_at
                from notification_rules
                where account_id = ? and user_id = ? and (cast(? as text) is null or urgency = ?)
                order by urgency, delay_minutes, id""")
            .params(caller.accountId(), userId, urgency, urgency)
            .query(RuleView.class)
            .list());
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Add a notification rule")
  @Transactional
  Map<String, RuleView> create(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long userId,
      @Valid @RequestBody RuleRequest request) {
    requireUser(caller, userId);
    String kind =
        jdbc.sql("select kind from contact_methods where account_id = ? and user_id = ? and id = ?")
            .params(caller.accountId(), userId, request.contactMethodId())
            .query(String.class)
            .optional()
            .orElseThrow(
                () ->
                    ApiException.badRequest(
                        "contact_method_id", "is not one of this user's contact methods"));
    boolean emailChannel = "email".equals(request.channel());
    if (emailChannel != "email".equals(kind)) {
      throw ApiException.badRequest(
          "channel",
          emailChannel
              ? "email needs an email contact method"
              : request.channel() + " needs a phone");
    }
    return Map.of(
        "notification_rule",
        jdbc.sql(
                """
                insert into notification_rules (account_id, user_id, urgency, contact_method_id, channel, delay_minutes)
                values (?, ?, ?, ?, ?, ?)
                on conflict do nothing
                returning id, urgency, contact_method_id, channel, delay_minutes, created_at""")
            .params(
                caller.accountId(),
                userId,
                request.urgency(),
                request.contactMethodId(),
                request.channel(),
                request.delayMinutes())
            .query(RuleView.class)
            .optional()
            .orElseThrow(() -> ApiException.conflict("The user already has this rule")));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Remove a notification rule")
  void delete(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long userId,
      @PathVariable long id) {
    requireUser(caller, userId);
    int deleted =
        jdbc.sql("delete from notification_rules where account_id = ? and user_id = ? and id = ?")
            .params(caller.accountId(), userId, id)
            .update();
    if (deleted == 0) {
      throw ApiException.notFound("Notification rule " + id);
    }
  }

  private void requireUser(ApiCaller caller, long userId) {
    users
        .find(caller.accountId(), userId)
        .orElseThrow(() -> ApiException.notFound("User " + userId));
  }
}
