package dev.vigil.webhook.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.support.HttpDriver;
import dev.vigil.testsupport.Notifications;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Twilio's delivery reports, through the whole app: an incident pages Alice by SMS (or call)
 * through the real Twilio SDK to a local stand-in of Twilio's API, then Twilio's status callback
 * arrives, signed as Twilio signs it (computed here from Twilio's documented algorithm, not with
 * the SDK the app uses). The app sits behind a proxy: Twilio calls the public URL.
 */
class TwilioStatusWebhookTest extends TwilioAppTestBase {

  static final String STATUS_URL = PUBLIC_URL + "/webhooks/twilio/status";

  private Team team;
  private Notifications notifications;

  @BeforeEach
  void pageAlice() {
    twilio.accepts();
    notifications = new Notifications(jdbc);
    team = newTeam(600);
  }

  @Test
  void aSignedReportUpdatesTheNotificationAndAFailureShowsOnTheIncident() {
    String sid = smsToAlice();

    assertThat(report(status(sid, "sent", "NumSegments", "2")).status()).isEqualTo(204);
    Notifications.Row sent = sms();
    assertThat(sent.deliveryStatus()).isEqualTo("sent");
    assertThat(sent.status()).isEqualTo("sent");
    assertThat(sent.segments()).isEqualTo(2);

    assertThat(report(status(sid, "undelivered", "ErrorCode", "30003")).status()).isEqualTo(204);
    Notifications.Row undelivered = sms();
    assertThat(undelivered.deliveryStatus()).isEqualTo("undelivered");
    assertThat(undelivered.status()).isEqualTo("failed");
    assertThat(deliveryError(undelivered)).isEqualTo("30003");
    // The responder sees it on the incident, after the page it is about.
    JsonNode incident = http().get("/api/v1/incidents/1", team.token()).json().get("incident");
    assertThat(incident.get("timeline").valueStream().map(e -> e.get("message").asString()))
        .containsSubsequence(
            "Notified Alice by sms (twilio-test)",
            "SMS to Alice failed: undelivered (Twilio error 30003)");
  }

  @Test
  void aReplayedReportHasNoSecondEffect() {
    String sid = smsToAlice();
    Map<String, String> failed = status(sid, "failed", "ErrorCode", "30008");

    assertThat(report(failed).status()).isEqualTo(204);
    String firstChange = deliveryUpdatedAt();
    assertThat(report(failed).status()).isEqualTo(204);
    // A late, out-of-order report moves nothing backwards either.
    assertThat(report(status(sid, "sent")).status()).isEqualTo(204);

    assertThat(deliveryUpdatedAt()).isEqualTo(firstChange);
    assertThat(sms().deliveryStatus()).isEqualTo("failed");
    assertThat(undeliveredEntries()).isEqualTo(1);
  }

  @Test
  void aTamperedBodyIsRefusedAndChangesNothing() {
    String sid = smsToAlice();
    Map<String, String> signed = status(sid, "delivered");
    String signature = sign(STATUS_URL, signed, TOKEN);
    Map<String, String> tampered = new LinkedHashMap<>(signed);
    tampered.put("MessageStatus", "undelivered");

    HttpDriver.Response response =
        http()
            .postForm("/webhooks/twilio/status", encode(tampered), "X-Twilio-Signature", signature);

    assertThat(response.status()).isEqualTo(403);
    assertUnchanged();
  }

  @Test
  void aMissingSignatureIsRefusedAndChangesNothing() {
    String sid = smsToAlice();

    HttpDriver.Response response =
        http().postForm("/webhooks/twilio/status", encode(status(sid, "undelivered")));

    assertThat(response.status()).isEqualTo(403);
    assertUnchanged();
  }

  @Test
  void aSignatureForAnotherUrlIsRefused() {
    String sid = smsToAlice();
    Map<String, String> form = status(sid, "undelivered");
    // Signed for the address this server has behind the proxy, not the one Twilio was given.
    String signature = sign("http://127.0.0.1:" + port + "/webhooks/twilio/status", form, TOKEN);

    HttpDriver.Response response =
        http().postForm("/webhooks/twilio/status", encode(form), "X-Twilio-Signature", signature);

    assertThat(response.status()).isEqualTo(403);
    assertUnchanged();
  }

