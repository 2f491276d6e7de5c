package dev.vigil.schedule;

import dev.vigil.oncall.schedule.CalendarFeedRenderer;
import dev.vigil.oncall.schedule.CalendarFeeds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public side of calendar feeds. Outside {@code /api/}, so the API token filter leaves it
 * alone: calendar apps cannot send a token, and the secret in the URL is the credential.
 */
@RestController
@Tag(name = "Calendar feeds")
class CalendarController {

  static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);

  private final CalendarFeeds feeds;
  private final CalendarFeedRenderer renderer;

  CalendarController(CalendarFeeds feeds, CalendarFeedRenderer renderer) {
    this.feeds = feeds;
    this.renderer = renderer;
  }

  @GetMapping("/calendars/{secret}.ics")
  @SecurityRequirements
  @Operation(
      summary = "A calendar feed (iCalendar)",
      description =
          "No API token: the secret in the URL is the credential. On-call shifts from 7 days back"
              + " to 60 days ahead. 404 for an unknown or revoked feed.")
  ResponseEntity<String> feed(@PathVariable String secret) {
    Optional<String> calendar =
        feeds.findBySecret(secret).flatMap(feed -> renderer.render(feed, Instant.now()));
    // A bare 404, not the API's JSON error: a calendar app asking for text/calendar must get the
    // status, not a failure to write JSON as a calendar.
    return calendar
        .map(
            text ->
                ResponseEntity.ok()
                    .contentType(TEXT_CALENDAR)
                    .cacheControl(CacheControl.noCache())
                    .body(text))
        .orElseGet(() -> ResponseEntity.notFound().build());
  }
}
