package dev.vigil.webhook.twilio;

import static dev.vigil.webhook.twilio.TwilioSmsReplyTest.encode;
import static dev.vigil.webhook.twilio.TwilioStatusWebhookTest.sign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.support.HttpDriver;
import dev.vigil.testsupport.Notifications;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keys pressed on a paging call, through the whole app: an incident calls Alice through the real
 * Twilio SDK to a local stand-in of Twilio's API, then the call's Gather posts the key pressed to
 * the voice webhook, signed as Twilio signs it (the URL with its query).
 */
class TwilioVoiceGatherTest extends TwilioAppTestBase {

  private Team team;
  private long notification;
  private String callSid;

  @BeforeEach
  void callAlice() {
    twilio.accepts();
    team = newTeam(600);
    long alice = idOfUser(team, team.aliceEmail());
    long phone =
        jdbc.sql("select id from contact_methods where user_id = ? and kind = 'phone'")
            .param(alice)
            .query(Long.class)
            .single();
    setup.addNotificationRule(team.accountId(), alice, "high", phone, "voice", 0);
    assertThat(sendTrigger(team.routingKey(), "disk-full", "Disk full on db-1").status())
        .isEqualTo(202);
    notification =
        new Notifications(jdbc).await(team.accountId(), "voice", Notifications.Row::sent).id();
    callSid = "CA" + UUID.randomUUID().toString().replace("-", "");
  }

  @Test
  void pressing4AcknowledgesAndTheCallSaysSo() {
    HttpDriver.Response response = press("4");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).contains("<Say>Incident #1 acknowledged. Goodbye.</Say>");
    assertThat(response.body()).contains("<Hangup/>");
    assertThat(status()).isEqualTo("acknowledged");
    assertThat(timeline()).contains("Acknowledged by Alice via phone call");
  }

  @Test
  void pressing6Resolves() {
    assertThat(press("6").body()).contains("<Say>Incident #1 resolved. Goodbye.</Say>");
    assertThat(status()).isEqualTo("resolved");
    assertThat(timeline()).contains("Resolved by Alice via phone call");
  }

  @Test
  void starRepeatsThePageAndAsksAgain() {
    String body = press("*").body();

    assertThat(body).contains("Incident 1, high urgency, on ").contains("Disk full on db-1");
    assertThat(body)
        .contains("<Gather")
        .contains(
            "action=\"" + PUBLIC_URL + "/webhooks/twilio/voice/gather?notification=" + notification)
        .contains("Press 4 to acknowledge, 6 to resolve, star to repeat.");
    assertThat(status()).isEqualTo("triggered");
  }

  @Test
  void anyOtherKeyAsksAgain() {
    String body = press("9").body();

    assertThat(body).contains("Sorry, that key does nothing.").contains("<Gather");
    assertThat(status()).isEqualTo("triggered");
  }

  @Test
  void aReplayedKeyHasOneEffect() {
    Map<String, String> form = gather("6");
    String first = post(form, sign(url(), form, TOKEN)).body();
    String second = post(form, sign(url(), form, TOKEN)).body();

    assertThat(second).isEqualTo(first);
    assertThat(status()).isEqualTo("resolved");
    assertThat(timeline().stream().filter(m -> m.startsWith("Resolved by"))).hasSize(1);
    // Another call (or key) on a resolved incident says so.
    callSid = "CA" + UUID.randomUUID().toString().replace("-", "");
    assertThat(press("4").body()).contains("Incident #1 is already resolved.");
  }

  @Test
  void badSignaturesAreRefusedAndChangeNothing() {
    Map<String, String> form = gather("4");
    Map<String, String> tampered = new LinkedHashMap<>(gather("9"));
    tampered.put("Digits", "4");

    assertThat(post(form, null).status()).isEqualTo(403);
    assertThat(post(tampered, sign(url(), gather("9"), TOKEN)).status()).isEqualTo(403);
    // The URL without its query, or with another notification's id, is not what Twilio signed.
    assertThat(post(form, sign(PUBLIC_URL + "/webhooks/twilio/voice/gather", form, TOKEN)).status())
        .isEqualTo(403);
    assertThat(post(form, sign(url() + "0", form, TOKEN)).status()).isEqualTo(403);
    assertThat(post(form, sign(url(), form, "someone-elses-token")).status()).isEqualTo(403);
    assertThat(status()).isEqualTo("triggered");
  }

  private String url() {
    return PUBLIC_URL + "/webhooks/twilio/voice/gather?notification=" + notification;
  }

  private Map<String, String> gather(String digits) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("AccountSid", ACCOUNT);
    form.put("ApiVersion", "2010-04-01");
    form.put("CallSid", callSid);
    form.put("CallStatus", "in-progress");
    form.put("Digits", digits);
    form.put("Direction", "outbound-api");
    form.put("From", "+15005550006");
    form.put("To", "+14155550100");
    return form;
  }

  private HttpDriver.Response press(String digits) {
    Map<String, String> form = gather(digits);
    return post(form, sign(url(), form, TOKEN));
  }

  private HttpDriver.Response post(Map<String, String> form, String signature) {
    String path = "/webhooks/twilio/voice/gather?notification=" + notification;
    return signature == null
        ? http().postForm(path, encode(form))
        : http().postForm(path, encode(form), "X-Twilio-Signature", signature);
  }

  private String status() {
    return jdbc.sql("select status from incidents where account_id = ? and number = 1")
        .param(team.accountId())
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
}
