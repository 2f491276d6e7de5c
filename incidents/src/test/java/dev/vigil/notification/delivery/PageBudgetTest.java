package dev.vigil.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.notification.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The default phone budget, 1 per minute, 3 per 15 minutes, 6 per hour, on a clock the test moves:
 * each page is let through or held as it would be at that instant, and the ones let through count
 * against the next.
 */
class PageBudgetTest {

  private static final Instant NOON = Instant.parse("2026-11-28T12:00:00Z");

  private final PageBudget budget = PageBudget.parse(PageBudgetSettings.PHONE_DEFAULT);
  private final List<Instant> admitted = new ArrayList<>();

  /** Pages at {@code at}: the limit that held it, or "sent". */
  private String page(Instant at) {
    var spent = budget.spentAt(admitted, at);
    if (spent.isEmpty()) {
      admitted.add(at);
      return "sent";
    }
    return spent.get().describe();
  }

  private static Instant noonPlus(String duration) {
    return NOON.plus(Duration.parse("PT" + duration));
  }

  @Test
  void oneMessageAMinute() {
    assertThat(page(NOON)).isEqualTo("sent");
    assertThat(page(noonPlus("1S"))).isEqualTo("1 per minute");
    assertThat(page(noonPlus("59.999S"))).isEqualTo("1 per minute");
    assertThat(page(noonPlus("60S"))).isEqualTo("sent");
  }

  @Test
  void threeMessagesAQuarterHourWhateverTheirSpacing() {
    assertThat(page(NOON)).isEqualTo("sent");
    assertThat(page(noonPlus("1M"))).isEqualTo("sent");
    assertThat(page(noonPlus("5M"))).isEqualTo("sent");
    // A minute after the last, but the fourth within 15 minutes of the first.
    assertThat(page(noonPlus("6M"))).isEqualTo("3 per 15 minutes");
    assertThat(page(noonPlus("14M59S"))).isEqualTo("3 per 15 minutes");
    // The first left the window: one more.
    assertThat(page(noonPlus("15M"))).isEqualTo("sent");
    assertThat(page(noonPlus("15M30S"))).isEqualTo("1 per minute");
  }

  @Test
  void sixMessagesAnHour() {
    for (String at : List.of("0M", "1M", "2M", "15M", "16M", "17M")) {
      assertThat(page(noonPlus(at))).as(at).isEqualTo("sent");
    }
    // Every shorter window has room again: the hour is what holds the seventh.
    assertThat(page(noonPlus("32M"))).isEqualTo("6 per hour");
    assertThat(page(noonPlus("59M59S"))).isEqualTo("6 per hour");
    assertThat(page(noonPlus("60M"))).isEqualTo("sent");
  }

  @Test
  void aStormOfAPageASecondForAnHourSendsSix() {
    int sent = 0;
    for (int second = 0; second < 3600; second++) {
      sent += page(NOON.plusSeconds(second)).equals("sent") ? 1 : 0;
    }
    assertThat(sent).isEqualTo(6);
    assertThat(admitted)
        .containsExactly(
            NOON,
            noonPlus("1M"),
            noonPlus("2M"),
            noonPlus("15M"),
            noonPlus("16M"),
            noonPlus("17M"));
  }

  @Test
  void budgetsAreWrittenAsCountsPerWindow() {
    assertThat(PageBudget.parse("5/1m, 20/15m, 40/1h").limits())
        .containsExactly(
            new PageLimit(5, Duration.ofMinutes(1)),
            new PageLimit(20, Duration.ofMinutes(15)),
            new PageLimit(40, Duration.ofHours(1)));
    assertThat(PageBudget.parse("2/30s").limits().get(0).describe()).isEqualTo("2 per 30 seconds");
    assertThat(PageBudget.parse("none").spentAt(List.of(NOON, NOON, NOON), NOON)).isEmpty();
    assertThat(PageBudget.parse("1/1m, 6/1h").horizon()).isEqualTo(Duration.ofHours(1));
    assertThatThrownBy(() -> PageBudget.parse("1 per minute")).hasMessageContaining("e.g. 1/1m");
    assertThatThrownBy(() -> PageBudget.parse("0/1m")).hasMessageContaining("at least one");
    assertThatThrownBy(() -> new PageBudgetSettings("1/1d", null, null, null))
        .hasMessageContaining("s, m or h");
  }

  @Test
  void anEmptySettingIsTheDefault() {
    PageBudgetSettings settings = new PageBudgetSettings("", " ", null, null);
    assertThat(settings.forChannel(Channel.SMS).toString()).isEqualTo("1/1m, 3/15m, 6/1h");
    assertThat(settings.forChannel(Channel.EMAIL).toString()).isEqualTo("5/1m, 20/15m, 40/1h");
    assertThat(settings.digestEvery()).isEqualTo(Duration.ofSeconds(20));
  }
}
