package dev.vigil.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.notification.delivery.InternationalSmsCaps;
import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver.Response;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The international SMS cap through the API: the account's admin (or the operator) sets it, a bad
 * limit is a 400 naming the field with nothing changed, other roles only read it (or not at all),
 * and what the send activity reads is what was set.
 */
class InternationalSmsCapApiTest extends AppTestBase {

  static final String CAP = "/api/v1/billing/international_sms_cap";

  @Autowired InternationalSmsCaps caps;

  @Test
  void theAdminSetsTheCapOtherRolesDoNotAndBadLimitsChangeNothing() {
    Team team = newTeam(60);
    String operator = operatorToken("operator_admin");
    Response setUp =
        http()
            .postJson(
                "/api/v1/operator/accounts/" + team.accountId() + "/billing/profile",
                operator,
                """
                {"collection_method": "check", "billing_time_zone": "UTC",
                 "billing_email": "ap@example.com", "plan": "team", "seats": 1,
                 "starts": "%s"}"""
                    .formatted(YearMonth.now(ZoneOffset.UTC)));
    assertThat(setUp.status()).as(setUp.body()).isEqualTo(201);

    Response none = http().get(CAP, team.token());
    assertThat(none.status()).as(none.body()).isEqualTo(200);
    assertThat(none.json().at("/international_sms_cap/monthly_limit").isNull()).isTrue();
    assertThat(none.json().at("/international_sms_cap/sent_this_month").asLong()).isZero();

    Response set = http().putJson(CAP, team.token(), "{\"monthly_limit\": 25}");
    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(set.json().at("/international_sms_cap/monthly_limit").asInt()).isEqualTo(25);
    assertThat(caps.limit(team.accountId())).contains(25);

    for (String bad : List.of("{\"monthly_limit\": -1}", "{\"monthly_limit\": 1000001}")) {
      Response refused = http().putJson(CAP, team.token(), bad);
      assertThat(refused.status()).as(bad + " " + refused.body()).isEqualTo(400);
      assertThat(refused.body()).contains("'monthly_limit'");
    }
    for (String role : List.of("accountant", "responder")) {
      long user =
          setup.createUser(
              team.accountId(), role, role + "-" + team.routingKey() + "@example.com", role);
      String token = tokens.createForUser(team.accountId(), user, role);
      assertThat(http().putJson(CAP, token, "{\"monthly_limit\": 1}").status())
          .as(role)
          .isEqualTo(403);
    }
    assertThat(caps.limit(team.accountId())).contains(25);

    Response byOperator =
        http()
            .putJson(
                "/api/v1/operator/accounts/" + team.accountId() + "/billing/international_sms_cap",
                operator,
                "{\"monthly_limit\": null}");
    assertThat(byOperator.status()).as(byOperator.body()).isEqualTo(200);
    assertThat(caps.limit(team.accountId())).isEmpty();
  }
}
