package dev.vigil.webhook.twilio;

import dev.vigil.support.AppTestBase;
import dev.vigil.testsupport.TwilioStandIn;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The app with one Twilio account whose API is a local stand-in, behind a proxy (Twilio calls the
 * public URL). Every Twilio test class extends this and declares no properties of its own, so
 * Spring's context cache boots this app once for all of them. The stand-in lives as long as the
 * cached app; each test resets it ({@link TwilioStandIn#accepts()}) and counts only its own
 * requests.
 */
abstract class TwilioAppTestBase extends AppTestBase {

  static final String ACCOUNT = "AC0000000000000000000000000000000a";
  static final String TOKEN = "auth-token-of-the-test-account";
  static final String PUBLIC_URL = "https://vigil.example.com";
  static final TwilioStandIn twilio = new TwilioStandIn();

  @DynamicPropertySource
  static void twilioAccount(DynamicPropertyRegistry registry) {
    registry.add("vigil.public-url", () -> PUBLIC_URL);
    registry.add("vigil.notifications.twilio[0].name", () -> "twilio-test");
    registry.add("vigil.notifications.twilio[0].account-sid", () -> ACCOUNT);
    registry.add("vigil.notifications.twilio[0].auth-token", () -> TOKEN);
    registry.add("vigil.notifications.twilio[0].from", () -> "+15005550006");
    registry.add("vigil.notifications.twilio[0].api-base-url", () -> twilio.baseUrl().toString());
  }
}
