package dev.vigil.schedule;

import dev.vigil.auth.ApiCaller;
import dev.vigil.oncall.schedule.CalendarFeeds;
import dev.vigil.oncall.schedule.ScheduleStore;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Creating, listing and revoking the iCalendar feeds of a schedule or of a user. */
@RestController
@Tag(
    name = "Calendar feeds",
    description =
        "Subscribe to on-call shifts from a calendar app. The URL carries the feed's secret and is"
            + " shown once; revoke a feed to stop it.")
class CalendarFeedController {

  private static final Logger log = LoggerFactory.getLogger(CalendarFeedController.class);

  private final CalendarFeeds feeds;
  private final ScheduleStore store;
  private final String publicUrl;

  CalendarFeedController(
      CalendarFeeds feeds, ScheduleStore store, @Value("${vigil.public-url}") String publicUrl) {
    this.feeds = feeds;
    this.store = store;
    this.publicUrl = publicUrl.replaceAll("/+$", "");
  }

  /**
   * @param url only in the answer to creating the feed: the secret is not stored, only its hash
   */
  record CalendarFeedView(long id, Long scheduleId, Long userId, String url, Instant createdAt) {

    static CalendarFeedView of(CalendarFeeds.Feed feed, String url) {
      return new CalendarFeedView(
          feed.id(), feed.scheduleId(), feed.userId(), url, feed.createdAt());
    }
  }

  @PostMapping("/api/v1/schedules/{scheduleId}/calendar_feeds")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Create a schedule's calendar feed",
      description = "All its shifts. The answer's url is the only time the secret is shown.")
  Map<String, CalendarFeedView> createForSchedule(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long scheduleId) {
    requireSchedule(caller, scheduleId);
    return create(caller, CalendarFeeds.Owner.schedule(scheduleId));
  }

  @GetMapping("/api/v1/schedules/{scheduleId}/calendar_feeds")
  @Operation(summary = "List a schedule's calendar feeds", description = "Without their URLs.")
  Map<String, List<CalendarFeedView>> listForSchedule(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long scheduleId) {
    requireSchedule(caller, scheduleId);
    return list(caller, CalendarFeeds.Owner.schedule(scheduleId));
  }

  @DeleteMapping("/api/v1/schedules/{scheduleId}/calendar_feeds/{feedId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Revoke a schedule's calendar feed", description = "Its URL answers 404.")
  void deleteForSchedule(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long scheduleId,
      @PathVariable long feedId) {
    requireSchedule(caller, scheduleId);
    delete(caller, CalendarFeeds.Owner.schedule(scheduleId), feedId);
  }

  @PostMapping("/api/v1/users/{userId}/calendar_feeds")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Create a user's calendar feed",
      description =
          "The user's shifts on every schedule. The answer's url is the only time the secret is"
              + " shown.")
  Map<String, CalendarFeedView> createForUser(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long userId) {
    requireUser(caller, userId);
    return create(caller, CalendarFeeds.Owner.user(userId));
  }

  @GetMapping("/api/v1/users/{userId}/calendar_feeds")
  @Operation(summary = "List a user's calendar feeds", description = "Without their URLs.")
  Map<String, List<CalendarFeedView>> listForUser(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long userId) {
    requireUser(caller, userId);
    return list(caller, CalendarFeeds.Owner.user(userId));
  }

  @DeleteMapping("/api/v1/users/{userId}/calendar_feeds/{feedId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Revoke a user's calendar feed", description = "Its URL answers 404.")
  void deleteForUser(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long userId,
      @PathVariable long feedId) {
    requireUser(caller, userId);
    delete(caller, CalendarFeeds.Owner.user(userId), feedId);
  }

  private Map<String, CalendarFeedView> create(ApiCaller caller, CalendarFeeds.Owner owner) {
    CalendarFeeds.Created created = feeds.create(caller.accountId(), owner);
    // Never the secret or the URL: logs outlive the moment the URL is handed over.
    log.info(
        "Calendar feed {} created for {} in account {} by token {}",
        created.feed().id(),
        owner,
        caller.accountId(),
        caller.tokenId());
    String url = publicUrl + "/calendars/" + created.secret() + ".ics";
    return Map.of("calendar_feed", CalendarFeedView.of(created.feed(), url));
  }

  private Map<String, List<CalendarFeedView>> list(ApiCaller caller, CalendarFeeds.Owner owner) {
    return Map.of(
        "calendar_feeds",
        feeds.list(caller.accountId(), owner).stream()
            .map(feed -> CalendarFeedView.of(feed, null))
            .toList());
  }

  private void delete(ApiCaller caller, CalendarFeeds.Owner owner, long feedId) {
    if (!feeds.delete(caller.accountId(), owner, feedId)) {
      throw ApiException.notFound("Calendar feed " + feedId);
    }
    log.info(
        "Calendar feed {} of {} revoked in account {} by token {}",
        feedId,
        owner,
        caller.accountId(),
        caller.tokenId());
  }

  private void requireSchedule(ApiCaller caller, long scheduleId) {
    store
        .find(caller.accountId(), scheduleId)
        .orElseThrow(() -> ScheduleController.notFound(scheduleId));
  }

  private void requireUser(ApiCaller caller, long userId) {
    if (store.usersAmong(caller.accountId(), List.of(userId)).isEmpty()) {
      throw ApiException.notFound("User " + userId);
    }
  }
}
