package dev.vigil.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The running app, and people of a given role who log in with {@link #PASSWORD}. */
abstract class ConsoleTestBase extends AppTestBase {

  static final String PASSWORD = "correct horse battery staple";

  @Autowired PasswordEncoder passwords;

  /** A new user of the account with that role and a password; answers their login e-mail. */
  String person(long accountId, String name, String role) {
    String email = role + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    long user = setup.createUser(accountId, name, email, role);
    jdbc.sql("update users set password_hash = ? where id = ?")
        .params(passwords.encode(PASSWORD), user)
        .update();
    return email;
  }

  /** A member of the operator's staff ({@code operator_admin}, {@code operator_accountant}). */
  String operatorPerson(String role) {
    return person(operatorAccount.findOrCreate("Test operator"), "Olivia", role);
  }

  /**
   * Bills the account by check from last month, approves its first invoice and waits for the
   * invoice's mail, kept for the dev inbox with its PDF attached; answers that mail's id.
   */
  long invoiceMailed(Team team) {
    String lastMonth = YearMonth.now(ZoneOffset.UTC).minusMonths(1).toString();
    String operator = operatorToken("operator_admin");
    HttpDriver.Response setUp =
        http()
            .postJson(
                "/api/v1/operator/accounts/" + team.accountId() + "/billing/profile",
                operator,
                """
                {"collection_method": "check", "billing_time_zone": "UTC",
                 "billing_email": "ap@example.com", "plan": "business", "seats": 3,
                 "starts": "%s", "confirm_earlier_start": true}"""
                    .formatted(lastMonth));
    assertThat(setUp.status()).as(setUp.body()).isEqualTo(201);
    long invoice =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    http()
                        .get("/api/v1/invoices?status=draft", team.token())
                        .json()
                        .at("/invoices/0/id"),
                id -> !id.isMissingNode())
            .asLong();
    String approve =
        "/api/v1/operator/accounts/%d/invoices/%d/approve".formatted(team.accountId(), invoice);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> http().postJson(approve, operator, "{}").status() == 200);
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.sql(
                        """
                        select id from billing_emails
                        where invoice_id = ? and provider = 'dev-inbox'
                          and attachment_name is not null""")
                    .param(invoice)
                    .query(Long.class)
                    .optional(),
            Optional::isPresent)
        .orElseThrow();
  }
}
