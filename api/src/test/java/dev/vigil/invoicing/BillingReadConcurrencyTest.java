package dev.vigil.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver.Response;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Every billing read at once from more callers than the pool has connections. A read that runs a
 * query while another's result is still open holds two connections; with four in the pool, forty
 * such callers take them all and wait on each other until the pool gives up. Each read here must
 * hold one connection at a time, so all forty are answered, none refused by the pool.
 */
@TestPropertySource(
    properties = {
      "spring.datasource.hikari.maximum-pool-size=4",
      // A deadlocked pool never frees a connection: its callers are refused (500) after 20 s. A
      // loaded machine may be slow, never refused.
      "spring.datasource.hikari.connection-timeout=20000"
    })
class BillingReadConcurrencyTest extends AppTestBase {

  private static final int CALLERS = 40;

  @Test
  void fortyConcurrentCallersOfEachBillingReadAreAllAnswered() throws Exception {
    Team team = newTeam(60);
    String lastMonth = YearMonth.now(ZoneOffset.UTC).minusMonths(1).toString();
    Response setUp =
        http()
            .postJson(
                "/api/v1/operator/accounts/" + team.accountId() + "/billing/profile",
                operatorToken("operator_admin"),
                """
                {"collection_method": "check", "billing_time_zone": "UTC",
                 "billing_email": "ap@example.com", "plan": "business", "seats": 2,
                 "starts": "%s", "confirm_earlier_start": true}"""
                    .formatted(lastMonth));
    assertThat(setUp.status()).as(setUp.body()).isEqualTo(201);
    long id = awaitDraft(team.token()).get("id").asLong();
    String operator = operatorToken("operator_accountant");
    String invoice = "/api/v1/operator/accounts/" + team.accountId() + "/invoices/" + id;
    // The invoice's workflow takes approval once it has loaded the draft.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> http().postJson(invoice + "/approve", operator, "{}").status() == 200);
    Response payment =
        http()
            .postJson(
                invoice + "/payments",
                operator,
                """
                {"amount": 10.00, "check_number": "77", "received_on": "2026-12-02"}""");
    assertThat(payment.status()).as(payment.body()).isEqualTo(200);

    List<String> reads =
        List.of(
            "/api/v1/billing/plans",
            "/api/v1/billing/profile",
            "/api/v1/billing/preview",
            "/api/v1/billing/balance",
            "/api/v1/billing/export.csv?from="
                + YearMonth.now(ZoneOffset.UTC).minusMonths(1).atDay(1)
                + "&to="
                + YearMonth.now(ZoneOffset.UTC).plusMonths(1).atDay(1),
            "/api/v1/invoices",
            "/api/v1/invoices/" + id,
            "/api/v1/invoices/" + id + "/pdf");

    ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
    try {
      for (String read : reads) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
          answers.add(
              callers.submit(
                  () -> {
                    start.await();
                    return http().get(read, team.token()).status();
                  }));
        }
        start.countDown();
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (Future<Integer> answer : answers) {
          statuses.merge(answer.get(60, TimeUnit.SECONDS), 1, Integer::sum);
        }

        assertThat(statuses).as(read).isEqualTo(Map.of(200, CALLERS));
      }
    } finally {
      callers.shutdownNow();
    }
  }

  private JsonNode awaitDraft(String token) {
    JsonNode[] found = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode invoices =
                  http().get("/api/v1/invoices?status=draft", token).json().get("invoices");
              assertThat(invoices).hasSize(1);
              found[0] = invoices.get(0);
            });
    return found[0];
  }
}
