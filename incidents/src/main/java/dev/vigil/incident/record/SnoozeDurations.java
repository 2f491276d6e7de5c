package dev.vigil.incident.record;

/** A snooze's length as the timeline says it: "45 minutes", "2 hours", "1 day 6 hours". */
final class SnoozeDurations {

  private SnoozeDurations() {}

  static String describe(int minutes) {
    int days = minutes / (24 * 60);
    int hours = minutes % (24 * 60) / 60;
    int rest = minutes % 60;
    StringBuilder text = new StringBuilder();
    append(text, days, "day");
    append(text, hours, "hour");
    append(text, rest, "minute");
    return text.toString();
  }

  private static void append(StringBuilder text, int count, String unit) {
    if (count == 0) {
      return;
    }
    if (!text.isEmpty()) {
      text.append(' ');
    }
    text.append(count).append(' ').append(unit).append(count == 1 ? "" : "s");
  }
}
