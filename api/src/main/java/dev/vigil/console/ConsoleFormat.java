package dev.vigil.console;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** How the console's pages write times and money ({@code ${@consoleFormat.time(...)}}). */
@Component("consoleFormat")
public class ConsoleFormat {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MONTH =
      DateTimeFormatter.ofPattern("MMMM yyyy").withZone(ZoneOffset.UTC);

  public String time(Instant at) {
    return at == null ? "" : TIME.format(at);
  }

  /** The month a period starts in: "November 2026". */
  public String period(Instant start) {
    return start == null ? "" : MONTH.format(start);
  }

  /**
   * An alert's custom details as lines to show: a JSON object's fields in order (nested values as
   * their JSON-ish text), any other value as one line without a name.
   */
  public List<Map.Entry<String, String>> details(Object customDetails) {
    if (customDetails == null) {
      return List.of();
    }
    if (customDetails instanceof Map<?, ?> fields) {
      return fields.entrySet().stream()
          .map(f -> Map.entry(String.valueOf(f.getKey()), String.valueOf(f.getValue())))
          .toList();
    }
    return List.of(Map.entry("", String.valueOf(customDetails)));
  }

  /** Whether a link from a monitor may be followed: only web addresses, never script or data. */
  public boolean followable(String href) {
    return href != null && (href.startsWith("https://") || href.startsWith("http://"));
  }

  /** Minor units in their currency's decimals: {@code 21600, USD} is "216.00 USD". */
  public String money(long minor, String currency) {
    int digits = Currency.getInstance(currency).getDefaultFractionDigits();
    return BigDecimal.valueOf(minor, Math.max(digits, 0)).toPlainString() + " " + currency;
  }
}
