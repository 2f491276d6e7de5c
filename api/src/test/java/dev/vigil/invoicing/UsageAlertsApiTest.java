package dev.vigil.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.billing.ledger.UsageAlerts;
import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Usage-alert thresholds through the API (docs/decisions/0037): the account's admin and accountant
 * set their own, validated field by field with nothing changed on a refusal, and the billing
 * cycle's check reads what they set.
 */
class UsageAlertsApiTest extends AppTestBase {

  static final String ALERTS = "/api/v1/billing/usage_alerts";

  @Autowired UsageAlerts usageAlerts;

  @Test
  void theAccountantSetsTheAccountsThresholdsAndBadOnesChangeNothing() {
    Team team = newTeam(60);
    RemittanceApiTest.enrol(http(), operatorToken("operator_admin"), team, "check");
    String accountant = accountant(team);

    Response defaults = http().get(ALERTS, accountant);
    assertThat(defaults.status()).as(defaults.body()).isEqualTo(200);
    assertThat(defaults.json().at("/usage_alerts/percents").toString()).isEqualTo("[80,100]");
    assertThat(defaults.json().at("/usage_alerts/overage_minor").isNumber()).isFalse();

    Response set =
        http().putJson(ALERTS, accountant, "{\"percents\": [150, 50], \"overage_minor\": 2500}");
    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(set.json().at("/usage_alerts/percents").toString()).isEqualTo("[50,150]");
    assertThat(set.json().at("/usage_alerts/overage_minor").asLong()).isEqualTo(2500);
    assertThat(usageAlerts.thresholds(team.accountId()))
        .as("what the billing cycle's check reads")
        .isEqualTo(new UsageAlerts.Thresholds(List.of(50, 150), 2500L));

    for (String[] bad :
        new String[][] {
          {"{\"percents\": [0]}", "percents"},
          {"{\"percents\": [1001]}", "percents"},
          {"{\"percents\": [80, 80]}", "percents"},
          {"{\"percents\": [1,2,3,4,5,6,7,8,9,10,11]}", "percents"},
          {"{\"percents\": [80], \"overage_minor\": -1}", "overage"}
        }) {
      Response refused = http().putJson(ALERTS, accountant, bad[0]);
      assertThat(refused.status()).as(bad[0] + " " + refused.body()).isEqualTo(400);
      assertThat(refused.body()).contains(bad[1]);
    }
    assertThat(usageAlerts.thresholds(team.accountId()))
        .isEqualTo(new UsageAlerts.Thresholds(List.of(50, 150), 2500L));

    Response edges =
        http().putJson(ALERTS, team.token(), "{\"percents\": [1, 1000], \"overage_minor\": 0}");
    assertThat(edges.status()).as("the admin, at the edges: " + edges.body()).isEqualTo(200);
    Response none = http().putJson(ALERTS, accountant, "{\"percents\": []}");
    assertThat(none.status()).isEqualTo(200);
    assertThat(usageAlerts.thresholds(team.accountId()))
        .isEqualTo(new UsageAlerts.Thresholds(List.of(), null));
  }

  @Test
  void respondersAndSupportNeitherReadNorSetThemAndEachAccountSetsOnlyItsOwn() {
    Team team = newTeam(60);
    Team other = newTeam(60);
    String operator = operatorToken("operator_admin");
    RemittanceApiTest.enrol(http(), operator, team, "check");
    RemittanceApiTest.enrol(http(), operator, other, "check");

    for (String role : List.of("responder", "support")) {
      String token = person(team, role);
      assertThat(http().get(ALERTS, token).status()).as(role).isEqualTo(403);
      assertThat(http().putJson(ALERTS, token, "{\"percents\": [5]}").status())
          .as(role)
          .isEqualTo(403);
    }
    assertThat(http().putJson(ALERTS, other.token(), "{\"percents\": [5]}").status())
        .isEqualTo(200);
    assertThat(usageAlerts.thresholds(team.accountId()).percents()).containsExactly(80, 100);
    assertThat(
            http()
                .putJson(
                    "/api/v1/operator/accounts/" + team.accountId() + "/billing/usage_alerts",
                    other.token(),
                    "{\"percents\": [5]}")
                .status())
        .as("a tenant never reaches the operator's route")
        .isEqualTo(403);
    assertThat(usageAlerts.thresholds(team.accountId()).percents()).containsExactly(80, 100);
  }

  private String accountant(Team team) {
    return person(team, "accountant");
  }

  private String person(Team team, String role) {
    long user =
        setup.createUser(
            team.accountId(), role, role + "-" + team.routingKey() + "@example.com", role);
    return tokens.createForUser(team.accountId(), user, role);
  }
}
