package dev.vigil.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.util.Optional;

/** Parses the ISO 8601 date-times PagerDuty accepts for {@code payload.timestamp}. */
final class IsoTimestamps {

  /*
   * ISO_OFFSET_DATE_TIME alone rejects PagerDuty's own documented example
   * "2015-07-17T08:42:58.315+0000" (no colon in the offset). A lenient "+HH" offset accepts
   * "Z", "+00", "+0000" and "+00:00". An offset is still required: without one the instant is
   * ambiguous and guessing a zone would silently misplace the event. STRICT resolution rejects
   * impossible dates such as February 30 instead of rounding them to the end of the month.
   */
  private static final DateTimeFormatter FORMAT =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .parseLenient()
          .appendOffset("+HH", "Z")
          .parseStrict()
          .toFormatter()
          .withResolverStyle(ResolverStyle.STRICT);

  /**
   * The instants a timestamp may name: four-digit years, as ISO 8601 has them without agreement on
   * an expanded form. Java reads years up to ±999,999,999 and PostgreSQL stores 4713 BC to 294276
   * AD; a date outside 0001 to 9999 is a sender's bug, not an event time (docs/decisions/0017).
   */
  static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

  static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private IsoTimestamps() {}

  static Optional<Instant> parse(String text) {
    try {
      return Optional.of(FORMAT.parse(text, OffsetDateTime::from).toInstant());
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
