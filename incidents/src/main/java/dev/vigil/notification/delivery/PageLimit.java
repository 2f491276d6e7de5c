package dev.vigil.notification.delivery;

import java.time.Duration;
import java.util.Locale;

/**
 * At most {@code count} messages to one person on one channel in any window of length {@code per}.
 * Written {@code 1/1m}, {@code 3/15m}, {@code 6/1h} (seconds, minutes, hours).
 */
public record PageLimit(int count, Duration per) {

  public PageLimit {
    if (count < 1) {
      throw new IllegalArgumentException("a page limit allows at least one message: " + count);
    }
    if (per.isZero() || per.isNegative()) {
      throw new IllegalArgumentException("a page limit needs a positive window: " + per);
    }
  }

  /** {@code 1/1m}, {@code 3/15m}, {@code 20/1h}, {@code 2/30s}. */
  static PageLimit parse(String text) {
    String[] parts = text.strip().split("/");
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          "a page limit is count/window, e.g. 1/1m or 3/15m: \"" + text + "\"");
    }
    int count;
    Duration per;
    try {
      count = Integer.parseInt(parts[0].strip());
      String window = parts[1].strip().toLowerCase(Locale.ROOT);
      long amount = Long.parseLong(window.substring(0, window.length() - 1));
      per =
          switch (window.charAt(window.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("unit");
          };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "a page limit is count/window with s, m or h, e.g. 1/1m or 3/15m: \"" + text + "\"", e);
    }
    return new PageLimit(count, per);
  }

  /** As the timeline says it: "1 per minute", "3 per 15 minutes", "6 per hour". */
  public String describe() {
    return count + " per " + window();
  }

  private String window() {
    long seconds = per.toSeconds();
    if (seconds % 3600 == 0) {
      return plural(seconds / 3600, "hour");
    }
    if (seconds % 60 == 0) {
      return plural(seconds / 60, "minute");
    }
    return plural(seconds, "second");
  }

  private static String plural(long amount, String unit) {
    return amount == 1 ? unit : amount + " " + unit + "s";
  }

  /** The configuration's spelling: {@code 3/15m}. */
  @Override
  public String toString() {
    long seconds = per.toSeconds();
    String window =
        seconds % 3600 == 0
            ? seconds / 3600 + "h"
            : seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    return count + "/" + window;
  }
}
