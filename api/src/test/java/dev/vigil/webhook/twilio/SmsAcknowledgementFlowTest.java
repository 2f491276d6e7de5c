package dev.vigil.webhook.twilio;

import static dev.vigil.webhook.twilio.TwilioSmsReplyTest.SMS_URL;
import static dev.vigil.webhook.twilio.TwilioSmsReplyTest.encode;
import static dev.vigil.webhook.twilio.TwilioSmsReplyTest.incoming;
import static dev.vigil.webhook.twilio.TwilioStatusWebhookTest.sign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.support.HttpDriver;
import dev.vigil.testsupport.Notifications;
import dev.vigil.testsupport.TwilioStandIn;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole path of an SMS acknowledgement, in real time: an event triggers an incident, Alice's
 * rules page her by SMS at once and by call a minute later; the SMS goes through the real Twilio
 * SDK to the stand-in of Twilio's API; her signed reply {@code 4} acknowledges; the call step then
 * does not call, while it calls the Alice of a control team who did not answer.
 */
class SmsAcknowledgementFlowTest extends TwilioAppTestBase {

  @Test
  void triggerThenSmsThenReply4AcknowledgesAndTheCallStepDoesNotCall() throws Exception {
    twilio.accepts();
    Team team = newTeam(600);
    long alice = idOfUser(team, team.aliceEmail());
    long phone =
        jdbc.sql("select id from contact_methods where user_id = ? and kind = 'phone'")
            .param(alice)
            .query(Long.class)
            .single();
    setup.addNotificationRule(team.accountId(), alice, "high", phone, "sms", 0);
    setup.addNotificationRule(team.accountId(), alice, "high", phone, "voice", 1);
    // The control: the same rules on another team whose Alice (another phone) does not answer.
    Team control = newTeam(600);
    long controlAlice = idOfUser(control, control.aliceEmail());
    long controlPhone =
        jdbc.sql(
                "update contact_methods set address = '+14155550123' where user_id = ? and kind = 'phone' returning id")
            .param(controlAlice)
            .query(Long.class)
            .single();
    setup.addNotificationRule(control.accountId(), controlAlice, "high", controlPhone, "sms", 0);
    setup.addNotificationRule(control.accountId(), controlAlice, "high", controlPhone, "voice", 1);
    Instant triggered = Instant.now();

    assertThat(sendTrigger(control.routingKey(), "disk-full", "Disk full on db-2").status())
        .isEqualTo(202);
    new Notifications(jdbc).await(control.accountId(), "sms", Notifications.Row::sent);
    assertThat(sendTrigger(team.routingKey(), "disk-full", "Disk full on db-1").status())
        .isEqualTo(202);
    new Notifications(jdbc).await(team.accountId(), "sms", Notifications.Row::sent);
    // The SMS went to Twilio's API, to Alice's phone.
    assertThat(twilio.messageRequests()).hasSize(2);
    Map<String, List<String>> sent =
        twilio.messageRequests().stream()
            .map(TwilioStandIn::form)
            .filter(form -> form.get("To").contains("+14155550100"))
            .findFirst()
            .orElseThrow();
    assertThat(sent.get("Body").get(0)).contains("Disk full on db-1");

    Map<String, String> reply = incoming("+14155550100", "4");
    HttpDriver.Response answer =
        http()
            .postForm(
                "/webhooks/twilio/sms",
                encode(reply),
                "X-Twilio-Signature",
                sign(SMS_URL, reply, TOKEN));
    assertThat(answer.body()).contains("<Message>Incident #1 acknowledged.</Message>");
    assertThat(status(team)).isEqualTo("acknowledged");

    // Past the call step (one minute after the trigger, with room): no call was made.
    Duration wait = Duration.between(Instant.now(), triggered.plusSeconds(75));
    if (!wait.isNegative()) {
      Thread.sleep(wait.toMillis());
    }
    // The control team's Alice was called at that step; ours was not.
    assertThat(twilio.callRequests())
        .extracting(request -> TwilioStandIn.form(request).get("To"))
        .containsExactly(List.of("+14155550123"));
    assertThat(new Notifications(jdbc).of(team.accountId()))
        .extracting(Notifications.Row::channel)
        .doesNotContain("voice");
    assertThat(status(team)).isEqualTo("acknowledged");
  }

  private String status(Team team) {
    return jdbc.sql("select status from incidents where account_id = ? and number = 1")
        .param(team.accountId())
        .query(String.class)
        .single();
  }
}