  @Test
  void aSignatureWithAnotherAccountsTokenIsRefused() {
    String sid = smsToAlice();
    Map<String, String> form = status(sid, "undelivered");

    HttpDriver.Response response =
        http()
            .postForm(
                "/webhooks/twilio/status",
                encode(form),
                "X-Twilio-Signature",
                sign(STATUS_URL, form, "someone-elses-token"));

    assertThat(response.status()).isEqualTo(403);
    assertUnchanged();
  }

  @Test
  void aCompletedCallRecordsItsDurationForBilling() {
    long alice = idOfUser(team, team.aliceEmail());
    long phone =
        jdbc.sql("select id from contact_methods where user_id = ? and kind = 'phone'")
            .param(alice)
            .query(Long.class)
            .single();
    setup.addNotificationRule(team.accountId(), alice, "high", phone, "voice", 0);
    sendTrigger(team.routingKey(), "disk-full", "Disk full on db-1");
    Notifications.Row call =
        notifications.await(team.accountId(), "voice", Notifications.Row::sent);

    Map<String, String> completed = new LinkedHashMap<>();
    completed.put("AccountSid", ACCOUNT);
    completed.put("CallSid", call.providerMessageId());
    completed.put("CallStatus", "completed");
    completed.put("CallDuration", "42");
    completed.put("Direction", "outbound-api");
    assertThat(report(completed).status()).isEqualTo(204);

    Notifications.Row after =
        notifications.of(team.accountId()).stream()
            .filter(r -> r.channel().equals("voice"))
            .findFirst()
            .orElseThrow();
    assertThat(after.status()).isEqualTo("delivered");
    assertThat(after.callDurationSeconds()).isEqualTo(42);
    assertThat(twilio.callRequests()).hasSize(1);
  }

  /** Triggers an incident and returns the Message SID of the SMS it sent Alice. */
  private String smsToAlice() {
    assertThat(sendTrigger(team.routingKey(), "disk-full", "Disk full on db-1").status())
        .isEqualTo(202);
    return notifications
        .await(team.accountId(), "sms", Notifications.Row::sent)
        .providerMessageId();
  }

  private Notifications.Row sms() {
    return notifications.of(team.accountId()).stream()
        .filter(r -> r.channel().equals("sms"))
        .findFirst()
        .orElseThrow();
  }

  private void assertUnchanged() {
    Notifications.Row row = sms();
    assertThat(row.status()).isEqualTo("sent");
    assertThat(row.deliveryStatus()).isNull();
    assertThat(undeliveredEntries()).isZero();
  }

  private int undeliveredEntries() {
    return jdbc.sql(
            "select count(*) from incident_log_entries where account_id = ? and kind = 'notification_undelivered'")
        .param(team.accountId())
        .query(Integer.class)
        .single();
  }

  private String deliveryUpdatedAt() {
    return jdbc.sql(
            "select delivery_updated_at::text from notifications where account_id = ? and channel = 'sms'")
        .param(team.accountId())
        .query(String.class)
        .single();
  }

  private String deliveryError(Notifications.Row row) {
    return jdbc.sql("select delivery_error from notifications where id = ?")
        .param(row.id())
        .query(String.class)
        .single();
  }

  /** A message status callback as Twilio sends it, with extra fields (name, value, ...). */
  private static Map<String, String> status(String sid, String status, String... extra) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("AccountSid", ACCOUNT);
    form.put("ApiVersion", "2010-04-01");
    form.put("From", "+15005550006");
    form.put("To", "+14155550100");
    form.put("MessageSid", sid);
    form.put("MessageStatus", status);
    form.put("SmsSid", sid);
    form.put("SmsStatus", status);
    for (int i = 0; i < extra.length; i += 2) {
      form.put(extra[i], extra[i + 1]);
    }
    return form;
  }

  private HttpDriver.Response report(Map<String, String> form) {
    HttpDriver.Response response =
        http()
            .postForm(
                "/webhooks/twilio/status",
                encode(form),
                "X-Twilio-Signature",
                sign(STATUS_URL, form, TOKEN));
    return response;
  }

  /** Base64(HMAC-SHA1(token, URL + each parameter's name and value, sorted by name)). */
  static String sign(String url, Map<String, String> form, String token) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String encode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
