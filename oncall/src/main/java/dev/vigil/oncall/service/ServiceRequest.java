package dev.vigil.oncall.service;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.Range;

/**
 * Create or replace a service. Timeouts are in minutes on the wire (null: never) and seconds in the
 * database; 30 days is the longest, which also keeps minutes * 60 far from overflowing.
 */
@Schema(
    example =
        """
        {"name": "Checkout", "description": "Payment pages and the card API", "team_id": 3,
         "escalation_policy_id": 7, "urgency_rule": "severity",
         "ack_timeout_minutes": 30, "auto_resolve_timeout_minutes": 240}""")
public record ServiceRequest(
    @NotBlank @Size(max = 255) String name,
    @Size(max = 1000) String description,
    Long teamId,
    @NotNull Long escalationPolicyId,
    @Pattern(regexp = "high|low|severity", message = "must be one of high, low, severity")
        String urgencyRule,
    @Range(min = 1, max = MAX_TIMEOUT_MINUTES) Integer ackTimeoutMinutes,
    @Range(min = 1, max = MAX_TIMEOUT_MINUTES) Integer autoResolveTimeoutMinutes) {

  public static final int MAX_TIMEOUT_MINUTES = 30 * 24 * 60;

  public String descriptionOrEmpty() {
    return description == null ? "" : description;
  }

  /** Every incident high urgency unless asked otherwise, as the schema's default says. */
  public String urgencyRuleOrDefault() {
    return urgencyRule == null ? "high" : urgencyRule;
  }

  public Integer ackTimeoutSeconds() {
    return ackTimeoutMinutes == null ? null : ackTimeoutMinutes * 60;
  }

  public Integer autoResolveTimeoutSeconds() {
    return autoResolveTimeoutMinutes == null ? null : autoResolveTimeoutMinutes * 60;
  }
}
