package dev.vigil.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The accountant's API on the running application: setting up billing starts the cycle, last
 * month's invoice is drafted at once (its month is over), and an accountant approves it, records
 * two checks and sees it paid. Roles, bad input and other accounts are refused without changing
 * anything.
 */
class BillingApiTest extends AppTestBase {

  @Test
  void aCheckCustomersMonthFromDraftToPaid() {
    Team team = newTeam(60);
    String accountant = accountantToken(team);
    String operator = operatorToken("operator_accountant");
    String invoices = "/api/v1/operator/accounts/" + team.accountId() + "/invoices/";
    String lastMonth = YearMonth.now(ZoneOffset.UTC).minusMonths(1).toString();
    String lastMonthsTerms =
        """
        {"collection_method": "check", "billing_time_zone": "UTC",
         "billing_email": "ap@example.com", "plan": "business", "seats": 3,
         "starts": "%s"%s}""";
    // Last month is drafted at once: the operator's, confirmed, never the account's own admin.
    Response tenantBackdates =
        http()
            .postJson(
                "/api/v1/billing/profile", team.token(), lastMonthsTerms.formatted(lastMonth, ""));
    assertThat(tenantBackdates.status()).isEqualTo(400);
    assertThat(tenantBackdates.body()).contains("'starts'");
    String operatorRoute = "/api/v1/operator/accounts/" + team.accountId() + "/billing/profile";
    String operatorAdmin = operatorToken("operator_admin");
    Response unconfirmed =
        http().postJson(operatorRoute, operatorAdmin, lastMonthsTerms.formatted(lastMonth, ""));
    assertThat(unconfirmed.status()).isEqualTo(400);
    assertThat(unconfirmed.body()).contains("confirm_earlier_start");
    Response setUp =
        http()
            .postJson(
                operatorRoute,
                operatorAdmin,
                lastMonthsTerms.formatted(lastMonth, ", \"confirm_earlier_start\": true"));
    assertThat(setUp.status()).as(setUp.body()).isEqualTo(201);

    Response profile = http().get("/api/v1/billing/profile", accountant);
    assertThat(profile.json().at("/billing_profile/subscription/plan").asString())
        .isEqualTo("business");
    assertThat(profile.json().at("/billing_profile/subscription/seats").asInt()).isEqualTo(3);
    Response plans = http().get("/api/v1/billing/plans", accountant);
    assertThat(plans.body())
        .contains("\"plan_code\":\"business\"")
        .contains("\"base_fee_minor\":9900")
        .contains("\"sms_domestic\":{\"included_units\":2000");

    JsonNode draft = awaitInvoice(accountant, "draft");
    Response preview = http().get("/api/v1/billing/preview", accountant);
    assertThat(preview.status()).as(preview.body()).isEqualTo(200);
    assertThat(preview.json().at("/preview/total_minor").asLong())
        .as("this month so far: the same fees, no usage")
        .isEqualTo(9900 + 3 * 3900);
    assertThat(preview.json().at("/usage_alerts").isArray())
        .as("the usage alerts the month has crossed: none without usage")
        .isTrue();
    assertThat(preview.json().at("/usage_alerts").size()).isZero();
    long id = draft.get("id").asLong();
    // Business v1: 99.00 base + 3 seats x 39.00; no usage last month.
    assertThat(draft.get("total_minor").asLong()).isEqualTo(9900 + 3 * 3900);

    Response tenantApproves =
        http()
            .postJson(
                "/api/v1/operator/accounts/" + team.accountId() + "/invoices/" + id + "/approve",
                accountant,
                "{}");
    assertThat(tenantApproves.status())
        .as("the billed account does not approve its own invoice")
        .isEqualTo(403);
    Response approved =
        http()
            .postJson(
                invoices + id + "/approve",
                operator,
                """
                {"adjustments": [{"description": "Goodwill credit", "amount": -10.00,
                                  "reason": "outage on the 3rd"}]}""");
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    JsonNode open = approved.json().get("invoice");
    assertThat(open.get("status").asString()).isEqualTo("open");
    assertThat(open.get("collection_method").asString()).isEqualTo("check");
    assertThat(open.get("total_minor").asLong()).isEqualTo(21600 - 1000);
    assertThat(Instant.parse(open.get("due_at").asString()))
        .isBetween(
            Instant.now().plus(Duration.ofDays(29)), Instant.now().plus(Duration.ofDays(31)));

    assertThat(recordCheck(team.token(), team.accountId(), id, "100.00", "1000").status())
        .as("nor records its own checks, even as its admin")
        .isEqualTo(403);
    Response partial = recordCheck(operator, team.accountId(), id, "100.00", "1001");
    assertThat(partial.status()).as(partial.body()).isEqualTo(200);
    assertThat(partial.json().get("invoice").get("balance_minor").asLong()).isEqualTo(10600);

    Response sameCheckAgain = recordCheck(operator, team.accountId(), id, "50.00", "1001");
    assertThat(sameCheckAgain.status()).isEqualTo(400);
    assertThat(sameCheckAgain.body()).contains("check_number");

    Response rest = recordCheck(operator, team.accountId(), id, "106.00", "1002");
    assertThat(rest.json().get("invoice").get("status").asString()).isEqualTo("paid");
    assertThat(rest.json().get("invoice").get("payments")).hasSize(2);

    // Money received is never refused (docs/decisions/0043): a check after the invoice was paid
    // is held as account credit.
    Response afterPaid = recordCheck(operator, team.accountId(), id, "1.00", "1003");
    assertThat(afterPaid.status()).as(afterPaid.body()).isEqualTo(200);
    assertThat(afterPaid.json().at("/invoice/credit_created/0/amount_minor").asLong())
        .isEqualTo(100);
    assertThat(
            http()
                .get("/api/v1/billing/balance", accountant)
                .json()
                .at("/credit_minor/USD")
                .asLong())
        .isEqualTo(100);
    Response voidPaid =
        http().postJson(invoices + id + "/void", operator, "{\"reason\": \"oops\"}");
    assertThat(voidPaid.status()).as(voidPaid.body()).isEqualTo(409);

    Response pdf = http().get("/api/v1/invoices/" + id + "/pdf", accountant);
    assertThat(pdf.status()).isEqualTo(200);
    assertThat(pdf.contentType()).startsWith("application/pdf");
    assertThat(pdf.body()).startsWith("%PDF");

    String number = open.get("number").asString();
    Response csv =
        http()
            .get(
                "/api/v1/billing/export.csv?from="
                    + YearMonth.now(ZoneOffset.UTC).minusMonths(1).atDay(1)
                    + "&to="
                    + YearMonth.now(ZoneOffset.UTC).plusMonths(1).atDay(1),
                accountant);
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.body()).contains(number).contains("1001").contains("1002");

