package dev.vigil.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver.Response;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A contact method added through the API is paged only once verified: by the code sent over it, or
 * by an admin who says why. Test pages go over verified methods only, at most one a minute.
 */
class ContactVerificationTest extends AppTestBase {

  private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
  private static final String NEW_PHONE = "+14155550177";

  @Test
  void aNewPhoneIsPagedOnlyOnceTheCodeSentToItComesBack() {
    Team team = newTeam(600);
    long alice = idOfUser(team, team.aliceEmail());
    Response added =
        http()
            .postJson(
                methods(alice),
                team.token(),
                "{\"kind\": \"phone\", \"address\": \"%s\"}".formatted(NEW_PHONE));
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    assertThat(added.json().at("/contact_method/verified").asBoolean()).isFalse();
    long phone = added.json().at("/contact_method/id").asLong();

    sendTrigger(team.routingKey(), "disk-1", "Disk full");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> pagesTo(team, "+14155550100") == 1 && pagesTo(team, team.aliceEmail()) == 1);
    assertThat(inbox(team, NEW_PHONE)).isEmpty();
    assertThat(pagesFor(phone)).isZero();

    Response requested = http().post(methods(alice) + "/" + phone + "/verification", team.token());
    assertThat(requested.status()).as(requested.body()).isEqualTo(202);
    List<String> sent = inbox(team, NEW_PHONE);
    assertThat(sent).hasSize(1);
    String code = codeIn(sent.get(0));
    assertThat(
            jdbc.sql("select code_hash from contact_method_codes where contact_method_id = ?")
                .param(phone)
                .query(String.class)
                .single())
        .hasSize(64)
        .doesNotContain(code);
    Response again = http().post(methods(alice) + "/" + phone + "/verification", team.token());
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body()).contains("less than a minute ago");
    assertThat(inbox(team, NEW_PHONE)).hasSize(1);

    Response wrong = confirm(team, alice, phone, otherThan(code));
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.body()).contains("'code'");
    assertThat(attempts(phone)).isEqualTo(1);
    assertThat(listed(team, alice, phone).at("/verified").asBoolean()).isFalse();

    Response right = confirm(team, alice, phone, code);
    assertThat(right.status()).as(right.body()).isEqualTo(200);
    assertThat(right.json().at("/contact_method/verified").asBoolean()).isTrue();
    assertThat(right.json().at("/contact_method/verified_how").asString()).isEqualTo("code");
    assertThat(listed(team, alice, phone).at("/verified_at").isNull()).isFalse();

    sendTrigger(team.routingKey(), "disk-2", "Disk full again");
    // Paged now; the SMS itself may wait for Alice's page budget (one a minute), as any page.
    await().atMost(Duration.ofSeconds(30)).until(() -> pagesFor(phone) == 1);
  }

  @Test
  void anAssigneeLeftWithNoVerifiedMethodIsNamedInTheTimeline() {
    Team team = newTeam(600);
    long alice = idOfUser(team, team.aliceEmail());
    for (tools.jackson.databind.JsonNode method :
        http().get(methods(alice), team.token()).json().at("/contact_methods")) {
      assertThat(
              http()
                  .delete(methods(alice) + "/" + method.get("id").asLong(), team.token())
                  .status())
          .isEqualTo(204);
    }
    long phone =
        add(team, alice, "{\"kind\": \"phone\", \"address\": \"%s\"}".formatted(NEW_PHONE));

    sendTrigger(team.routingKey(), "disk-1", "Disk full");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        http()
                            .get("/api/v1/incidents/1", team.token())
                            .json()
                            .at("/incident/timeline")
                            .toString())
                    .contains("Alice has no verified contact method and is not paged"));
    assertThat(pagesFor(phone)).isZero();
    assertThat(inbox(team, NEW_PHONE)).isEmpty();
  }

  @Test
  void fiveWrongCodesVoidTheCode() {
    Team team = newTeam(600);
    long alice = idOfUser(team, team.aliceEmail());
    long email =
        add(team, alice, "{\"kind\": \"email\", \"address\": \"alice-pager@example.com\"}");
    assertThat(http().post(methods(alice) + "/" + email + "/verification", team.token()).status())
        .isEqualTo(202);
    String code = codeIn(inbox(team, "alice-pager@example.com").get(0));

    for (int i = 0; i < 5; i++) {
      assertThat(confirm(team, alice, email, otherThan(code)).status()).isEqualTo(400);
    }
    Response late = confirm(team, alice, email, code);
    assertThat(late.status()).isEqualTo(400);
    assertThat(late.body()).contains("'code'", "request a new code");
    assertThat(listed(team, alice, email).at("/verified").asBoolean()).isFalse();
    Response malformed =
        http()
            .postJson(
                methods(alice) + "/" + email + "/verification/confirm",
                team.token(),
                "{\"code\": \"12ab\"}");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.body()).contains("code");
  }

  @Test
  void onlyAnAdminVerifiesWithoutACodeAndTheReasonIsKept() {
    Team team = newTeam(600);
    long bob = idOfUser(team, team.bobEmail());
    String responder = tokens.createForUser(team.accountId(), bob, "bob");
    long email = add(team, bob, "{\"kind\": \"email\", \"address\": \"bob-pager@example.com\"}");
    String verify = methods(bob) + "/" + email + "/verify";

    assertThat(http().postJson(verify, responder, "{\"reason\": \"trust me\"}").status())
        .isEqualTo(403);
    Response noReason = http().postJson(verify, team.token(), "{}");
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.body()).contains("reason");
    assertThat(http().postJson(verify, team.token(), "{\"reason\": \"  \"}").status())
        .isEqualTo(400);
    assertThat(listed(team, bob, email).at("/verified").asBoolean()).isFalse();
    Response wrongChannel =
        http()
            .postJson(
                methods(bob) + "/" + email + "/verification",
                responder,
                "{\"channel\": \"voice\"}");
    assertThat(wrongChannel.status()).isEqualTo(400);
    assertThat(wrongChannel.body()).contains("'channel'");
    assertThat(inbox(team, "bob-pager@example.com")).isEmpty();

    Response verified =
        http().postJson(verify, team.token(), "{\"reason\": \"Bob read it back on a call\"}");
    assertThat(verified.status()).as(verified.body()).isEqualTo(200);
    assertThat(verified.json().at("/contact_method/verified_how").asString())
        .isEqualTo("admin: Bob read it back on a call");
    assertThat(listed(team, bob, email).at("/verified").asBoolean()).isTrue();
  }

  @Test
  void aTestPageGoesOverAVerifiedMethodAtMostOnceAMinute() {
    Team team = newTeam(600);
    long alice = idOfUser(team, team.aliceEmail());
    long phone =
        jdbc.sql("select id from contact_methods where user_id = ? and kind = 'phone'")
            .param(alice)
            .query(Long.class)
            .single();
    long unverified =
        add(team, alice, "{\"kind\": \"email\", \"address\": \"alice-new@example.com\"}");

    Response refused = http().post(methods(alice) + "/" + unverified + "/test", team.token());
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body()).contains("not verified");
    assertThat(inbox(team, "alice-new@example.com")).isEmpty();

    Response sent = http().post(methods(alice) + "/" + phone + "/test", team.token());
    assertThat(sent.status()).as(sent.body()).isEqualTo(202);
    assertThat(inbox(team, "+14155550100"))
        .containsExactly("Vigil test page for Alice: no action needed");
    // Recorded and billed like a page: a sent SMS in the notification log, of kind test.
    assertThat(
            jdbc.sql(
                    "select kind || ' ' || channel || ' ' || status from notifications where id = ?")
                .param(sent.json().at("/test_page/id").asLong())
                .query(String.class)
                .single())
        .isEqualTo("test sms sent");

    Response tooSoon = http().post(methods(alice) + "/" + phone + "/test", team.token());
    assertThat(tooSoon.status()).isEqualTo(429);
    assertThat(Integer.parseInt(tooSoon.header("Retry-After"))).isBetween(1, 60);
    assertThat(inbox(team, "+14155550100")).hasSize(1);
  }

  @Test
  void anotherUsersMethodIsNotFound() {
    Team team = newTeam(600);
    long alice = idOfUser(team, team.aliceEmail());
    long bob = idOfUser(team, team.bobEmail());
    long bobs = add(team, bob, "{\"kind\": \"email\", \"address\": \"bob-other@example.com\"}");
    assertThat(http().post(methods(alice) + "/" + bobs + "/verification", team.token()).status())
        .isEqualTo(404);
    assertThat(inbox(team, "bob-other@example.com")).isEmpty();
  }

  private static String methods(long user) {
    return "/api/v1/users/" + user + "/contact_methods";
  }

  private long add(Team team, long user, String body) {
    Response added = http().postJson(methods(user), team.token(), body);
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    return added.json().at("/contact_method/id").asLong();
  }

  private Response confirm(Team team, long user, long method, String code) {
    return http()
        .postJson(
            methods(user) + "/" + method + "/verification/confirm",
            team.token(),
            "{\"code\": \"%s\"}".formatted(code));
  }

  private tools.jackson.databind.JsonNode listed(Team team, long user, long method) {
    for (tools.jackson.databind.JsonNode node :
        http().get(methods(user), team.token()).json().at("/contact_methods")) {
      if (node.get("id").asLong() == method) {
        return node;
      }
    }
    throw new AssertionError("contact method " + method + " not listed");
  }

  private int attempts(long method) {
    return jdbc.sql("select attempts from contact_method_codes where contact_method_id = ?")
        .param(method)
        .query(Integer.class)
        .single();
  }

  /** What the dev inbox holds for this address in the team's account, oldest first. */
  private List<String> inbox(Team team, String recipient) {
    return jdbc.sql(
            "select body from dev_inbox_messages where account_id = ? and recipient = ? order by id")
        .params(team.accountId(), recipient)
        .query(String.class)
        .list();
  }

  private int pagesTo(Team team, String recipient) {
    return jdbc.sql(
            """
            select count(*) from dev_inbox_messages
            where account_id = ? and recipient = ? and incident_number > 0""")
        .params(team.accountId(), recipient)
        .query(Integer.class)
        .single();
  }

  /** Pages of incidents the method was given (sent, or held by the page budget). */
  private int pagesFor(long method) {
    return jdbc.sql(
            "select count(*) from notifications where contact_method_id = ? and kind = 'page'")
        .param(method)
        .query(Integer.class)
        .single();
  }

  private static String codeIn(String message) {
    Matcher matcher = CODE.matcher(message);
    assertThat(matcher.find()).as("a code in %s", message).isTrue();
    return matcher.group(1);
  }

  private static String otherThan(String code) {
    return "%06d".formatted((Integer.parseInt(code) + 1) % 1_000_000);
  }
}
