package dev.vigil.oncall.service;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a service groups alerts into incidents (docs/decisions/0041), as PagerDuty offers it: {@code
 * none} (only the incident's dedup key joins it), {@code time} (alerts within {@code
 * time_window_minutes} of the group's first alert join its incident) or {@code content} (alerts
 * with the same values of {@code fields} join the incident open with those values).
 *
 * @param fields {@code group}, {@code class}, {@code component}, {@code source}, or {@code
 *     custom_details.<key>}; for {@code content} only
 */
@Schema(
    example =
        """
        {"type": "content", "time_window_minutes": null,
         "fields": ["group", "custom_details.cluster"]}""")
public record AlertGrouping(
    String type,
    @Schema(nullable = true, description = "Time grouping only") Integer timeWindowMinutes,
    @Schema(nullable = true, description = "Content grouping only") List<String> fields) {

  public static final String NONE = "none";
  public static final String TIME = "time";
  public static final String CONTENT = "content";

  public static final AlertGrouping OFF = new AlertGrouping(NONE, null, null);

  /** The event fields content grouping compares, besides {@code custom_details.<key>}. */
  public static final Set<String> PAYLOAD_FIELDS = Set.of("group", "class", "component", "source");

  public static final String CUSTOM_DETAILS = "custom_details.";

  private static final Pattern DETAIL_KEY = Pattern.compile("[^\\s]{1,100}");

  /** At most a day: a window longer than that is an incident nobody resolves. */
  public static final int MAX_WINDOW_MINUTES = 24 * 60;

  public static final int MAX_FIELDS = 10;

  /** Every fault, each naming its field; empty when the grouping is valid. */
  public List<String> problems() {
    List<String> errors = new ArrayList<>();
    if (type == null || !Set.of(NONE, TIME, CONTENT).contains(type)) {
      errors.add("'type' must be one of none, time, content");
      return errors;
    }
    if (type.equals(TIME)) {
      if (timeWindowMinutes == null) {
        errors.add("'time_window_minutes' is required for time grouping");
      } else if (timeWindowMinutes < 1 || timeWindowMinutes > MAX_WINDOW_MINUTES) {
        errors.add("'time_window_minutes' must be between 1 and " + MAX_WINDOW_MINUTES);
      }
    } else if (timeWindowMinutes != null) {
      errors.add("'time_window_minutes' is only for time grouping");
    }
    if (type.equals(CONTENT)) {
      if (fields == null || fields.isEmpty()) {
        errors.add("'fields' must name at least one field for content grouping");
      } else if (fields.size() > MAX_FIELDS) {
        errors.add("'fields' must have at most " + MAX_FIELDS + " entries");
      } else {
        for (int i = 0; i < fields.size(); i++) {
          if (!validField(fields.get(i))) {
            errors.add(
                "'fields["
                    + i
                    + "]' must be one of group, class, component, source, custom_details.<key>");
          }
        }
        if (fields.stream().distinct().count() < fields.size()) {
          errors.add("'fields' must not repeat a field");
        }
      }
    } else if (fields != null && !fields.isEmpty()) {
      errors.add("'fields' is only for content grouping");
    }
    return errors;
  }

  private static boolean validField(String field) {
    if (field == null) {
      return false;
    }
    return PAYLOAD_FIELDS.contains(field)
        || (field.startsWith(CUSTOM_DETAILS)
            && DETAIL_KEY.matcher(field.substring(CUSTOM_DETAILS.length())).matches());
  }

  /** Null for other types. */
  public Integer windowSeconds() {
    return timeWindowMinutes == null ? null : timeWindowMinutes * 60;
  }
}
