package dev.vigil.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver;
import dev.vigil.support.HttpDriver.Response;
import java.io.IOException;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Invoices paid by check or transfer say how to pay them (docs/decisions/0053, 0054), through the
 * API of an installation with remittance details configured (the test properties: a mailing address
 * and a bank account). Business v1, 3 seats: 99.00 + 3 x 39.00 = 216.00 a month.
 */
class RemittanceApiTest extends AppTestBase {

  @Test
  void anApprovedInvoiceIsNumberedAndItsPdfSaysHowToPayAndShowsAnAchPayment() throws IOException {
    Team team = newTeam(60);
    String operator = operatorToken("operator_accountant");
    String invoices = "/api/v1/operator/accounts/" + team.accountId() + "/invoices/";
    enrol(http(), operatorToken("operator_admin"), team, "check");
    JsonNode draft = awaitInvoice(team.token(), "draft");
    long id = draft.get("id").asLong();
    assertThat(draft.path("number").isString()).as("a draft has no number: %s", draft).isFalse();
    assertThat(pdfText(id, team.token()))
        .contains("Invoice Draft")
        .as("a draft is not to be paid yet")
        .doesNotContain("How to pay");

    Response approved = http().postJson(invoices + id + "/approve", operator, "{}");
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    String number = approved.json().at("/invoice/number").asString();
    assertThat(number).matches("VIG-\\d{6}");

    Response ach =
        http()
            .postJson(
                invoices + id + "/payments",
                operator,
                """
                {"amount": 16.00, "method": "transfer", "reference": "ACH-20261202-0042",
                 "received_on": "2026-12-02"}""");
    assertThat(ach.status()).as(ach.body()).isEqualTo(200);
    JsonNode invoice = http().get("/api/v1/invoices/" + id, team.token()).json().get("invoice");
    assertThat(invoice.get("number").asString()).isEqualTo(number);
    assertThat(invoice.get("balance_minor").asLong()).isEqualTo(21600 - 1600);
    assertThat(invoice.at("/payments/0/method").asString()).isEqualTo("transfer");
    assertThat(invoice.at("/payments/0/check_number").asString()).isEqualTo("ACH-20261202-0042");

    String pdf = pdfText(id, team.token());
    assertThat(pdf)
        .contains("Invoice " + number)
        .contains("How to pay")
        .contains("Make your check payable to: Vigil Test Inc.")
        .contains("PO Box 4410", "Springfield, IL 62701")
        .contains("Or pay by bank transfer (ACH or wire) to:")
        .contains("Bank: First Test Bank")
        .contains("Account holder: Vigil Test Inc.")
        .contains("Account number: 000123456789")
        .contains("Routing / SWIFT: 021000021")
        .contains("Reference: " + number)
        .contains("ACH-20261202-0042");

    String mail =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    jdbc.sql(
                            "select body from billing_emails where invoice_id = ? and kind = 'invoice'")
                        .param(id)
                        .query(String.class)
                        .optional()
                        .orElse(null),
                body -> body != null);
    assertThat(mail)
        .contains("Invoice " + number)
        .contains("Bank: First Test Bank")
        .contains("Reference: " + number);
  }

  @Test
  void aDraftVoidedBeforeItIsIssuedTakesNoNumber() {
    Team team = newTeam(60);
    String operator = operatorToken("operator_accountant");
    String invoices = "/api/v1/operator/accounts/" + team.accountId() + "/invoices/";
    enrol(http(), operatorToken("operator_admin"), team, "check");
    long id = awaitInvoice(team.token(), "draft").get("id").asLong();

    Response voided =
        http().postJson(invoices + id + "/void", operator, "{\"reason\": \"billed in error\"}");
    assertThat(voided.status()).as(voided.body()).isEqualTo(200);
    assertThat(voided.json().at("/invoice/status").asString()).isEqualTo("void");
    assertThat(voided.json().at("/invoice/number").isString()).isFalse();
  }

  /** Bills the team from last month on, set up by the operator's admin. */
  static void enrol(HttpDriver http, String operatorAdmin, Team team, String method) {
    Response setUp =
        http.postJson(
            "/api/v1/operator/accounts/" + team.accountId() + "/billing/profile",
            operatorAdmin,
            """
                {"collection_method": "%s", "billing_time_zone": "UTC",
                 "billing_email": "ap@example.com", "plan": "business", "seats": 3,
                 "starts": "%s", "confirm_earlier_start": true}"""
                .formatted(method, YearMonth.now(ZoneOffset.UTC).minusMonths(1)));
    assertThat(setUp.status()).as(setUp.body()).isEqualTo(201);
  }

  private String pdfText(long id, String token) throws IOException {
    try (PDDocument document =
        Loader.loadPDF(http().getBytes("/api/v1/invoices/" + id + "/pdf", token))) {
      return new PDFTextStripper().getText(document);
    }
  }
}
