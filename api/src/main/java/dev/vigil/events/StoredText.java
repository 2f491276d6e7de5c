package dev.vigil.events;

/**
 * Text as PostgreSQL can store it. PostgreSQL's {@code text} refuses the NUL character and {@code
 * jsonb} refuses {@code \u0000}; an unpaired UTF-16 surrogate (JSON allows {@code "\ud800"}) has no
 * UTF-8 encoding at all. In free text both become U+FFFD, the replacement character, so an alert
 * that carries one still lands and shows where something was lost (docs/decisions/0017).
 */
final class StoredText {

  static final char REPLACEMENT = '\uFFFD';

  private StoredText() {}

  static boolean isStorable(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (badAt(value, i)) {
        return false;
      }
      if (Character.isHighSurrogate(value.charAt(i))) {
        i++; // the low half of a valid pair
      }
    }
    return true;
  }

  /** The value with every NUL and unpaired surrogate replaced; the same instance when none. */
  static String of(String value) {
    if (isStorable(value)) {
      return value;
    }
    StringBuilder repaired = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (badAt(value, i)) {
        repaired.append(REPLACEMENT);
      } else if (Character.isHighSurrogate(c)) {
        repaired.append(c).append(value.charAt(++i));
      } else {
        repaired.append(c);
      }
    }
    return repaired.toString();
  }

  /** A NUL, or a surrogate that is not half of a pair. */
  private static boolean badAt(String value, int i) {
    char c = value.charAt(i);
    if (c == '\u0000') {
      return true;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1));
    }
    return Character.isLowSurrogate(c);
  }
}
