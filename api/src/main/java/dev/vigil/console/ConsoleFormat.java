package dev.vigil.console;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
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

  /** Minor units in their currency's decimals: {@code 21600, USD} is "216.00 USD". */
  public String money(long minor, String currency) {
    int digits = Currency.getInstance(currency).getDefaultFractionDigits();
    return BigDecimal.valueOf(minor, Math.max(digits, 0)).toPlainString() + " " + currency;
  }
}
