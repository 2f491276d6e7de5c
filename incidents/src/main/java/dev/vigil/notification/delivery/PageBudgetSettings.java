package dev.vigil.notification.delivery;

import dev.vigil.notification.Channel;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Per-person page budgets ({@code vigil.notifications.budget.*}, decision 0019): one per channel, a
 * list of limits such as {@code 1/1m, 3/15m, 6/1h}, or {@code none}. As environment variables:
 * {@code VIGIL_NOTIFICATIONS_BUDGET_SMS}, {@code _VOICE}, {@code _EMAIL}, and {@code
 * VIGIL_NOTIFICATIONS_BUDGET_DIGESTEVERY}: how often held pages that no new page carried go out in
 * a digest ({@code 0s}: never, a test's choice).
 */
@ConfigurationProperties("vigil.notifications.budget")
public record PageBudgetSettings(String sms, String voice, String email, Duration digestEvery) {

  /** A person woken once a minute at most, three times a quarter hour, six times an hour. */
  static final String PHONE_DEFAULT = "1/1m, 3/15m, 6/1h";

  /** Mail wakes nobody and a list reads well in it: more, but still bounded. */
  static final String EMAIL_DEFAULT = "5/1m, 20/15m, 40/1h";

  static final Duration DIGEST_DEFAULT = Duration.ofSeconds(20);

  public PageBudgetSettings {
    sms = orDefault(sms, PHONE_DEFAULT);
    voice = orDefault(voice, PHONE_DEFAULT);
    email = orDefault(email, EMAIL_DEFAULT);
    digestEvery = digestEvery == null ? DIGEST_DEFAULT : digestEvery;
    for (String budget : new String[] {sms, voice, email}) {
      PageBudget.parse(budget); // refuse a wrong setting at start, not at the first page
    }
  }

  /** The defaults, for contexts that bind no properties. */
  public static PageBudgetSettings defaults() {
    return new PageBudgetSettings(null, null, null, null);
  }

  public PageBudget forChannel(Channel channel) {
    return PageBudget.parse(
        switch (channel) {
          case SMS -> sms;
          case VOICE -> voice;
          case EMAIL -> email;
        });
  }

  /** An empty setting is an unset one (deployment tools pass "no value" as an empty variable). */
  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
