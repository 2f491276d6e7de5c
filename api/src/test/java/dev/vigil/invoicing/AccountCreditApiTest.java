package dev.vigil.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.support.AppTestBase;
import dev.vigil.support.AppTestBase.Team;
import dev.vigil.support.HttpDriver.Response;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Credit notes, payments on account, refunds and billing problems through the API of the running
 * application (docs/decisions/0043, 0044): the operator issues and records them, the tenant reads
 * them and is refused every change. Business v1, 3 seats: 99.00 + 3 x 39.00 = 216.00 a month.
 */
class AccountCreditApiTest extends AppTestBase {

  @Test
  void creditNotesPaymentsOnAccountAndRefundsEndToEnd() {
    Team team = newTeam(60);
    String operator = operatorToken("operator_accountant");
    String account = "/api/v1/operator/accounts/" + team.accountId();
    enrol(team, "check");
    long id = awaitInvoice(team.token(), "draft").get("id").asLong();
    assertThat(http().postJson(account + "/invoices/" + id + "/approve", operator, "{}").status())
        .isEqualTo(200);
    Response check =
        http()
            .postJson(
                account + "/invoices/" + id + "/payments",
                operator,
                """
                {"amount": 16.00, "method": "transfer", "reference": "BANK-77",
                 "received_on": "2026-12-02"}""");
    assertThat(check.status()).as(check.body()).isEqualTo(200);
    assertThat(check.json().at("/invoice/balance_minor").asLong()).isEqualTo(20000);

    // The tenant reads but never credits.
    assertThat(
            http()
                .postJson(
                    account + "/invoices/" + id + "/credit_notes",
                    team.token(),
                    "{\"amount\": 1.00, \"reason\": \"mine\"}")
                .status())
        .isEqualTo(403);
    Response noReason =
        http().postJson(account + "/invoices/" + id + "/credit_notes", operator, "{}");
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.body()).contains("reason");
    Response tooPrecise =
        http()
            .postJson(
                account + "/invoices/" + id + "/credit_notes",
                operator,
                "{\"amount\": 1.001, \"reason\": \"x\"}");
    assertThat(tooPrecise.status()).isEqualTo(400);

    // 50.00 off the open invoice: its balance 200.00 becomes 150.00; nothing is credit yet.
    Response partial =
        http()
            .postJson(
                account + "/invoices/" + id + "/credit_notes",
                operator,
                "{\"amount\": 50.00, \"reason\": \"Outage on the 3rd\"}");
    assertThat(partial.status()).as(partial.body()).isEqualTo(201);
    assertThat(partial.json().at("/credit_note/number").asString()).matches("CN-\\d{6}");
    assertThat(partial.json().at("/credit_note/applied_minor").asLong()).isEqualTo(5000);
    assertThat(partial.json().at("/invoice/balance_minor").asLong()).isEqualTo(15000);
    assertThat(partial.json().at("/invoice/status").asString()).isEqualTo("open");

    // The rest in full: 216.00 - 50.00 = 166.00, of which 150.00 was still owed (now paid) and
    // 16.00 the transfer had covered, now credit.
    Response full =
        http()
            .postJson(
                account + "/invoices/" + id + "/credit_notes",
                operator,
                "{\"reason\": \"Billed the wrong entity\"}");
    assertThat(full.status()).as(full.body()).isEqualTo(201);
    assertThat(full.json().at("/credit_note/amount_minor").asLong()).isEqualTo(16600);
    assertThat(full.json().at("/credit_note/credit_minor").asLong()).isEqualTo(1600);
    assertThat(full.json().at("/invoice/status").asString()).isEqualTo("paid");
    Response again =
        http()
            .postJson(
                account + "/invoices/" + id + "/credit_notes", operator, "{\"reason\": \"x\"}");
    assertThat(again.status()).as("nothing left to credit").isEqualTo(409);

    // A check naming no invoice: 16.00 + 9.00 = 25.00 of credit.
    Response onAccount =
        http()
            .postJson(
                account + "/payments",
                operator,
                "{\"amount\": 9.00, \"check_number\": \"4401\", \"received_on\": \"2026-12-05\"}");
    assertThat(onAccount.status()).as(onAccount.body()).isEqualTo(201);
    assertThat(onAccount.json().at("/credit_minor/USD").asLong()).isEqualTo(2500);

    // Refunds: more than the credit is refused; 20.00 by check leaves 5.00.
    Response tooMuch =
        http()
            .postJson(
                account + "/refunds",
                operator,
                """
                {"method": "check", "amount": 25.01, "reference": "900", "reason": "x"}""");
    assertThat(tooMuch.status()).isEqualTo(409);
    Response noMethod =
        http().postJson(account + "/refunds", operator, "{\"amount\": 1.00, \"reason\": \"x\"}");
    assertThat(noMethod.status()).as(noMethod.body()).isEqualTo(400);
    assertThat(noMethod.body()).contains("must be card, check or transfer");
    Response refund =
        http()
            .postJson(
                account + "/refunds",
                operator,
                """
                {"method": "check", "amount": 20.00, "reference": "900",
                 "reason": "Customer asked for the credit back"}""");
    assertThat(refund.status()).as(refund.body()).isEqualTo(201);
    assertThat(http().postJson(account + "/refunds", team.token(), "{}").status()).isEqualTo(403);

