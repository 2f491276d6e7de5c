package dev.vigil.console;

import dev.vigil.incident.record.IncidentRecords.Entry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The escalation levels an incident fired, read back from its timeline: each "escalated" entry
 * names the level, the pass through the policy and whom it assigned (LevelAssignment writes it),
 * and the entry before it says what made it fire.
 */
record LevelsFired(List<Fired> levels) {

  private static final Pattern ESCALATED =
      Pattern.compile("Escalation level (\\d+) \\(pass (\\d+)\\) assigned to (.*)", Pattern.DOTALL);

  /**
   * One level fired.
   *
   * @param began when its wait for an acknowledgement began: its first page, else {@code at}
   * @param assigned the assignees as the entry names them: {@code Bob (on call for "Primary")}
   * @param cause why it fired now (null for the first level of the first pass)
   * @param waited how long after the level before it, when that one simply went unacknowledged
   */
  record Fired(
      Instant at,
      Instant began,
      int level,
      int pass,
      String assigned,
      Cause cause,
      Duration waited,
      int index) {

    boolean assigns(String name) {
      return viaSchedule(name) != null || names(name);
    }

    private boolean names(String name) {
      return name != null
          && Pattern.compile("(^|, )" + Pattern.quote(name) + "( \\(|,|$)")
              .matcher(assigned)
              .find();
    }

    /** The schedule that put this person on call for the level, or null. */
    String viaSchedule(String name) {
      if (name == null) {
        return null;
      }
      Matcher m =
          Pattern.compile("(?:^|, )" + Pattern.quote(name) + " \\(on call for \"([^\"]*)\"\\)")
              .matcher(assigned);
      return m.find() ? m.group(1) : null;
    }
  }

  /** What made a level fire: its turn came, someone escalated by hand, a reassignment, ... */
  record Cause(String kind, Entry entry) {}

  /**
   * @param pagesAt when each page fell due: a level's wait starts with its first page, which comes
   *     right as the level fires (its "escalated" entry may be written earlier: the first level's
   *     is written as the incident opens)
   */
  static LevelsFired of(List<Entry> timeline, List<Instant> pagesAt) {
    List<Entry> escalations =
        timeline.stream()
            .filter(e -> e.kind().equals("escalated") && ESCALATED.matcher(e.message()).matches())
            .toList();
    List<Fired> fired = new ArrayList<>();
    Entry lastCause = null;
    for (Entry entry : timeline) {
      switch (entry.kind()) {
        case "escalated" -> {
          Matcher m = ESCALATED.matcher(entry.message());
          if (!m.matches()) {
            continue;
          }
          Fired previous = fired.isEmpty() ? null : fired.get(fired.size() - 1);
          Cause cause = null;
          Duration waited = null;
          if (lastCause != null) {
            cause = new Cause(lastCause.kind(), lastCause);
          } else if (previous != null) {
            cause = new Cause("timeout", null);
            waited = Duration.between(previous.began(), entry.at());
          }
          int position = fired.size();
          Instant until =
              position + 1 < escalations.size() ? escalations.get(position + 1).at() : null;
          Instant began =
              pagesAt.stream()
                  .filter(at -> !at.isBefore(entry.at()) && (until == null || at.isBefore(until)))
                  .min(Instant::compareTo)
                  .orElse(entry.at());
          fired.add(
              new Fired(
                  entry.at(),
                  began,
                  Integer.parseInt(m.group(1)),
                  Integer.parseInt(m.group(2)),
                  m.group(3),
                  cause,
                  waited,
                  fired.size()));
          lastCause = null;
        }
        case "escalated_by_hand", "reassigned", "retriggered", "resumed" -> lastCause = entry;
        default -> {}
      }
    }
    return new LevelsFired(List.copyOf(fired));
  }

  /** The level whose pages these are: the last one fired at or before the page fell due. */
  Fired paging(Instant at) {
    Fired found = null;
    for (Fired level : levels) {
      if (!level.at().isAfter(at)) {
        found = level;
      }
    }
    return found;
  }

  Fired next(Fired level) {
    return level.index() + 1 < levels.size() ? levels.get(level.index() + 1) : null;
  }

  /** "5 s", "2 min", "2 min 5 s", "1 h 30 min": rounded to the second. */
  static String duration(Duration duration) {
    long seconds = Math.round(duration.toMillis() / 1000.0);
    if (seconds < 60) {
      return seconds + " s";
    }
    long minutes = seconds / 60;
    long rest = seconds % 60;
    if (minutes >= 60) {
      long hours = minutes / 60;
      return hours + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }
    return minutes + " min" + (rest == 0 ? "" : " " + rest + " s");
  }
}
