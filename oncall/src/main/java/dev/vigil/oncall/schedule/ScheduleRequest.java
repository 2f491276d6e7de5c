package dev.vigil.oncall.schedule;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.time.Instant;
import java.util.List;

/**
 * Create or replace a schedule, layers included. Not bean-validated: {@link ScheduleDefinition}
 * checks everything at once (the engine's rules included), so one 400 names every field at fault.
 * Local times are strings parsed there strictly: Jackson would read "2026-11-02T09:00:00Z" as a
 * local 09:00 and drop the Z, silently moving a handoff meant in UTC into the schedule's zone.
 */
@Schema(
    example =
        """
        {"name": "Payments primary", "description": "Weekly rotation; Dana covers business hours",
         "time_zone": "America/New_York", "team_id": null,
         "layers": [
           {"name": "Weekly rotation", "start": "2026-10-01T00:00:00Z", "end": null,
            "rotation": {"first_handoff": "2026-11-02T09:00:00", "length": 1, "unit": "weeks"},
            "members": [11, 12, 13], "restrictions": []},
           {"name": "Business hours", "start": "2026-10-01T00:00:00Z", "end": null,
            "rotation": {"first_handoff": "2026-11-02T09:00:00", "length": 1, "unit": "weeks"},
            "members": [14],
            "restrictions": [
              {"type": "weekly", "start_day": "monday", "start_time": "09:00", "duration_minutes": 480},
              {"type": "weekly", "start_day": "tuesday", "start_time": "09:00", "duration_minutes": 480}]}]}""")
public record ScheduleRequest(
    @Schema(requiredMode = RequiredMode.REQUIRED, maxLength = 255) String name,
    @Schema(maxLength = 1000) String description,
    @Schema(
            requiredMode = RequiredMode.REQUIRED,
            description = "IANA zone; handoffs and restriction windows are local times in it",
            example = "America/New_York")
        String timeZone,
    @Schema(nullable = true, description = "The owning team, if any") Long teamId,
    @Schema(
            requiredMode = RequiredMode.REQUIRED,
            description = "Lowest first: a higher layer wins wherever it has someone on call")
        List<LayerRequest> layers) {

  /**
   * @param end exclusive; null means forever
   */
  public record LayerRequest(
      @Schema(requiredMode = RequiredMode.REQUIRED) String name,
      @Schema(requiredMode = RequiredMode.REQUIRED, example = "2026-10-01T00:00:00Z") Instant start,
      @Schema(nullable = true, description = "Exclusive; null means forever") Instant end,
      @Schema(requiredMode = RequiredMode.REQUIRED) RotationRequest rotation,
      @Schema(
              requiredMode = RequiredMode.REQUIRED,
              description = "User ids in turn order; a user may appear more than once")
          List<Long> members,
      @Schema(description = "Windows the layer covers; none means always")
          List<RestrictionRequest> restrictions) {}

  public record RotationRequest(
      @Schema(
              requiredMode = RequiredMode.REQUIRED,
              description =
                  "Local date-time of a handoff in the schedule's zone, without offset; days and"
                      + " weeks keep its time of day across daylight-saving changes",
              example = "2026-11-02T09:00:00")
          String firstHandoff,
      @Schema(requiredMode = RequiredMode.REQUIRED, minimum = "1") Integer length,
      @Schema(
              requiredMode = RequiredMode.REQUIRED,
              allowableValues = {"hours", "days", "weeks"})
          String unit) {}

  public record RestrictionRequest(
      @Schema(
              requiredMode = RequiredMode.REQUIRED,
              allowableValues = {"daily", "weekly"})
          String type,
      @Schema(
              description = "Weekly windows only",
              allowableValues = {
                "monday",
                "tuesday",
                "wednesday",
                "thursday",
                "friday",
                "saturday",
                "sunday"
              })
          String startDay,
      @Schema(
              requiredMode = RequiredMode.REQUIRED,
              description = "Local time in the schedule's zone",
              example = "09:00")
          String startTime,
      @Schema(
              requiredMode = RequiredMode.REQUIRED,
              description = "At most 1440 for daily windows, 10080 for weekly ones",
              example = "480")
          Integer durationMinutes) {}
}
