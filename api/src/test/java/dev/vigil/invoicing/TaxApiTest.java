package dev.vigil.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver.Response;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Tax through the API (docs/decisions/0065): only the operator sets rates and what decides an
 * account's tax (its tax id and bill-to region), bad input is a 400 naming the field, and the
 * preview estimates the month's tax.
 */
class TaxApiTest extends AppTestBase {

  static final String RATES = "/api/v1/operator/tax_rates";

  @Test
  void onlyTheOperatorSetsRatesAndBadOnesAreRefusedByField() {
    Team team = newTeam(60);
    String operator = operatorToken("operator_accountant");
    String rate =
        """
        {"country": "US", "region": "NJ", "name": "Sales tax", "rate_percent": "6.625",
         "effective_from": "2020-01-01"}""";

    Response tenant = http().postJson(RATES, team.token(), rate);
    assertThat(tenant.status()).as("a tenant admin: " + tenant.body()).isEqualTo(403);
    assertThat(http().get(RATES, team.token()).status()).isEqualTo(403);
    assertThat(http().get(RATES + "?country=US", operator).body()).doesNotContain("\"NJ\"");

    for (String[] bad :
        new String[][] {
          {rate.replace("\"US\"", "\"USA\""), "'country'"},
          {rate.replace("\"NJ\"", "\"New Jersey\""), "'region'"},
          {rate.replace("\"Sales tax\"", "\"\""), "'name'"},
          {rate.replace("\"6.625\"", "\"6.62555\""), "'rate_percent'"},
          {rate.replace("\"6.625\"", "\"100.5\""), "'rate_percent'"},
          {rate.replace("\"6.625\"", "\"-1\""), "'rate_percent'"},
          {rate.replace("\"2020-01-01\"", "\"January\""), "'effective_from'"}
        }) {
      Response refused = http().postJson(RATES, operator, bad[0]);
      assertThat(refused.status()).as(bad[0] + " " + refused.body()).isEqualTo(400);
      assertThat(refused.body()).contains(bad[1]);
    }
    assertThat(http().get(RATES + "?country=US", operator).body()).doesNotContain("\"NJ\"");

    Response created = http().postJson(RATES, operator, rate);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().at("/tax_rate/rate_percent").asString()).isEqualTo("6.625");
    assertThat(created.json().at("/tax_rate/effective_from").asString()).isEqualTo("2020-01-01");
    assertThat(http().postJson(RATES, operator, rate).status())
        .as("the same series twice on one day")
        .isEqualTo(409);
    Response listed = http().get(RATES + "?country=us", operator);
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.json().at("/tax_rates").toString()).contains("\"region\":\"NJ\"");
  }

  @Test
  void theTaxBasisIsTheOperatorsAndThePreviewEstimatesTheTax() {
    Team team = newTeam(60);
    String operator = operatorToken("operator_admin");
    assertThat(
            http()
                .postJson(
                    RATES,
                    operator,
                    """
                    {"country": "US", "region": "NY", "name": "Sales tax",
                     "rate_percent": "8.875", "effective_from": "2020-01-01"}""")
                .status())
        .isEqualTo(201);
    String profile = "/api/v1/operator/accounts/" + team.accountId() + "/billing/profile";
    Response setUp =
        http()
            .postJson(
                profile,
                operator,
                """
                {"collection_method": "check", "billing_time_zone": "UTC",
                 "billing_email": "ap@example.com", "plan": "business", "seats": 3,
                 "starts": "%s", "bill_to_region": "ny", "tax_id": "12-3456789"}"""
                    .formatted(YearMonth.now(ZoneOffset.UTC)));
    assertThat(setUp.status()).as(setUp.body()).isEqualTo(201);
    assertThat(setUp.json().at("/billing_profile/bill_to_region").asString()).isEqualTo("NY");
    assertThat(setUp.json().at("/billing_profile/tax_id").asString()).isEqualTo("12-3456789");

    for (String change : new String[] {"{\"bill_to_region\": \"OR\"}", "{\"tax_id\": \"\"}"}) {
      Response refused = http().putJson("/api/v1/billing/profile", team.token(), change);
      assertThat(refused.status()).as("the tenant: " + refused.body()).isEqualTo(403);
    }
    Response same =
        http().putJson("/api/v1/billing/profile", team.token(), "{\"bill_to_region\": \"NY\"}");
    assertThat(same.status()).as("unchanged is no change: " + same.body()).isEqualTo(200);
    Response bad = http().putJson(profile, operator, "{\"tax_id\": \"#!\"}");
    assertThat(bad.status()).as(bad.body()).isEqualTo(400);
    assertThat(bad.body()).contains("'tax_id'");
    assertThat(http().get("/api/v1/billing/profile", team.token()).body())
        .contains("\"bill_to_region\":\"NY\"", "\"tax_id\":\"12-3456789\"");

    // Business for the whole month: 99.00 + 3 x 39.00 = 216.00. New York's 8.875 %:
    // 21,600 x 0.08875 = 1,917 cents exactly (19.17). Total 235.17.
    Response preview = http().get("/api/v1/billing/preview", team.token());
    assertThat(preview.status()).as(preview.body()).isEqualTo(200);
    assertThat(preview.json().at("/preview/tax_minor").asLong()).isEqualTo(1_917);
    assertThat(preview.json().at("/preview/total_minor").asLong()).isEqualTo(23_517);
    assertThat(preview.body()).contains("Sales tax 8.875% on 216.00 USD");
  }
}