    // What the tenant reads.
    String accountant = accountant(team);
    assertThat(
            http()
                .get("/api/v1/billing/balance", accountant)
                .json()
                .at("/credit_minor/USD")
                .asLong())
        .isEqualTo(500);
    JsonNode notes = http().get("/api/v1/billing/credit_notes", accountant).json();
    assertThat(notes.get("credit_notes")).hasSize(2);
    long noteId = notes.at("/credit_notes/0/id").asLong();
    Response pdf = http().get("/api/v1/billing/credit_notes/" + noteId + "/pdf", accountant);
    assertThat(pdf.status()).isEqualTo(200);
    assertThat(pdf.contentType()).startsWith("application/pdf");
    assertThat(http().get("/api/v1/billing/refunds", accountant).json().get("refunds")).hasSize(1);
    Team other = newTeam(60);
    assertThat(
            http().get("/api/v1/billing/credit_notes/" + noteId + "/pdf", other.token()).status())
        .isEqualTo(404);
  }

  @Test
  void aCardAccountWithoutAStripeKeyIsAProblemOnTheAccountAndAnIncidentForTheOperator() {
    String operator = operatorToken("operator_admin");
    Team team = newTeam(60);
    enrol(team, "card");
    String problems = "/api/v1/operator/accounts/" + team.accountId() + "/billing/problems";
    JsonNode[] seen = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              seen[0] = http().get(problems, operator).json();
              assertThat(seen[0].get("billing_problems")).hasSize(1);
            });
    assertThat(seen[0].get("billing_state").asString()).isEqualTo("problem");
    assertThat(seen[0].at("/billing_problems/0/step").asString()).isEqualTo("stripe_push");
    assertThat(seen[0].at("/billing_problems/0/message").asString()).contains("STRIPE_API_KEY");

    JsonNode tenant = http().get("/api/v1/billing/problems", team.token()).json();
    assertThat(tenant.get("billing_state").asString()).isEqualTo("problem");
    assertThat(tenant.at("/billing_problems/0/message").asString())
        .as("the tenant is told, without the operator's settings")
        .isEqualTo(BillingProblemController.TENANT_MESSAGE);
    assertThat(
            http()
                .get("/api/v1/billing/profile", team.token())
                .json()
                .get("billing_state")
                .asString())
        .isEqualTo("problem");

    long operatorId = operatorAccount.find().orElseThrow();
    long problemId = seen[0].at("/billing_problems/0/id").asLong();
    String dedupKey = "billing-problem-" + problemId;
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(incidentStatus(operatorId, dedupKey)).isEqualTo("triggered"));
    assertThat(
            jdbc.sql("select title from incidents where account_id = ? and dedup_key = ?")
                .param(operatorId)
                .param(dedupKey)
                .query(String.class)
                .single())
        .contains("Billing of")
        .contains("stripe_push");

    assertThat(
            http()
                .postJson(
                    "/api/v1/operator/accounts/"
                        + team.accountId()
                        + "/billing/problems/"
                        + problemId
                        + "/resolve",
                    team.token(),
                    "{}")
                .status())
        .isEqualTo(403);
    Response resolved = http().postJson(problems + "/" + problemId + "/resolve", operator, "{}");
    assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
    assertThat(http().get(problems, operator).json().get("billing_state").asString())
        .isEqualTo("ok");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(incidentStatus(operatorId, dedupKey)).isEqualTo("resolved"));
  }

  private String incidentStatus(long accountId, String dedupKey) {
    return jdbc.sql("select status from incidents where account_id = ? and dedup_key = ?")
        .param(accountId)
        .param(dedupKey)
        .query(String.class)
        .optional()
        .orElse("none");
  }

  /** Billing set up by the operator from last month, so last month is drafted at once. */
  private void enrol(Team team, String method) {
    Response setUp =
        http()
            .postJson(
                "/api/v1/operator/accounts/" + team.accountId() + "/billing/profile",
                operatorToken("operator_admin"),
                """
                {"collection_method": "%s", "billing_time_zone": "UTC",
                 "billing_email": "ap@example.com", "plan": "business", "seats": 3,
                 "starts": "%s", "confirm_earlier_start": true}"""
                    .formatted(method, YearMonth.now(ZoneOffset.UTC).minusMonths(1)));
    assertThat(setUp.status()).as(setUp.body()).isEqualTo(201);
  }

  private String accountant(Team team) {
    long carol =
        setup.createUser(
            team.accountId(), "Carol", "carol-" + team.routingKey() + "@example.com", "accountant");
    return tokens.createForUser(team.accountId(), carol, "carol");
  }
}
