package dev.vigil.console;

import dev.vigil.console.LevelsFired.Fired;
import dev.vigil.incident.record.IncidentRecords.Entry;
import dev.vigil.incident.record.IncidentRecords.Page;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An incident's history as support staff read it to a customer: one sentence a line, in order,
 * times in the reader's time zone. Built from what Vigil recorded: the timeline, and each page with
 * its provider's reports (which replace the timeline's shorter "notified" lines).
 */
final class PlainHistory {

  /** Timeline entries the pages themselves tell better. */
  private static final Set<String> TOLD_BY_PAGES =
      Set.of("notified", "notification_held", "notification_cancelled");

  /** How people read the channel a responder acted through. */
  private static final Map<String, String> VIA =
      Map.of(
          "SMS", "SMS reply",
          "phone call", "a key pressed on the call",
          "email link", "the link in the page email",
          "console", "the console",
          "REST API", "the REST API",
          "Events API", "the monitoring integration (Events API)");

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy");

  /**
   * One line.
   *
   * @param day the date, on the first line and on each line that starts a new day; else null
   */
  record Line(String day, String time, String sentence, String kind) {}

  private final ZoneId zone;

  PlainHistory(ZoneId zone) {
    this.zone = zone;
  }

  String time(Instant at) {
    return at == null ? "" : TIME.format(at.atZone(zone));
  }

  /**
   * The wait still running: the level that paged last waits this long (the policy's delay for it)
   * before the next one.
   */
  record Pending(java.time.Duration delay, int nextLevel) {}

  List<Line> lines(List<Entry> timeline, List<Page> pages) {
    return lines(timeline, pages, null);
  }

  /**
   * @param pending the incident's current wait, when it is still triggered and a level is next
   */
  List<Line> lines(List<Entry> timeline, List<Page> pages, Pending pending) {
    List<Told> told = new ArrayList<>();
    LevelsFired levels = LevelsFired.of(timeline, pages.stream().map(Page::at).toList());
    for (Entry entry : timeline) {
      if (!TOLD_BY_PAGES.contains(entry.kind())) {
        told.add(new Told(entry.at(), told.size(), entry.kind(), sentence(entry, levels)));
      }
    }
    for (Page page : pages) {
      told.add(new Told(page.at(), told.size(), "page_" + page.status(), sentence(page)));
    }
    told.sort(Comparator.comparing(Told::at).thenComparing(Told::order));
    addWaits(told, levels, pages);
    if (pending != null && !levels.levels().isEmpty() && !told.isEmpty()) {
      Fired last = levels.levels().get(levels.levels().size() - 1);
      Told latest = told.get(told.size() - 1);
      if (latest.at().isBefore(last.began())) {
        latest = new Told(last.began(), latest.order(), latest.kind(), latest.sentence());
      }
      told.add(
          new Told(
              latest.at(),
              latest.order() + 1,
              "waiting",
              "Waiting "
                  + LevelsFired.duration(pending.delay())
                  + " for an acknowledgement (until "
                  + time(last.began().plus(pending.delay()))
                  + "), then level "
                  + pending.nextLevel()
                  + ", as the policy now stands"));
    }
    List<Line> lines = new ArrayList<>();
    LocalDate day = null;
    for (Told t : told) {
      LocalDate today = t.at().atZone(zone).toLocalDate();
      lines.add(
          new Line(
              today.equals(day) ? null : DAY.format(today), time(t.at()), t.sentence(), t.kind()));
      day = today;
    }
    return lines;
  }

  private record Told(Instant at, int order, String kind, String sentence) {}

  /**
   * After a level's last line before the next level fired on its own: the wait for an
   * acknowledgement that ended without one.
   */
  private void addWaits(List<Told> told, LevelsFired levels, List<Page> pages) {
    for (Fired level : levels.levels()) {
      Fired next = levels.next(level);
      if (next == null || next.waited() == null) {
        continue;
      }
      int after = -1;
      for (int i = 0; i < told.size(); i++) {
        if (!told.get(i).at().isBefore(level.at()) && told.get(i).at().isBefore(next.at())) {
          after = i;
        }
      }
      if (after < 0) {
        continue;
      }
      Instant at = told.get(after).at();
      told.add(
          after + 1,
          new Told(
              at,
              told.get(after).order(),
              "waiting",
              "Waiting "
                  + LevelsFired.duration(next.waited())
                  + " for an acknowledgement (until "
                  + time(next.at())
                  + "), then level "
                  + next.level()));
    }
  }

  private String sentence(Entry entry, LevelsFired levels) {
    return switch (entry.kind()) {
      case "escalated" -> escalated(entry, levels);
      case "acknowledged", "resolved", "retriggered" -> statusChange(entry);
      case "note" -> "Note by " + by(entry) + ": " + entry.message();
      default ->
          entry.byName() == null || entry.message().contains(entry.byName())
              ? entry.message()
              : entry.message() + " (by " + by(entry) + ")";
    };
  }

