package dev.vigil.notification.twilio;

import static dev.vigil.testsupport.TwilioStandIn.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.notification.Channel;
import dev.vigil.notification.delivery.Delivery;
import dev.vigil.notification.delivery.NotificationSettings;
import dev.vigil.notification.delivery.OutboundMessage;
import dev.vigil.notification.delivery.ProviderFailure;
import dev.vigil.testsupport.TwilioContract;
import dev.vigil.testsupport.TwilioStandIn;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real Twilio SDK against a local stand-in of Twilio's API: the exact form fields it sends,
 * checked against Twilio's OpenAPI description, and how each kind of failure is reported.
 */
class TwilioProviderTest {

  static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
  static final String TOKEN = "secret-auth-token";
  static final String FROM = "+15005550006";
  static final String PUBLIC_URL = "https://vigil.example.com";

  static final TwilioStandIn twilio = new TwilioStandIn();

  @AfterAll
  static void stopStandIn() {
    twilio.stop();
  }

  @BeforeEach
  void reset() {
    twilio.accepts();
  }

  @Test
  void sendsAnSmsWithToFromBodyAndStatusCallback() {
    Delivery delivery = provider(twilio.baseUrl(), Duration.ofSeconds(5)).deliver(sms(42));

    LoggedRequest request = twilio.messageRequests().get(0);
    assertThat(request.getUrl()).isEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json");
    assertThat(request.getHeader("Authorization"))
        .isEqualTo(
            "Basic " + Base64.getEncoder().encodeToString((ACCOUNT + ":" + TOKEN).getBytes()));
    assertThat(form(request))
        .containsOnly(
            entry("To", List.of("+14155550100")),
            entry("From", List.of(FROM)),
            entry(
                "Body",
                List.of("Vigil #7 HIGH Checkout: Disk full on db-1 Reply 4 to ack, 6 to resolve.")),
            entry("StatusCallback", List.of(PUBLIC_URL + "/webhooks/twilio/status")));
    assertThat(twilio.contractProblems()).isEmpty();
    assertThat(delivery.providerMessageId()).startsWith("SM").hasSize(34);
    assertThat(delivery.providerAccount()).isEqualTo(ACCOUNT);
    assertThat(delivery.segments()).isEqualTo(1);
  }

  @Test
  void sendsAnSmsThroughAMessagingServiceWhenOneIsConfigured() {
    String service = "MG0123456789abcdef0123456789abcdef";
    new TwilioProvider(
            new NotificationSettings.Twilio(
                "twilio-mg", ACCOUNT, TOKEN, null, service, twilio.baseUrl(), null, null),
            PUBLIC_URL)
        .deliver(sms(42));

    Map<String, List<String>> form = form(twilio.messageRequests().get(0));
    assertThat(form)
        .containsEntry("MessagingServiceSid", List.of(service))
        .doesNotContainKey("From");
    assertThat(twilio.contractProblems()).isEmpty();
  }

  @Test
  void callsWithTwimlThatSaysTheIncidentAndGathersOneKey() {
    Delivery delivery =
        provider(twilio.baseUrl(), Duration.ofSeconds(5))
            .deliver(
                new OutboundMessage(
                    1,
                    43,
                    7,
                    Channel.VOICE,
                    "+14155550100",
                    null,
                    "This is Vigil. Incident 7, high urgency, on Checkout: Disk <full> & slow."));

    Map<String, List<String>> form = form(twilio.callRequests().get(0));
    assertThat(form)
        .containsOnlyKeys(
            "To", "From", "Twiml", "StatusCallback", "StatusCallbackEvent", "StatusCallbackMethod")
        .containsEntry("To", List.of("+14155550100"))
        .containsEntry("From", List.of(FROM))
        .containsEntry("StatusCallback", List.of(PUBLIC_URL + "/webhooks/twilio/status"))
        .containsEntry(
            "StatusCallbackEvent", List.of("initiated", "ringing", "answered", "completed"))
        .containsEntry("StatusCallbackMethod", List.of("POST"));
    assertThat(form.get("Twiml").get(0))
        .isEqualTo(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"
                + "<Say>This is Vigil. Incident 7, high urgency, on Checkout: Disk &lt;full&gt; &amp; slow.</Say>"
                + "<Gather action=\"https://vigil.example.com/webhooks/twilio/voice/gather?notification=43\""
                + " method=\"POST\" numDigits=\"1\">"
                + "<Say>Press 4 to acknowledge, 6 to resolve, star to repeat.</Say></Gather></Response>");
    assertThat(twilio.contractProblems()).isEmpty();
    assertThat(delivery.providerMessageId()).startsWith("CA").hasSize(34);
  }

  @Test
  void aBaseUrlWithAPathReachesATwilioCompatibleVendor() {
    TwilioStandIn vendor = new TwilioStandIn("/api/laml");
    try {
      provider(vendor.baseUrl(), Duration.ofSeconds(5)).deliver(sms(42));

      assertThat(vendor.messageRequests())
          .extracting(LoggedRequest::getUrl)
          .containsExactly("/api/laml/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json");
      assertThat(vendor.contractProblems()).isEmpty();
    } finally {
      vendor.stop();
    }
  }

