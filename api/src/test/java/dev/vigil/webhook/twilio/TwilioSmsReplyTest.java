package dev.vigil.webhook.twilio;

import static dev.vigil.webhook.twilio.TwilioStatusWebhookTest.sign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.support.HttpDriver;
import dev.vigil.testsupport.Notifications;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replies to an SMS page, through the whole app: an incident pages Alice by SMS through the real
 * Twilio SDK to a local stand-in of Twilio's API, then her reply arrives on the incoming message
 * webhook, signed as Twilio signs it (computed in the test from Twilio's documented algorithm).
 */
class TwilioSmsReplyTest extends TwilioAppTestBase {

  static final String SMS_URL = PUBLIC_URL + "/webhooks/twilio/sms";
  static final String ALICE_PHONE = "+14155550100";

  private Team team;

  @BeforeEach
  void pageAlice() {
    twilio.accepts();
    team = newTeam(600);
    assertThat(sendTrigger(team.routingKey(), "disk-full", "Disk full on db-1").status())
        .isEqualTo(202);
    new Notifications(jdbc).await(team.accountId(), "sms", Notifications.Row::sent);
  }

  @Test
  void aSignedReplyOf4AcknowledgesTheIncidentSheWasPagedFor() {
    HttpDriver.Response response = reply(incoming(ALICE_PHONE, "4"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body())
        .contains("<Response><Message>Incident #1 acknowledged.</Message></Response>");
    assertThat(status(1)).isEqualTo("acknowledged");
    assertThat(timeline()).contains("Acknowledged by Alice via SMS");
  }

  @Test
  void ackInWordsAndAgainSaysItIsAlreadyAcknowledged() {
    assertThat(reply(incoming(ALICE_PHONE, " ACK ")).body()).contains("Incident #1 acknowledged.");
    assertThat(reply(incoming(ALICE_PHONE, "ack")).body())
        .contains("Incident #1 is already acknowledged.");
    assertThat(status(1)).isEqualTo("acknowledged");
  }

  @Test
  void resolveWithANumberResolvesThatIncidentAndThenSaysSo() {
    assertThat(reply(incoming(ALICE_PHONE, "resolve 1")).body())
        .contains("<Message>Incident #1 resolved.</Message>");
    assertThat(status(1)).isEqualTo("resolved");
    assertThat(timeline()).contains("Resolved by Alice via SMS");

    assertThat(reply(incoming(ALICE_PHONE, "6")).body())
        .contains("<Message>Incident #1 is already resolved.</Message>");
    assertThat(reply(incoming(ALICE_PHONE, "ack 1")).body())
        .contains("Incident #1 is already resolved.");
  }

  @Test
  void anythingElseGetsTheHelpAndChangesNothing() {
    assertThat(reply(incoming(ALICE_PHONE, "on my way")).body())
        .contains("<Message>Reply 4 to acknowledge, 6 to resolve.</Message>");
    assertThat(status(1)).isEqualTo("triggered");
  }

  @Test
  void aReplayedReplyHasOneEffect() {
    Map<String, String> resolve = incoming(ALICE_PHONE, "6");
    String first = reply(resolve).body();
    String second = reply(resolve).body();

    assertThat(first).contains("Incident #1 resolved.");
    assertThat(second).isEqualTo(first);
    assertThat(status(1)).isEqualTo("resolved");
    assertThat(timeline().stream().filter(m -> m.startsWith("Resolved by"))).hasSize(1);
  }

  @Test
  void anUnknownSenderGetsAPoliteAnswerAndChangesNothing() {
    HttpDriver.Response response = reply(incoming("+14155559999", "4"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).contains("Vigil has not paged this number");
    assertThat(status(1)).isEqualTo("triggered");
  }

  @Test
  void aTamperedReplyIsRefusedAndChangesNothing() {
    Map<String, String> signed = incoming(ALICE_PHONE, "help");
    String signature = sign(SMS_URL, signed, TOKEN);
    Map<String, String> tampered = new LinkedHashMap<>(signed);
    tampered.put("Body", "6");

    assertThat(post(tampered, signature).status()).isEqualTo(403);
    assertThat(status(1)).isEqualTo("triggered");
  }

  @Test
  void aMissingSignatureIsRefusedAndChangesNothing() {
    HttpDriver.Response response =
        http().postForm("/webhooks/twilio/sms", encode(incoming(ALICE_PHONE, "4")));

    assertThat(response.status()).isEqualTo(403);
    assertThat(status(1)).isEqualTo("triggered");
  }

  @Test
  void aSignatureForAnotherUrlOrTokenIsRefused() {
    Map<String, String> form = incoming(ALICE_PHONE, "4");

    assertThat(post(form, sign("http://127.0.0.1:" + port + "/webhooks/twilio/sms", form, TOKEN)))
        .extracting(HttpDriver.Response::status)
        .isEqualTo(403);
    assertThat(post(form, sign(PUBLIC_URL + "/webhooks/twilio/status", form, TOKEN)))
        .extracting(HttpDriver.Response::status)
        .isEqualTo(403);
    assertThat(post(form, sign(SMS_URL, form, "someone-elses-token")))
        .extracting(HttpDriver.Response::status)
        .isEqualTo(403);
    assertThat(status(1)).isEqualTo("triggered");
  }

  /** An incoming message as Twilio posts it. */
  static Map<String, String> incoming(String from, String body) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("AccountSid", ACCOUNT);
    form.put("ApiVersion", "2010-04-01");
    form.put("Body", body);
    form.put("From", from);
    form.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
    form.put("NumMedia", "0");
    form.put("NumSegments", "1");
    form.put("SmsStatus", "received");
    form.put("To", "+15005550006");
    return form;
  }

  private HttpDriver.Response reply(Map<String, String> form) {
    return post(form, sign(SMS_URL, form, TOKEN));
  }

  private HttpDriver.Response post(Map<String, String> form, String signature) {
    return http().postForm("/webhooks/twilio/sms", encode(form), "X-Twilio-Signature", signature);
  }

  private String status(long number) {
    return jdbc.sql("select status from incidents where account_id = ? and number = ?")
        .params(team.accountId(), number)
        .query(String.class)
        .single();
  }

  private List<String> timeline() {
    return jdbc.sql(
            "select message from incident_log_entries where account_id = ? order by at, seq")
        .param(team.accountId())
        .query(String.class)
        .list();
  }

  static String encode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