  private String escalated(Entry entry, LevelsFired levels) {
    Fired level = levels.paging(entry.at());
    if (level == null || !level.at().equals(entry.at())) {
      return entry.message();
    }
    String who = "assigned to " + level.assigned();
    String pass = level.pass() > 1 ? " (pass " + level.pass() + " through the policy)" : "";
    if (level.cause() == null) {
      return "Level " + level.level() + pass + " of the escalation policy " + who;
    }
    String why =
        switch (level.cause().kind()) {
          case "timeout" ->
              "no acknowledgement "
                  + LevelsFired.duration(level.waited())
                  + " after level "
                  + levels.levels().get(level.index() - 1).level();
          case "escalated_by_hand" -> "escalated by hand";
          case "reassigned" -> "the incident was reassigned";
          case "retriggered" -> "paging started again from the first level";
          case "resumed" -> "the incident was resumed";
          default -> level.cause().kind();
        };
    String verb = level.level() == 1 ? "Back to level 1" : "Escalated to level " + level.level();
    return verb + pass + " (" + why + "): " + who;
  }

  private String statusChange(Entry entry) {
    if (entry.byName() == null) {
      return entry.message();
    }
    String verb =
        switch (entry.kind()) {
          case "acknowledged" -> "Acknowledged";
          case "resolved" -> "Resolved";
          default -> "Triggered again";
        };
    if ("Vigil".equals(entry.byName())) {
      return verb + " by Vigil (" + entry.via() + ")";
    }
    return verb + " by " + by(entry);
  }

  private static String by(Entry entry) {
    if (entry.byName() == null) {
      return "Vigil";
    }
    return entry.via() == null
        ? entry.byName()
        : entry.byName() + " via " + VIA.getOrDefault(entry.via(), entry.via());
  }

  /** "SMS to Alice's mobile (…0123) via twilio-1, delivered 03:12:09". */
  String sentence(Page page) {
    String to =
        channel(page.channel())
            + " to "
            + (page.userName() == null ? "a former user" : page.userName())
            + "'s "
            + contact(page)
            + " ("
            + masked(page.channel(), page.destination())
            + ")";
    return switch (page.status()) {
      case "held" ->
          to
              + " held by the page budget ("
              + page.heldBy()
              + ")"
              + (page.carriedAt() != null
                  ? "; it went out with a later message at " + time(page.carriedAt())
                  : page.releasedAt() != null
                      ? "; dropped at "
                          + time(page.releasedAt())
                          + ", as the incident was no longer triggered"
                      : "; still waiting for the budget");
      case "cancelled" -> to + " not sent: the incident was acknowledged or resolved first";
      default -> to + " via " + page.provider() + ", " + outcome(page);
    };
  }

  private String outcome(Page page) {
    String delivery = page.deliveryStatus();
    if ("failed".equals(page.status())) {
      String why =
          page.deliveryError() != null
              ? (delivery == null ? "" : delivery + ", ") + "provider error " + page.deliveryError()
              : page.failure() != null ? page.failure() : delivery;
      return "failed" + (why == null ? "" : ": " + why);
    }
    if ("delivered".equals(page.status()) || "delivered".equals(delivery)) {
      Instant when = page.deliveryUpdatedAt() != null ? page.deliveryUpdatedAt() : page.sentAt();
      return "delivered " + time(when);
    }
    if (page.sentAt() != null) {
      String sent = "sent " + time(page.sentAt());
      return delivery == null ? sent : sent + " (the provider says " + delivery + ")";
    }
    return page.failure() == null
        ? "being sent"
        : "not sent yet (last attempt: " + page.failure() + ")";
  }

  private static String channel(String channel) {
    return switch (channel) {
      case "sms" -> "SMS";
      case "voice" -> "Voice call";
      default -> "Email";
    };
  }

  private static String contact(Page page) {
    String label = page.contactLabel();
    if (label != null && !label.isBlank() && !label.equalsIgnoreCase("default")) {
      return label;
    }
    return "email".equals(page.channel()) ? "email" : "phone";
  }

  /**
   * A phone number shows only its last four digits ("…0123"); an e-mail address its first letter
   * and its domain ("a…@example.com").
   */
  static String masked(String channel, String destination) {
    if (destination == null || destination.isBlank()) {
      return "…";
    }
    if ("email".equals(channel)) {
      int at = destination.indexOf('@');
      return at <= 0 ? "…" : destination.charAt(0) + "…" + destination.substring(at);
    }
    String digits = destination.replaceAll("\\D", "");
    return "…" + digits.substring(Math.max(0, digits.length() - 4));
  }
}
