package dev.vigil.billing.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.billing.invoice.Actor;
import dev.vigil.billing.invoice.Approval;
import dev.vigil.billing.invoice.Closure;
import dev.vigil.billing.invoice.InvoiceStatus;
import dev.vigil.billing.testsupport.BillingFixtures;
import dev.vigil.testsupport.ActivitiesTestApplication;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Invoice numbers are assigned when an invoice is issued, from one series with no gaps
 * (docs/decisions/0053), on real PostgreSQL. Other tests issue invoices in the same database: the
 * tests read the series' last number under its row lock, in the transaction that then issues.
 */
@SpringBootTest(classes = ActivitiesTestApplication.class)
@Timeout(60)
class InvoiceNumbersTest {

  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final YearMonth MARCH = YearMonth.of(2026, 3);
  static final Instant ISSUED = Instant.parse("2026-04-01T15:00:00Z");
  static final Actor OPERATOR = new Actor(null, "operator_accountant");

  @Autowired JdbcClient jdbc;
  @Autowired TransactionTemplate tx;
  @Autowired InvoiceDrafter drafter;
  @Autowired InvoiceActivitiesImpl ledger;
  BillingFixtures fixtures;

  @BeforeEach
  void fixtures() {
    fixtures = new BillingFixtures(jdbc);
  }

  @Test
  void invoicesOfSeveralAccountsAreNumberedConsecutivelyWhenIssuedAndDraftsHaveNone() {
    long acme = draft("Acme", CollectionMethod.CHECK);
    long initech = draft("Initech", CollectionMethod.CARD);
    long globex = draft("Globex", CollectionMethod.CHECK);
    assertThat(Arrays.asList(number(acme), number(initech), number(globex))).containsOnlyNulls();

    List<Long> issued =
        tx.execute(
            s -> {
              long before = lastIssued();
              approve(globex);
              ledger.issueCardInvoice(initech, ISSUED.toEpochMilli());
              approve(acme);
              return List.of(before, sequence(globex), sequence(initech), sequence(acme));
            });

    long before = issued.get(0);
    assertThat(issued.subList(1, 4)).containsExactly(before + 1, before + 2, before + 3);
    assertThat(number(globex)).isEqualTo("VIG-%06d".formatted(before + 1));
  }

  @Test
  void aDraftVoidedBeforeItIsIssuedTakesNoNumberAndAVoidedInvoiceKeepsItsOwn() {
    long voidedDraft = draft("Hooli", CollectionMethod.CHECK);
    long next = draft("Pied Piper", CollectionMethod.CHECK);

    long[] taken =
        tx.execute(
            s -> {
              long before = lastIssued();
              ledger.close(
                  voidedDraft,
                  InvoiceStatus.VOID.code(),
                  new Closure(OPERATOR, "duplicate"),
                  millis());
              return new long[] {before, approve(next)};
            });
    long issued = taken[1];

    assertThat(number(voidedDraft)).isNull();
    assertThat(issued).as("the voided draft took no number").isEqualTo(taken[0] + 1);

    ledger.close(next, InvoiceStatus.VOID.code(), new Closure(OPERATOR, "sent in error"), millis());
    assertThat(number(next)).as("voiding is not un-issuing").isEqualTo(format(issued));
  }

  @Test
  void anIssueThatRollsBackLeavesNoGap() {
    long first = draft("Umbrella", CollectionMethod.CHECK);
    long second = draft("Soylent", CollectionMethod.CHECK);

    long[] rolledBack = new long[1];
    tx.executeWithoutResult(
        s -> {
          rolledBack[0] = approve(first);
          s.setRollbackOnly();
        });
    long taken = tx.execute(s -> approve(second));

    assertThat(number(first)).isNull();
    assertThat(taken).isEqualTo(rolledBack[0]);
  }

  @Test
  void twoInvoicesIssuedAtOnceGetDistinctConsecutiveNumbers() throws Exception {
    long first = draft("Wonka", CollectionMethod.CHECK);
    long second = draft("Tyrell", CollectionMethod.CARD);
    CountDownLatch firstHoldsTheSeries = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      // The first issue holds its transaction open after taking its number; the second is issued
      // meanwhile from another thread, and must wait for it rather than take the same number.
      Future<Long> one =
          threads.submit(
              () ->
                  tx.execute(
                      s -> {
                        long n = approve(first);
                        firstHoldsTheSeries.countDown();
                        sleep(1_500);
                        return n;
                      }));
      assertThat(firstHoldsTheSeries.await(20, TimeUnit.SECONDS)).isTrue();
      long startedAt = System.nanoTime();
      Future<Long> two =
          threads.submit(
              () ->
                  tx.execute(
                      s -> {
                        ledger.issueCardInvoice(second, ISSUED.toEpochMilli());
                        return sequence(second);
                      }));

      long a = one.get(30, TimeUnit.SECONDS);
      long b = two.get(30, TimeUnit.SECONDS);
      assertThat(b).isEqualTo(a + 1);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt))
          .as("the second issue waited for the first to commit")
          .isGreaterThan(500);
      assertThat(number(first)).isEqualTo(format(a));
      assertThat(number(second)).isEqualTo(format(b));
    } finally {
      threads.shutdownNow();
    }
  }

  /** A draft of March for a new account on the Team plan. */
  private long draft(String name, CollectionMethod method) {
    long account =
        fixtures.account(
            name + " " + System.nanoTime(),
            "US",
            method,
            NEW_YORK,
            "billing@example.test",
            MARCH.atDay(1).atStartOfDay(NEW_YORK).toInstant());
    fixtures.subscribe(account, "team", 1, MARCH.atDay(1).atStartOfDay(NEW_YORK).toInstant());
    return drafter.draft(account, MARCH);
  }

  /** Approves a check invoice and answers the sequence number it was issued with. */
  private long approve(long invoiceId) {
    ledger.approve(invoiceId, new Approval(OPERATOR, List.of()), millis());
    return sequence(invoiceId);
  }

  private long sequence(long invoiceId) {
    return Long.parseLong(number(invoiceId).substring("VIG-".length()));
  }

  private String number(long invoiceId) {
    return jdbc.sql("select number from invoices where id = ?")
        .param(invoiceId)
        .query((rs, n) -> rs.getString(1))
        .list()
        .get(0);
  }

  /** The series' last number, its row locked until the caller's transaction ends. */
  private long lastIssued() {
    return jdbc.sql("select last_number from invoice_number_series where prefix = 'VIG' for update")
        .query(Long.class)
        .single();
  }

  private static String format(long sequence) {
    return "VIG-%06d".formatted(sequence);
  }

  private static long millis() {
    return ISSUED.toEpochMilli();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