    assertThat(
            jdbc.sql(
                    "select count(*) from billing_emails where invoice_id = ? and kind = 'invoice'")
                .param(id)
                .query(Integer.class)
                .single())
        .as("the approved invoice was mailed once")
        .isEqualTo(1);
  }

  @Test
  void onlyAdminsAndAccountantsSeeInvoices() {
    Team team = newTeam(60);
    long bob = idOfUser(team, team.bobEmail());
    Response token =
        http()
            .postJson("/api/v1/users/" + bob + "/api-tokens", team.token(), "{\"name\": \"bob\"}");
    assertThat(token.status()).as(token.body()).isEqualTo(201);
    String responder = token.json().get("api_token").get("token").asString();

    Response refused = http().get("/api/v1/invoices", responder);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body()).contains("responder");
    assertThat(http().get("/api/v1/billing/preview", responder).status()).isEqualTo(403);
    assertThat(http().postJson("/api/v1/users/" + bob + "/api-tokens", responder, "{}").status())
        .as("a responder cannot mint tokens")
        .isEqualTo(403);

    assertThat(http().get("/api/v1/invoices", accountantToken(team)).status()).isEqualTo(200);
  }

  @Test
  void badBillingSetUpNamesEveryFieldAndChangesNothing() {
    Team team = newTeam(60);
    Response bad =
        http()
            .postJson(
                "/api/v1/billing/profile",
                team.token(),
                """
                {"collection_method": "cash", "billing_time_zone": "Mars/Olympus",
                 "billing_email": "nope", "plan": "platinum", "seats": -1}""");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body())
        .contains("collection_method")
        .contains("billing_time_zone")
        .contains("billing_email")
        .contains("plan")
        .contains("seats");
    assertThat(
            jdbc.sql("select count(*) from billing_profiles where account_id = ?")
                .param(team.accountId())
                .query(Integer.class)
                .single())
        .isZero();
  }

  @Test
  void anotherAccountsInvoiceIsNotFound() {
    Team owner = newTeam(60);
    http()
        .postJson(
            "/api/v1/operator/accounts/" + owner.accountId() + "/billing/profile",
            operatorToken("operator_admin"),
            """
            {"collection_method": "check", "billing_time_zone": "UTC",
             "billing_email": "ap@example.com", "plan": "team", "seats": 1,
             "starts": "%s", "confirm_earlier_start": true}"""
                .formatted(YearMonth.now(ZoneOffset.UTC).minusMonths(1)));
    long id = awaitInvoice(owner.token(), "draft").get("id").asLong();

    Team other = newTeam(60);
    assertThat(http().get("/api/v1/invoices/" + id, other.token()).status()).isEqualTo(404);
    Response approve =
        http()
            .postJson(
                "/api/v1/operator/accounts/" + owner.accountId() + "/invoices/" + id + "/approve",
                other.token(),
                "{}");
    assertThat(approve.status())
        .as("another tenant never reaches an operator route")
        .isEqualTo(403);
    Response wrongAccount =
        http()
            .postJson(
                "/api/v1/operator/accounts/" + other.accountId() + "/invoices/" + id + "/approve",
                operatorToken("operator_accountant"),
                "{}");
    assertThat(wrongAccount.status())
        .as("an operator route finds the invoice in the account it names only")
        .isEqualTo(404);
    assertThat(
            http()
                .get("/api/v1/invoices/" + id, owner.token())
                .json()
                .at("/invoice/status")
                .asString())
        .isEqualTo("draft");
  }

  private Response recordCheck(
      String token, long accountId, long invoiceId, String amount, String number) {
    return http()
        .postJson(
            "/api/v1/operator/accounts/" + accountId + "/invoices/" + invoiceId + "/payments",
            token,
            """
            {"amount": %s, "check_number": "%s", "received_on": "2026-12-02"}"""
                .formatted(amount, number));
  }

  private String accountantToken(Team team) {
    long carol =
        setup.createUser(
            team.accountId(), "Carol", "carol-" + team.routingKey() + "@example.com", "accountant");
    return tokens.createForUser(team.accountId(), carol, "carol");
  }
}
