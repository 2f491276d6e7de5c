package dev.vigil.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver.Response;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * An installation without remittance details (docs/decisions/0054): a check invoice is not issued,
 * since it could not say how to pay it, and nothing changes; card invoices are not affected. Its
 * own application: the shared one has remittance details configured.
 */
@TestPropertySource(
    properties = {
      "vigil.billing.remittance.address=",
      "vigil.billing.remittance.bank.name=",
      "vigil.billing.remittance.bank.account-holder=",
      "vigil.billing.remittance.bank.account-number=",
      "vigil.billing.remittance.bank.routing="
    })
class RemittanceNotConfiguredTest extends AppTestBase {

  @Test
  void approvingACheckInvoiceIsRefusedNamingWhatIsMissingAndChangesNothing() {
    Team team = newTeam(60);
    String operator = operatorToken("operator_accountant");
    String invoices = "/api/v1/operator/accounts/" + team.accountId() + "/invoices/";
    RemittanceApiTest.enrol(http(), operatorToken("operator_admin"), team, "check");
    long id = awaitInvoice(team.token(), "draft").get("id").asLong();

    Response refused =
        http()
            .postJson(
                invoices + id + "/approve",
                operator,
                """
                {"adjustments": [{"description": "Goodwill credit", "amount": -10.00,
                                  "reason": "outage on the 3rd"}]}""");

    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.body())
        .contains("no remittance details are configured")
        .contains("VIGIL_BILLING_REMITTANCE_ADDRESS_0")
        .contains("VIGIL_BILLING_REMITTANCE_BANK_NAME");
    Response invoice = http().get(invoices + id, operator);
    assertThat(invoice.json().at("/invoice/status").asString()).isEqualTo("draft");
    assertThat(invoice.json().at("/invoice/number").isString()).isFalse();
    assertThat(invoice.json().at("/invoice/total_minor").asLong())
        .as("the adjustment was not added")
        .isEqualTo(21600);
  }

  @Test
  void cardInvoicesAreIssuedWithoutRemittanceDetails() {
    Team team = newTeam(60);
    RemittanceApiTest.enrol(http(), operatorToken("operator_admin"), team, "card");
    // Card invoices are issued as drafted, numbered; (no Stripe key here: their push then fails).
    JsonNode open = awaitInvoice(team.token(), "open");
    assertThat(open.get("number").asString()).matches("VIG-\\d{6}");
  }
}
