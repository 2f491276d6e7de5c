package dev.vigil.incident.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.support.AppTestBase;
import dev.vigil.testsupport.TwilioStandIn;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Never a page after an accepted acknowledgement, wherever in a page's life the acknowledgement
 * lands: before the step, while the providers are listed, while the send is claimed, while the
 * provider (slow here: it answers after 800 ms) holds the message, between the SMS and the email.
 * Two dozen incidents are acknowledged 0 to 2.3 s after their trigger, through the Events API and
 * the REST API in turn; no provider may receive a page of an incident after its acknowledgement was
 * answered.
 */
class AcknowledgementRaceTest extends AppTestBase {

  static final TwilioStandIn twilio = new TwilioStandIn();
  private static final Pattern INCIDENT = Pattern.compile("#(\\d+)");
  private static final int INCIDENTS = 24;
  private static final String ACCOUNT = "AC000000000000000000000000000000bb";
  private static final String TOKEN = "race-test-auth-token";

  @DynamicPropertySource
  static void twilioAccount(DynamicPropertyRegistry registry) {
    registry.add("vigil.notifications.twilio[0].name", () -> "twilio-race");
    registry.add("vigil.notifications.twilio[0].account-sid", () -> ACCOUNT);
    registry.add("vigil.notifications.twilio[0].auth-token", () -> TOKEN);
    registry.add("vigil.notifications.twilio[0].from", () -> "+15005550006");
    registry.add("vigil.notifications.twilio[0].api-base-url", () -> twilio.baseUrl().toString());
  }

  @AfterAll
  static void stopStandIn() {
    twilio.stop();
  }

  @Test
  void noProviderReceivesAPageAfterTheAcknowledgementWasAnswered() throws Exception {
    twilio.answersAfter(Duration.ofMillis(800));
    Team team = newTeam(600);
    long alice = idOfUser(team, team.aliceEmail());
    long phone = contactMethod(alice, "phone");
    long email = contactMethod(alice, "email");
    setup.addNotificationRule(team.accountId(), alice, "high", phone, "sms", 0);
    setup.addNotificationRule(team.accountId(), alice, "high", email, "email", 0);

    Map<Long, Instant> answered = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> acks = new ArrayList<>();
      for (int i = 0; i < INCIDENTS; i++) {
        int n = i;
        acks.add(pool.submit(() -> triggerThenAcknowledge(team, n, answered)));
        Thread.sleep(50);
      }
      for (Future<?> ack : acks) {
        ack.get(90, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(answered).hasSize(INCIDENTS);
    // Long enough for any late step to show: the provider's delay and then some.
    Thread.sleep(3000);

    int paged = 0;
    for (LoggedRequest sms : twilio.messageRequests()) {
      long number = incidentIn(TwilioStandIn.form(sms).get("Body").get(0));
      assertThat(sms.getLoggedDate().toInstant())
          .as("SMS for #%d reached the provider after its acknowledgement was answered", number)
          .isBeforeOrEqualTo(answered.get(number));
      paged++;
    }
    for (Map<String, Object> mail : inbox(team)) {
      long number = ((Number) mail.get("incident_number")).longValue();
      assertThat(((Timestamp) mail.get("created_at")).toInstant())
          .as("email for #%d delivered after its acknowledgement was answered", number)
          .isBeforeOrEqualTo(answered.get(number));
      paged++;
    }
    assertThat(paged).as("some pages went out before their acknowledgement").isPositive();
    assertThat(paged).as("some acknowledgements came before their pages").isLessThan(2 * INCIDENTS);
  }

  private void triggerThenAcknowledge(Team team, int n, Map<Long, Instant> answered) {
    String dedupKey = "race-" + n;
    assertThat(sendTrigger(team.routingKey(), dedupKey, "Race " + n).status()).isEqualTo(202);
    long number =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> numberOf(team, dedupKey), java.util.Optional::isPresent)
            .orElseThrow();
    sleep(n * 100L);
    int status;
    if (n % 2 == 0) {
      status =
          http()
              .postJson(
                  "/v2/enqueue",
                  """
                  {"routing_key": "%s", "event_action": "acknowledge", "dedup_key": "%s"}"""
                      .formatted(team.routingKey(), dedupKey))
              .status();
      assertThat(status).isEqualTo(202);
    } else {
      status = http().post("/api/v1/incidents/" + number + "/acknowledge", team.token()).status();
      assertThat(status).isEqualTo(200);
    }
    answered.put(number, Instant.now());
  }

  private java.util.Optional<Long> numberOf(Team team, String dedupKey) {
    return jdbc.sql("select number from incidents where account_id = ? and dedup_key = ?")
        .params(team.accountId(), dedupKey)
        .query(Long.class)
        .optional();
  }

  private List<Map<String, Object>> inbox(Team team) {
    return jdbc.sql(
            "select incident_number, created_at from dev_inbox_messages where account_id = ?")
        .param(team.accountId())
        .query()
        .listOfRows();
  }

  private long contactMethod(long user, String kind) {
    return jdbc.sql("select id from contact_methods where user_id = ? and kind = ?")
        .params(user, kind)
        .query(Long.class)
        .single();
  }

  private static long incidentIn(String body) {
    Matcher matcher = INCIDENT.matcher(body);
    assertThat(matcher.find()).as("an incident number in %s", body).isTrue();
    return Long.parseLong(matcher.group(1));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
