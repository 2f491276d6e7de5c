package dev.vigil.billing.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testsupport.TestDatabase;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Migration V25 on a database with invoices numbered the old way, at draft time with gaps
 * (docs/decisions/0053): drafts lose their number, issued invoices keep the numbers customers hold,
 * and the counter goes on from the highest.
 */
class InvoiceNumbersMigrationTest {

  @Test
  void issuedInvoicesKeepTheirNumbersAndDraftsLoseTheirs() {
    TestDatabase.Connection db = TestDatabase.fresh();
    DriverManagerDataSource dataSource =
        new DriverManagerDataSource(db.url(), db.username(), db.password());
    Flyway.configure().dataSource(dataSource).target("24").load().migrate();
    JdbcClient jdbc = JdbcClient.create(dataSource);
    long account =
        jdbc.sql("insert into accounts (name) values ('Old Invoices') returning id")
            .query(Long.class)
            .single();
    // Numbered when drafted, with gaps (5 and 8 never issued); issued in another order.
    long lateIssued = invoice(jdbc, account, "VIG-000003", 1, "2026-06-03T10:00:00Z", "paid");
    long draft = invoice(jdbc, account, "VIG-000005", 2, null, "draft");
    long firstIssued = invoice(jdbc, account, "VIG-000007", 3, "2026-06-01T10:00:00Z", "open");
    long voidedDraft = invoice(jdbc, account, "VIG-000008", 4, null, "void");
    long voidedIssued = invoice(jdbc, account, "VIG-000009", 5, "2026-06-02T10:00:00Z", "void");

    Flyway.configure().dataSource(dataSource).target("25").load().migrate();

    assertThat(numbers(jdbc, List.of(firstIssued, voidedIssued, lateIssued, draft, voidedDraft)))
        .containsExactly("VIG-000007", "VIG-000009", "VIG-000003", null, null);
    assertThat(
            jdbc.sql("select last_number from invoice_number_series where prefix = 'VIG'")
                .query(Long.class)
                .single())
        .isEqualTo(9);
  }

  private static long invoice(
      JdbcClient jdbc, long account, String number, int month, String issuedAt, String status) {
    return jdbc.sql(
            """
            insert into invoices (account_id, number, period_start, period_end, billing_time_zone,
                                  currency, plan_version_id, collection_method, status, issued_at)
            values (?, ?, make_timestamptz(2026, ?, 1, 0, 0, 0, 'UTC'),
                    make_timestamptz(2026, ? + 1, 1, 0, 0, 0, 'UTC'), 'UTC', 'USD',
                    (select min(id) from plan_versions), 'check', ?, cast(? as timestamptz))
            returning id
            """)
        .params(account, number, month, month, status, issuedAt)
        .query(Long.class)
        .single();
  }

  private static List<String> numbers(JdbcClient jdbc, List<Long> ids) {
    return ids.stream()
        .map(
            id ->
                jdbc.sql("select number from invoices where id = ?")
                    .param(id)
                    .query((rs, n) -> rs.getString(1))
                    .list()
                    .get(0))
        .toList();
  }
}
