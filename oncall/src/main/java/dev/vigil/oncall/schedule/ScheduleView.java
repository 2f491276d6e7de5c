package dev.vigil.oncall.schedule;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A schedule as the API shows it: the same shape as {@link ScheduleRequest}, so what a GET answers
 * can be PUT back. Built from what {@link StoredSchedules} loads, the values escalation uses.
 */
public record ScheduleView(
    long id,
    String name,
    String description,
    String timeZone,
    Long teamId,
    List<LayerView> layers,
    Instant createdAt) {

  public static ScheduleView of(ScheduleStore.ScheduleRow row, Schedule schedule) {
    return new ScheduleView(
        row.id(),
        row.name(),
        row.description(),
        row.timeZone(),
        row.teamId(),
        schedule.layers().stream().map(LayerView::of).toList(),
        row.createdAt());
  }

  public record LayerView(
      String name,
      Instant start,
      Instant end,
      RotationView rotation,
      List<Long> members,
      List<RestrictionView> restrictions) {

    public static LayerView of(Layer layer) {
      Rotation rotation = layer.rotation();
      return new LayerView(
          layer.name(),
          layer.start(),
          layer.end(),
          new RotationView(
              // Always with seconds ("2026-11-02T09:00:00"), as the request example writes it.
              DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(rotation.firstHandoff()),
              rotation.length(),
              ApiNames.of(rotation.unit())),
          layer.members(),
          layer.restrictions().stream().map(RestrictionView::of).toList());
    }
  }

  public record RotationView(String firstHandoff, int length, String unit) {}

  /**
   * @param startTime "09:00", with seconds only when there are some
   */
  public record RestrictionView(
      String type, String startDay, String startTime, long durationMinutes) {

    public static RestrictionView of(Restriction restriction) {
      return new RestrictionView(
          restriction.isDaily() ? "daily" : "weekly",
          restriction.isDaily() ? null : ApiNames.of(restriction.day()),
          restriction.start().toString(),
          restriction.length().toMinutes());
    }
  }

  /** A schedule in a list: without its layers. Named apart from other modules' summaries. */
  @Schema(name = "ScheduleSummary")
  public record Summary(
      long id, String name, String description, String timeZone, Long teamId, Instant createdAt) {

    public static Summary of(ScheduleStore.ScheduleRow row) {
      return new Summary(
          row.id(), row.name(), row.description(), row.timeZone(), row.teamId(), row.createdAt());
    }
  }
}
