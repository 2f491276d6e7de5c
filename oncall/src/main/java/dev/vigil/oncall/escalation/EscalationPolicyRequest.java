package dev.vigil.oncall.escalation;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.hibernate.validator.constraints.Range;

/**
 * Create or replace a whole escalation policy. Levels are given in the order they fire; the API
 * speaks minutes like PagerDuty's, the database keeps seconds.
 *
 * <p>At most 20 levels of 20 targets: far beyond any real policy, and it bounds what one request
 * writes.
 */
@Schema(
    example =
        """
        {"name": "Payments primary", "description": "Page the on-call, then the lead",
         "team_id": 3, "repeat_count": 1,
         "levels": [
           {"delay_minutes": 10, "targets": [{"type": "schedule", "id": 4}]},
           {"delay_minutes": 15, "targets": [{"type": "user", "id": 12}, {"type": "user", "id": 13}]}]}""")
public record EscalationPolicyRequest(
    @NotBlank @Size(max = 255) String name,
    @Size(max = 1000) String description,
    Long teamId,
    @Range(min = 0, max = 9) Integer repeatCount,
    @NotEmpty @Size(max = 20, message = "must have at most 20 levels")
        List<@NotNull @Valid LevelRequest> levels) {

  /** The policy as the module stores it: seconds, typed targets. */
  public PolicyDefinition definition() {
    return new PolicyDefinition(
        name,
        descriptionOrEmpty(),
        teamId,
        repeatCountOrZero(),
        levels.stream().map(LevelRequest::level).toList());
  }

  public String descriptionOrEmpty() {
    return description == null ? "" : description;
  }

  public int repeatCountOrZero() {
    return repeatCount == null ? 0 : repeatCount;
  }

  /** One level: whom to page, and how long to wait for an acknowledgement before the next. */
  public record LevelRequest(
      @NotNull @Range(min = 1, max = 1440) Integer delayMinutes,
      @NotEmpty @Size(max = 20, message = "must have at most 20 targets")
          List<@NotNull @Valid TargetRequest> targets) {

    public int delaySeconds() {
      return delayMinutes * 60;
    }

    PolicyDefinition.Level level() {
      return new PolicyDefinition.Level(
          delaySeconds(), targets.stream().map(TargetRequest::target).toList());
    }
  }

  /** A user, or a schedule whose on-call user is paged when the level fires. */
  public record TargetRequest(
      @NotNull @Pattern(regexp = "user|schedule", message = "must be one of user, schedule")
          String type,
      @NotNull Long id) {

    // Not a bean getter: the wire has "type", and a getter would add a "user" property to it.
    private boolean namesAUser() {
      return "user".equals(type);
    }

    PolicyTarget target() {
      return namesAUser() ? PolicyTarget.user(id) : PolicyTarget.schedule(id);
    }
  }
}
