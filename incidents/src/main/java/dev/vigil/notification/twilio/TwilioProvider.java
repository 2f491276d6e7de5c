package dev.vigil.notification.twilio;

import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import dev.vigil.notification.Channel;
import dev.vigil.notification.delivery.Delivery;
import dev.vigil.notification.delivery.NotificationProvider;
import dev.vigil.notification.delivery.NotificationSettings;
import dev.vigil.notification.delivery.OutboundMessage;
import dev.vigil.notification.delivery.ProviderFailure;
import dev.vigil.notification.delivery.ProviderFailure.Kind;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * SMS and voice calls through one Twilio account, with the Twilio SDK. Status callbacks come back
 * to {@value #STATUS_PATH}; a call's key press goes to {@value #GATHER_PATH}.
 */
public final class TwilioProvider implements NotificationProvider {

  public static final String STATUS_PATH = "/webhooks/twilio/status";
  public static final String GATHER_PATH = "/webhooks/twilio/voice/gather";

  /** Call progress reported to the status callback. */
  static final List<String> CALL_EVENTS = List.of("initiated", "ringing", "answered", "completed");

  /**
   * Twilio errors about the number itself, which no other account would send to either: 21211
   * invalid 'To', 21614 not a mobile number (SMS), 21217 not a valid phone number (calls).
   */
  private static final Set<Integer> INVALID_NUMBER = Set.of(21211, 21614, 21217);

  private final NotificationSettings.Twilio account;
  private final TwilioRestClient client;
  private final String publicUrl;

  public TwilioProvider(NotificationSettings.Twilio account, String publicUrl) {
    this.account = account;
    this.publicUrl = publicUrl.replaceAll("/+$", "");
    this.client =
        new TwilioRestClient.Builder(account.accountSid(), account.authToken())
            .httpClient(
                new TwilioHttpClient(
                    account.apiBaseUrl(), account.connectTimeout(), account.readTimeout()))
            .build();
  }

  @Override
  public String name() {
    return account.name();
  }

  /** SMS always; voice needs a number to call from (a Messaging Service cannot call). */
  @Override
  public Set<Channel> channels() {
    return account.from() == null || account.from().isBlank()
        ? EnumSet.of(Channel.SMS)
        : EnumSet.of(Channel.SMS, Channel.VOICE);
  }

  @Override
  public Delivery deliver(OutboundMessage message) {
    return switch (message.channel()) {
      case SMS -> sms(message);
      case VOICE -> call(message);
      case EMAIL -> throw new IllegalArgumentException("Twilio does not send email");
    };
  }

  private Delivery sms(OutboundMessage message) {
    PhoneNumber to = new PhoneNumber(message.to());
    MessageCreator creator =
        blank(account.messagingServiceSid())
            ? Message.creator(to, new PhoneNumber(account.from()), message.body())
            : Message.creator(to, account.messagingServiceSid(), message.body());
    if (!blank(account.messagingServiceSid()) && !blank(account.from())) {
      creator.setFrom(new PhoneNumber(account.from()));
    }
    creator.setStatusCallback(URI.create(publicUrl + STATUS_PATH));
    Message sent = twilio(() -> creator.create(client));
    return new Delivery(sent.getSid(), account.accountSid(), segments(sent.getNumSegments()));
  }

  private Delivery call(OutboundMessage message) {
    String gatherUrl = publicUrl + GATHER_PATH + "?notification=" + message.notificationId();
    Call call =
        twilio(
            () ->
                Call.creator(
                        new PhoneNumber(message.to()),
                        new PhoneNumber(account.from()),
                        new Twiml(TwimlResponses.sayAndAsk(message.body(), gatherUrl)))
                    .setStatusCallback(URI.create(publicUrl + STATUS_PATH))
                    .setStatusCallbackEvent(CALL_EVENTS)
                    .setStatusCallbackMethod(HttpMethod.POST)
                    .create(client));
    return new Delivery(call.getSid(), account.accountSid(), null);
  }

  private static <T> T twilio(Supplier<T> request) {
    try {
      return request.get();
    } catch (ApiException e) {
      throw failureOf(e);
    }
  }

  /** What went wrong, in words safe for history and logs: Twilio's messages quote the number. */
  static ProviderFailure failureOf(ApiException e) {
    Integer status = e.getStatusCode();
    if (status == null) {
      return new ProviderFailure(Kind.UNAVAILABLE, ioReason(e.getCause()), e);
    }
    String reason = "HTTP " + status + (e.getCode() == null ? "" : ", Twilio error " + e.getCode());
    if (status >= 500 || status == 429) {
      return new ProviderFailure(Kind.UNAVAILABLE, reason, e);
    }
    if (e.getCode() != null && INVALID_NUMBER.contains(e.getCode())) {
      return new ProviderFailure(
          Kind.INVALID_DESTINATION, "invalid number (Twilio error " + e.getCode() + ")", e);
    }
    return new ProviderFailure(Kind.REJECTED, reason, e);
  }

  private static String ioReason(Throwable cause) {
    if (cause instanceof ConnectException) {
      return "connection refused";
    }
    if (cause instanceof InterruptedIOException) {
      return "timed out"; // read and connect timeouts alike
    }
    if (cause instanceof UnknownHostException) {
      return "unknown host";
    }
    return cause == null ? "no response" : "I/O error (" + cause.getClass().getSimpleName() + ")";
  }

  private static Integer segments(String numSegments) {
    try {
      return numSegments == null ? null : Integer.valueOf(numSegments);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  @Override
  public String toString() {
    return "TwilioProvider[" + account + "]";
  }
}