  @Test
  void aServerErrorIsUnavailableAndTriedOnceBySdk() {
    twilio.failsWith(500, 20500, "Internal Server Error");

    assertThatThrownBy(() -> provider(twilio.baseUrl(), Duration.ofSeconds(5)).deliver(sms(42)))
        .isInstanceOfSatisfying(
            ProviderFailure.class,
            f -> {
              assertThat(f.kind()).isEqualTo(ProviderFailure.Kind.UNAVAILABLE);
              assertThat(f.reason()).isEqualTo("HTTP 500, Twilio error 20500");
            });
    // Temporal retries and fails over; the SDK's own three tries would only delay that.
    assertThat(twilio.messageRequests()).hasSize(1);
  }

  @Test
  void anInvalidNumberIsTheDestinationsFaultAndNeverQuotesIt() {
    twilio.failsWith(400, 21211, "The 'To' number +14155550100 is not a valid phone number.");

    assertThatThrownBy(() -> provider(twilio.baseUrl(), Duration.ofSeconds(5)).deliver(sms(42)))
        .isInstanceOfSatisfying(
            ProviderFailure.class,
            f -> {
              assertThat(f.kind()).isEqualTo(ProviderFailure.Kind.INVALID_DESTINATION);
              assertThat(f.reason()).isEqualTo("invalid number (Twilio error 21211)");
            });
  }

  @Test
  void badCredentialsAreARejectionWorthAnotherProvider() {
    twilio.failsWith(401, 20003, "Authenticate");

    assertThatThrownBy(() -> provider(twilio.baseUrl(), Duration.ofSeconds(5)).deliver(sms(42)))
        .isInstanceOfSatisfying(
            ProviderFailure.class,
            f -> {
              assertThat(f.kind()).isEqualTo(ProviderFailure.Kind.REJECTED);
              assertThat(f.reason()).isEqualTo("HTTP 401, Twilio error 20003");
            });
  }

  @Test
  void aSlowApiTimesOutAfterTheConfiguredReadTimeoutNotTheSdks30Seconds() {
    twilio.answersAfter(Duration.ofSeconds(3));
    long start = System.nanoTime();

    assertThatThrownBy(() -> provider(twilio.baseUrl(), Duration.ofMillis(500)).deliver(sms(42)))
        .isInstanceOfSatisfying(
            ProviderFailure.class,
            f -> {
              assertThat(f.kind()).isEqualTo(ProviderFailure.Kind.UNAVAILABLE);
              assertThat(f.reason()).isEqualTo("timed out");
            });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
  }

  @Test
  void aRefusedConnectionIsUnavailable() {
    TwilioStandIn down = new TwilioStandIn();
    down.stop();

    assertThatThrownBy(() -> provider(down.baseUrl(), Duration.ofSeconds(5)).deliver(sms(42)))
        .isInstanceOfSatisfying(
            ProviderFailure.class,
            f -> {
              assertThat(f.kind()).isEqualTo(ProviderFailure.Kind.UNAVAILABLE);
              assertThat(f.reason()).isEqualTo("connection refused");
            });
  }

  @Test
  void theContractCheckCatchesARequestTwilioWouldRefuse() {
    // Without this, a contract check that never complains would pass every test above.
    assertThat(
            TwilioContract.problems(
                "POST",
                "/2010-04-01/Accounts/" + ACCOUNT + "/Calls.json",
                "application/x-www-form-urlencoded",
                "Basic eDp5",
                "To=%2B14155550100&Twiml=%3CResponse%2F%3E"))
        .isNotEmpty()
        .anyMatch(p -> p.contains("From"));
    assertThat(
            TwilioContract.problems(
                "POST",
                "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json",
                "application/x-www-form-urlencoded",
                "Basic eDp5",
                "To=%2B14155550100&Body=hi&MessagingServiceSid=not-a-service"))
        .isNotEmpty();
  }

  @Test
  void voiceNeedsANumberToCallFrom() {
    TwilioProvider messagingOnly =
        new TwilioProvider(
            new NotificationSettings.Twilio(
                "mg",
                ACCOUNT,
                TOKEN,
                null,
                "MG0123456789abcdef0123456789abcdef",
                twilio.baseUrl(),
                null,
                null),
            PUBLIC_URL);

    assertThat(messagingOnly.channels()).containsExactly(Channel.SMS);
    assertThat(provider(twilio.baseUrl(), Duration.ofSeconds(1)).channels())
        .containsExactlyInAnyOrder(Channel.SMS, Channel.VOICE);
  }

  private static TwilioProvider provider(URI baseUrl, Duration readTimeout) {
    return new TwilioProvider(
        new NotificationSettings.Twilio(
            "twilio-test", ACCOUNT, TOKEN, FROM, null, baseUrl, Duration.ofSeconds(1), readTimeout),
        PUBLIC_URL + "/");
  }

  private static OutboundMessage sms(long notificationId) {
    return new OutboundMessage(
        1,
        notificationId,
        7,
        Channel.SMS,
        "+14155550100",
        null,
        "Vigil #7 HIGH Checkout: Disk full on db-1 Reply 4 to ack, 6 to resolve.");
  }
}
