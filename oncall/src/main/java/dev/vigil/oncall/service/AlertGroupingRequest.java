package dev.vigil.oncall.service;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * Replace how a service groups alerts: {@code type} {@code none}, {@code time} (with {@code
 * time_window_minutes}, 1 to 1,440) or {@code content} (with {@code fields}, 1 to 10 of {@code
 * group}, {@code class}, {@code component}, {@code source}, {@code custom_details.<key>}).
 */
@Schema(
    example =
        """
        {"type": "content", "fields": ["group", "custom_details.cluster"]}""")
public record AlertGroupingRequest(String type, Integer timeWindowMinutes, List<String> fields) {

  public AlertGrouping grouping() {
    return new AlertGrouping(type, timeWindowMinutes, fields);
  }
}
