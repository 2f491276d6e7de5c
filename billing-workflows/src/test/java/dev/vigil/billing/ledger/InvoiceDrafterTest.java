package dev.vigil.billing.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.billing.rating.BillingPeriod;
import dev.vigil.billing.rating.RatedInvoice;
import dev.vigil.billing.rating.RatedLine;
import dev.vigil.billing.rating.RatedUsage;
import dev.vigil.billing.testsupport.BillingFixtures;
import dev.vigil.testsupport.ActivitiesTestApplication;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Drafting invoices on a real PostgreSQL, by the rules of decision 0008. Amounts are worked out by
 * hand from the catalog of V8__billing.sql: Team has no base fee, seats at 1900, 200 domestic SMS
 * segments included then 1.5, international SMS 9.0 and international voice 18.0 per unit from the
 * first; Business is 9900 plus 3900 a seat.
 */
@SpringBootTest(classes = ActivitiesTestApplication.class)
class InvoiceDrafterTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final YearMonth OCTOBER = YearMonth.of(2026, 10);
  private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
  private static final YearMonth DECEMBER = YearMonth.of(2026, 12);
  private static final String US_MOBILE = "+14155550100";
  private static final String UK_MOBILE = "+447400123456";

  @Autowired JdbcClient jdbc;
  @Autowired InvoiceDrafter drafter;
  @Autowired DataSource dataSource;

  BillingFixtures fixtures;

  @BeforeEach
  void fixtures() {
    fixtures = new BillingFixtures(jdbc);
  }

  @ParameterizedTest
  @ValueSource(strings = {"America/New_York", "Asia/Kolkata", "Pacific/Auckland"})
  void usageBelongsToTheMonthOfTheBillingTimeZone(String zoneId) {
    ZoneId zone = ZoneId.of(zoneId);
    long account = teamAccount("Boundaries " + zoneId, "US", zone);
    long lastMinuteOfOctober =
        fixtures.sms(account, local(zone, 2026, 10, 31, 23, 59), US_MOBILE, "US", 3);
    long firstMinuteOfNovember =
        fixtures.sms(account, local(zone, 2026, 11, 1, 0, 1), US_MOBILE, "US", 2);

    long october = drafter.draft(account, OCTOBER);

    assertThat(invoice(october).periodStart()).isEqualTo(local(zone, 2026, 10, 1, 0, 0));
    assertThat(invoice(october).periodEnd()).isEqualTo(local(zone, 2026, 11, 1, 0, 0));
    assertThat(invoice(october).billingTimeZone()).isEqualTo(zoneId);
    assertThat(usage(october, "sms_domestic")).containsExactly(usageRow(OCTOBER, zone, 3, 200, 0));
    assertThat(billed(lastMinuteOfOctober)).containsExactly(new Billed(october, 3));
    // Sent at or after the end of October: the October draft leaves it alone.
    assertThat(billed(firstMinuteOfNovember)).isEmpty();

    long november = drafter.draft(account, NOVEMBER);

    assertThat(usage(november, "sms_domestic"))
        .containsExactly(usageRow(NOVEMBER, zone, 2, 200, 0));
    assertThat(billed(firstMinuteOfNovember)).containsExactly(new Billed(november, 2));
    assertThat(billed(lastMinuteOfOctober)).containsExactly(new Billed(october, 3));
  }

  /**
   * The PostgreSQL the app embeds has zone rules of its own, and for some zones they are not the
   * JDK's (America/Vancouver from November 2026, the legacy id CET). Java's rules draw the period,
   * so they alone decide which month a notification belongs to: the last half hour of a month is
   * billed in it, the first of the next month in the next, and no draft fails.
   */
  @ParameterizedTest
  @ValueSource(strings = {"America/Vancouver", "CET", "Europe/Berlin"})
  void theMonthOfUsageFollowsJavasZoneRulesWherePostgresqlDisagrees(String zoneId) {
    ZoneId zone = ZoneId.of(zoneId);
    long account = teamAccount("Zone rules " + zoneId, "US", zone);
    long lastOfNovember =
        fixtures.sms(account, local(zone, 2026, 11, 30, 23, 30), US_MOBILE, "US", 4);
    long firstOfDecember =
        fixtures.sms(account, local(zone, 2026, 12, 1, 0, 30), US_MOBILE, "US", 6);

    drafter.draft(account, OCTOBER);
    long november = drafter.draft(account, NOVEMBER);
    long december = drafter.draft(account, DECEMBER);

    assertThat(usage(november, "sms_domestic"))
        .containsExactly(usageRow(NOVEMBER, zone, 4, 200, 0));
    assertThat(billed(lastOfNovember)).containsExactly(new Billed(november, 4));
    assertThat(usage(december, "sms_domestic"))
        .containsExactly(usageRow(DECEMBER, zone, 6, 200, 0));
    assertThat(billed(firstOfDecember)).containsExactly(new Billed(december, 6));
  }

  @ParameterizedTest
  @ValueSource(strings = {"CET", "America/Vancouver"})
  void summerMonthsFollowJavasZoneRulesToo(String zoneId) {
    ZoneId zone = ZoneId.of(zoneId);
    long account = fixtures.account("Summer " + zoneId, "US", zone, local(zone, 2026, 6, 1, 0, 0));
    fixtures.subscribe(account, "team", 1, local(zone, 2026, 5, 15, 0, 0));
    long lastOfJune = fixtures.sms(account, local(zone, 2026, 6, 30, 23, 30), US_MOBILE, "US", 3);
    long firstOfJuly = fixtures.sms(account, local(zone, 2026, 7, 1, 0, 30), US_MOBILE, "US", 5);

    long june = drafter.draft(account, YearMonth.of(2026, 6));
    long july = drafter.draft(account, YearMonth.of(2026, 7));

    assertThat(billed(lastOfJune)).containsExactly(new Billed(june, 3));
    assertThat(billed(firstOfJuly)).containsExactly(new Billed(july, 5));
    assertThat(usage(july, "sms_domestic"))
        .containsExactly(usageRow(YearMonth.of(2026, 7), zone, 5, 200, 0));
  }

  @Test
  void aDraftIsWrittenOnceWithEveryUsageTypeInItsBreakdown() {
    long account = teamAccount("Idempotent", "US", NEW_YORK);
    // 250 segments: 50 over 200 at 1.5 = 75.
    long sms = fixtures.sms(account, local(NEW_YORK, 2026, 10, 12, 9, 0), US_MOBILE, "US", 250);

    long first = drafter.draft(account, OCTOBER);
    List<Line> linesOfFirst = lines(first);
    long second = drafter.draft(account, OCTOBER);

    assertThat(second).isEqualTo(first);
    assertThat(lines(second))
        .isEqualTo(linesOfFirst)
        .containsExactly(
            new Line("seats", "Team v1, 1 seat, 1–31 Oct 2026", null, "1", "1900", 1900),
            new Line(
                "usage",
                "SMS, domestic: 250 segments, 200 included, 50 over",
                "sms_domestic",
                "50",
                "1.5",
                75));
    Invoice invoice = invoice(first);
    assertThat(invoice.number()).as("a draft has no number until it is issued").isNull();
    assertThat(invoice.status()).isEqualTo("draft");
    assertThat(invoice.currency()).isEqualTo("USD");
    assertThat(invoice.collectionMethod()).isEqualTo("card");
    assertThat(invoice.totalMinor()).isEqualTo(1975);
    assertThat(
            jdbc.sql("select count(*) from invoices where account_id = ?")
                .param(account)
                .query(Long.class)
                .single())
        .isEqualTo(1);
    assertThat(billed(sms)).containsExactly(new Billed(first, 250));
    assertThat(
            jdbc.sql(
                    "select usage_type from invoice_usage where invoice_id = ? order by usage_type")
                .param(first)
                .query(String.class)
                .list())
        .containsExactly(
            "email", "sms_domestic", "sms_international", "voice_domestic", "voice_international");
  }

  @Test
  void aDraftWaitsForAnotherDraftOfTheSameAccount() throws Exception {
    long account = teamAccount("Serialized", "US", NEW_YORK);
    long sms = fixtures.sms(account, local(NEW_YORK, 2026, 10, 12, 9, 0), US_MOBILE, "US", 250);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Long> waiting;
      // Another draft in progress holds the account's billing profile.
      try (Connection other = dataSource.getConnection()) {
        other.setAutoCommit(false);
        try (PreparedStatement lock =
            other.prepareStatement(
                "select account_id from billing_profiles where account_id = ? for update")) {
          lock.setLong(1, account);
          lock.executeQuery().close();
          waiting = pool.submit(() -> drafter.draft(account, OCTOBER));
          Thread.sleep(500);
          assertThat(waiting).isNotDone();
          assertThat(invoiceCount(account)).isZero();
        } finally {
          other.rollback();
        }
      }
      long drafted = waiting.get(30, TimeUnit.SECONDS);

      // Two at once: one drafts, the other finds its invoice.
      CountDownLatch go = new CountDownLatch(1);
      Callable<Long> november =
          () -> {
            go.await();
            return drafter.draft(account, NOVEMBER);
          };
      Future<Long> first = pool.submit(november);
      Future<Long> second = pool.submit(november);
      go.countDown();
      assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(second.get(30, TimeUnit.SECONDS));
      assertThat(invoiceCount(account)).isEqualTo(2);
      assertThat(billed(sms)).containsExactly(new Billed(drafted, 250));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void usageBeforeTheFirstBilledMonthIsNeverBilled() {
    long account = teamAccount("Before billing", "US", NEW_YORK);
    long september = fixtures.sms(account, local(NEW_YORK, 2026, 9, 30, 23, 0), UK_MOBILE, "GB", 7);

    assertThatThrownBy(() -> drafter.draft(account, YearMonth.of(2026, 9)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("billed from 2026-10");
    drafter.draft(account, OCTOBER);
    long november = drafter.draft(account, NOVEMBER);

    assertThat(billed(september)).isEmpty();
    assertThat(invoice(november).totalMinor()).isEqualTo(1900);
  }

  @Test
  void usageOfAMonthNeverInvoicedIsLateUsageRatedWithThePlanOfThatMonth() {
    long account = teamAccount("Skipped month", "US", NEW_YORK);
    fixtures.sms(account, local(NEW_YORK, 2026, 10, 12, 9, 0), US_MOBILE, "US", 250);
    // From November on, Business: October's usage is still rated by Team's quota and price.
    fixtures.subscribe(account, "business", 1, local(NEW_YORK, 2026, 11, 1, 0, 0));

    long november = drafter.draft(account, NOVEMBER);

    // Nothing billed for October: 250 - 200 = 50 over at 1.5 = 75.
    assertThat(lines(november))
        .containsExactly(
            new Line("base_fee", "Business v1 base fee, 1–30 Nov 2026", null, "1", "9900", 9900),
            new Line("seats", "Business v1, 1 seat, 1–30 Nov 2026", null, "1", "3900", 3900),
            new Line(
                "late_usage",
                "Late usage from Oct 2026 — SMS, domestic: 250 segments, 50 over",
                "sms_domestic",
                "50",
                "1.5",
                75));
    assertThat(invoice(november).totalMinor()).isEqualTo(13875);
  }

  @Test
  void usageRecordedAfterItsMonthWasDraftedIsBilledOnceOnTheNextInvoice() {
    long account = teamAccount("Late", "US", NEW_YORK);
    fixtures.sms(account, local(NEW_YORK, 2026, 10, 5, 10, 0), US_MOBILE, "US", 150);
    fixtures.sms(account, local(NEW_YORK, 2026, 10, 6, 10, 0), US_MOBILE, "US", 48);
    long october = drafter.draft(account, OCTOBER);
    // 198 of 200 segments: no usage line.
    assertThat(invoice(october).totalMinor()).isEqualTo(1900);

    long late = fixtures.sms(account, local(NEW_YORK, 2026, 10, 20, 10, 0), US_MOBILE, "US", 5);
    long november = drafter.draft(account, NOVEMBER);

    // 2 of the 5 still fit October's quota; 3 x 1.5 = 4.5 -> 5.
    assertThat(lines(november))
        .containsExactly(
            new Line("seats", "Team v1, 1 seat, 1–30 Nov 2026", null, "1", "1900", 1900),
            new Line(
                "late_usage",
                "Late usage from Oct 2026 — SMS, domestic: 5 segments, 3 over",
                "sms_domestic",
                "3",
                "1.5",
                5));
    assertThat(invoice(november).totalMinor()).isEqualTo(1905);
    assertThat(usage(november, "sms_domestic"))
        .containsExactly(
            usageRow(OCTOBER, NEW_YORK, 5, 200, 3), usageRow(NOVEMBER, NEW_YORK, 0, 200, 0));
    assertThat(billed(late)).containsExactly(new Billed(november, 5));

    long december = drafter.draft(account, DECEMBER);

    assertThat(lines(december))
        .containsExactly(
            new Line("seats", "Team v1, 1 seat, 1–31 Dec 2026", null, "1", "1900", 1900));
    assertThat(billed(late)).containsExactly(new Billed(november, 5));
  }

  @Test
  void aCallsDurationArrivingAfterTheDraftBillsOnlyTheExtraMinutesOnce() {
    long account = teamAccount("Late duration", "US", NEW_YORK);
    long call = fixtures.call(account, local(NEW_YORK, 2026, 10, 9, 3, 0), UK_MOBILE, "GB", 61);
    long october = drafter.draft(account, OCTOBER);
    // 61 s is 2 minutes, international: 2 x 18.0 = 36.
    assertThat(lines(october))
        .contains(
            new Line(
                "usage",
                "Voice, international: 2 minutes, 0 included, 2 over",
                "voice_international",
                "2",
                "18",
                36));

    fixtures.callDuration(account, call, 185);
    long november = drafter.draft(account, NOVEMBER);
    long december = drafter.draft(account, DECEMBER);

    // 185 s is 4 minutes, 2 of them billed: 2 x 18.0 = 36 more.
    assertThat(lines(november))
        .contains(
            new Line(
                "late_usage",
                "Late usage from Oct 2026 — Voice, international: 2 minutes",
                "voice_international",
                "2",
                "18",
                36));
    assertThat(invoice(november).totalMinor()).isEqualTo(1900 + 36);
    assertThat(invoice(december).totalMinor()).isEqualTo(1900);
    assertThat(billed(call)).containsExactly(new Billed(october, 2), new Billed(november, 2));
  }

  @Test
  void voiceMinutesRoundUpPerCallAndFailedNotificationsAreNotBilled() {
    long account = teamAccount("Minutes", "US", NEW_YORK);
    Instant day = local(NEW_YORK, 2026, 10, 14, 12, 0);
    fixtures.call(account, day, UK_MOBILE, "GB", 61); // 2 minutes
    fixtures.call(account, day, UK_MOBILE, "GB", 59); // 1 minute
    fixtures.call(account, day, UK_MOBILE, "GB", 60); // 1 minute
    fixtures.call(account, day, UK_MOBILE, "GB", 0); // not answered: 0
    fixtures.callWithoutDuration(account, day, UK_MOBILE, "GB"); // 0 until its callback
    fixtures.sms(account, day, UK_MOBILE, "GB", 1);
    long refused = fixtures.sms(account, day, UK_MOBILE, "GB", 4);
    fixtures.status(account, refused, "failed");
    long stillSending = fixtures.call(account, day, UK_MOBILE, "GB", 600);
    fixtures.status(account, stillSending, "sending");
    long sentThenUndelivered = fixtures.email(account, day);
    fixtures.status(account, sentThenUndelivered, "sent");

    long october = drafter.draft(account, OCTOBER);

    // 4 minutes, not ceil(180 s / 60) = 3: 4 x 18.0 = 72. One SMS segment at 9.0.
    assertThat(lines(october))
        .containsExactly(
            new Line("seats", "Team v1, 1 seat, 1–31 Oct 2026", null, "1", "1900", 1900),
            new Line(
                "usage",
                "SMS, international: 1 segment, 0 included, 1 over",
                "sms_international",
                "1",
                "9",
                9),
            new Line(
                "usage",
                "Voice, international: 4 minutes, 0 included, 4 over",
                "voice_international",
                "4",
                "18",
                72));
    assertThat(usage(october, "email")).containsExactly(usageRow(OCTOBER, NEW_YORK, 1, 1000, 0));
    assertThat(billed(refused)).isEmpty();
    assertThat(billed(stillSending)).isEmpty();
    assertThat(invoice(october).totalMinor()).isEqualTo(1981);
  }

  @Test
  void domesticMeansTheAccountsHomeCountry() {
    ZoneId london = ZoneId.of("Europe/London");
    long account = teamAccount("Home GB", "GB", london);
    Instant day = local(london, 2026, 10, 2, 8, 0);
    fixtures.sms(account, day, UK_MOBILE, "GB", 2); // domestic
    fixtures.sms(account, day, "+447911234567", null, 3); // country from the number: domestic
    fixtures.sms(account, day, US_MOBILE, "US", 1); // international
    fixtures.sms(account, day, "+999123", null); // no country: international; 1 segment
    fixtures.call(account, day, US_MOBILE, null, 30); // +1: international, 1 minute
    fixtures.call(account, day, UK_MOBILE, "GB", 90); // domestic, 2 minutes

    long october = drafter.draft(account, OCTOBER);

    assertThat(usage(october, "sms_domestic"))
        .containsExactly(usageRow(OCTOBER, london, 5, 200, 0));
    assertThat(usage(october, "sms_international"))
        .containsExactly(usageRow(OCTOBER, london, 2, 0, 2));
    assertThat(usage(october, "voice_domestic"))
        .containsExactly(usageRow(OCTOBER, london, 2, 100, 0));
    assertThat(usage(october, "voice_international"))
        .containsExactly(usageRow(OCTOBER, london, 1, 0, 1));
    // 1900 + 2 x 9.0 + 1 x 18.0
    assertThat(invoice(october).totalMinor()).isEqualTo(1936);
  }

  @Test
  void appliedCreditIsTakenFromTheBalanceAndTheRestCarriesOver() {
    long account = teamAccount("Credit", "US", NEW_YORK);
    fixtures.credit(account, "USD", 2500);
    fixtures.credit(account, "EUR", 10_000); // another currency: not for USD invoices

    long october = drafter.draft(account, OCTOBER);
    long november = drafter.draft(account, NOVEMBER);

    // -min(2500, 1900): October is free, 600 remains.
    assertThat(lines(october))
        .last()
        .isEqualTo(new Line("account_credit", "Account credit applied", null, "1", "-1900", -1900));
    assertThat(invoice(october).totalMinor()).isZero();
    // -min(600, 1900)
    assertThat(lines(november))
        .last()
        .isEqualTo(new Line("account_credit", "Account credit applied", null, "1", "-600", -600));
    assertThat(invoice(november).totalMinor()).isEqualTo(1300);
    assertThat(
            jdbc.sql(
                    """
                    select c.amount_minor, c.description, c.invoice_id from account_credits c
                    where c.account_id = ? and c.invoice_id is not null order by c.id
                    """)
                .param(account)
                .query((rs, n) -> rs.getLong(1) + " " + rs.getString(2) + " " + rs.getLong(3))
                .list())
        // A draft has no number yet: the credit names the invoice's month.
        .containsExactly(
            "-1900 Applied to the invoice of 2026-10 " + october,
            "-600 Applied to the invoice of 2026-11 " + november);
    assertThat(
            jdbc.sql(
                    "select currency, sum(amount_minor) from account_credits where account_id = ?"
                        + " group by currency order by currency")
                .param(account)
                .query((rs, n) -> rs.getString(1) + " " + rs.getLong(2))
                .list())
        .containsExactly("EUR 10000", "USD 0");
  }

  @Test
  void aPreviewIsTheDraftOfTheSameUsageAndWritesNothing() {
    long account = teamAccount("Preview", "US", NEW_YORK);
    fixtures.sms(account, local(NEW_YORK, 2026, 10, 3, 0, 0), US_MOBILE, "US", 199);
    drafter.draft(account, OCTOBER);
    fixtures.sms(account, local(NEW_YORK, 2026, 10, 30, 0, 0), US_MOBILE, "US", 4); // late
    fixtures.sms(account, local(NEW_YORK, 2026, 11, 3, 0, 0), US_MOBILE, "US", 230);
    fixtures.sms(account, local(NEW_YORK, 2026, 11, 4, 0, 0), UK_MOBILE, "GB", 2);
    fixtures.call(account, local(NEW_YORK, 2026, 11, 5, 0, 0), UK_MOBILE, "GB", 130);
    fixtures.email(account, local(NEW_YORK, 2026, 11, 6, 0, 0));
    fixtures.credit(account, "USD", 100);
    Instant asOf = local(NEW_YORK, 2026, 11, 30, 23, 0);
    long billedBefore = billedRows(account);

    RatedInvoice preview = drafter.preview(account, asOf);

    assertThat(billedRows(account)).isEqualTo(billedBefore);
    assertThat(invoiceCount(account)).isEqualTo(1);
    assertThat(preview.period()).isEqualTo(new BillingPeriod(NOVEMBER, NEW_YORK));
    long november = drafter.draft(account, NOVEMBER);
    assertThat(preview.lines().stream().map(Line::of).toList()).isEqualTo(lines(november));
    // 1900 + 30 x 1.5 = 45 + 2 x 9.0 = 18 + 3 x 18.0 = 54 + late (3 of 4 over October's 200) 3 x
    // 1.5 = 4.5 -> 5, less 100 credit.
    assertThat(preview.totalMinor()).isEqualTo(invoice(november).totalMinor()).isEqualTo(1922);
    assertThat(preview.usage().stream().map(InvoiceDrafterTest::typed).toList())
        .containsExactlyInAnyOrderElementsOf(allUsage(november));
  }

  @Test
  void aPreviewCountsOnlyUsageSentBeforeItsInstant() {
    long account = teamAccount("Preview cutoff", "US", NEW_YORK);
    fixtures.sms(account, local(NEW_YORK, 2026, 11, 3, 0, 0), UK_MOBILE, "GB", 2);
    fixtures.sms(account, local(NEW_YORK, 2026, 11, 20, 0, 0), UK_MOBILE, "GB", 5);

    RatedInvoice preview = drafter.preview(account, local(NEW_YORK, 2026, 11, 10, 0, 0));

    assertThat(preview.usage())
        .contains(
            new RatedUsage(
                dev.vigil.billing.catalog.UsageType.SMS_INTERNATIONAL,
                local(NEW_YORK, 2026, 11, 1, 0, 0),
                2,
                0,
                2));
    // 1900 + 2 x 9.0
    assertThat(preview.totalMinor()).isEqualTo(1918);
  }

  @Test
  void aMidMonthPlanChangeIsProratedOnTheInvoice(@Autowired Subscriptions subscriptions) {
    long account = fixtures.account("Upgrade", "US", NEW_YORK, local(NEW_YORK, 2026, 11, 1, 0, 0));
    subscriptions.record(account, "team", 2, local(NEW_YORK, 2026, 11, 1, 0, 0), "signed up");
    subscriptions.record(account, "business", 2, local(NEW_YORK, 2026, 11, 16, 0, 0), "upgrade");

    long november = drafter.draft(account, NOVEMBER);

    // 2,595,600 s in November (the hour of 1 Nov repeats); Team for 1,299,600 s = 361/721,
    // Business for 1,296,000 s = 360/721.
    assertThat(lines(november))
        .containsExactly(
            // 2 x 1900 x 361/721 = 1902.6352... -> 1903
            new Line(
                "seats",
                "Team v1, 2 seats, 1 Nov 00:00 – 16 Nov 00:00 (prorated)",
                null,
                "1.001387",
                "1900",
                1903),
            // 9900 x 360/721 = 4943.1345... -> 4943
            new Line(
                "base_fee",
                "Business v1 base fee, 16 Nov 00:00 – 1 Dec 00:00 (prorated)",
                null,
                "0.499307",
                "9900",
                4943),
            // 2 x 3900 x 360/721 = 3894.5908... -> 3895
            new Line(
                "seats",
                "Business v1, 2 seats, 16 Nov 00:00 – 1 Dec 00:00 (prorated)",
                null,
                "0.998613",
                "3900",
                3895));
    assertThat(invoice(november).totalMinor()).isEqualTo(1903 + 4943 + 3895);
    assertThat(invoice(november).planCode()).isEqualTo("business");
  }

  @Test
  void anUpgradeInTheLastHourDoesNotRepriceTheMonthsUsage(@Autowired Subscriptions subscriptions) {
    long account =
        fixtures.account("Late upgrade", "US", NEW_YORK, local(NEW_YORK, 2026, 11, 1, 0, 0));
    subscriptions.record(account, "team", 1, local(NEW_YORK, 2026, 11, 1, 0, 0), "signed up");
    Instant upgrade = local(NEW_YORK, 2026, 11, 30, 23, 0);
    subscriptions.record(account, "business", 1, upgrade, "upgrade");
    long sent = fixtures.sms(account, local(NEW_YORK, 2026, 11, 10, 9, 0), US_MOBILE, "US", 6_000);

    long november = drafter.draft(account, NOVEMBER);

    // November in New York is 2,595,600 s: Team for 2,592,000 s = 720/721, Business for the last
    // 3,600 s = 1/721.
    assertThat(lines(november))
        .containsExactly(
            // 1900 x 720/721 = 1897.3648... -> 1897
            new Line(
                "seats",
                "Team v1, 1 seat, 1 Nov 00:00 – 30 Nov 23:00 (prorated)",
                null,
                "0.998613",
                "1900",
                1897),
            // 9900 x 1/721 = 13.7309... -> 14
            new Line(
                "base_fee",
                "Business v1 base fee, 30 Nov 23:00 – 1 Dec 00:00 (prorated)",
                null,
                "0.001387",
                "9900",
                14),
            // 3900 x 1/721 = 5.4092... -> 5
            new Line(
                "seats",
                "Business v1, 1 seat, 30 Nov 23:00 – 1 Dec 00:00 (prorated)",
                null,
                "0.001387",
                "3900",
                5),
            // The 6,000 segments were sent under Team: 200 x 720/721 = 199.72 -> 200 included,
            // 5,800 over at 1.5 = 8700. (Rated with Business's 2,000 they would have paid 5000.)
            new Line(
                "usage",
                "SMS, domestic, Team v1 1 Nov 00:00 – 30 Nov 23:00: 6,000 segments, 200 included,"
                    + " 5,800 over",
                "sms_domestic",
                "5800",
                "1.5",
                8700));
    assertThat(invoice(november).totalMinor()).isEqualTo(1897 + 14 + 5 + 8700);
    assertThat(billed(sent)).containsExactly(new Billed(november, 6_000));
  }

  @Test
  void beforeBillingStartsThePreviewIsTheFirstMonthsFees() {
    long account =
        fixtures.account("Starts later", "US", NEW_YORK, local(NEW_YORK, 2026, 12, 1, 0, 0));
    fixtures.subscribe(account, "team", 2, local(NEW_YORK, 2026, 12, 1, 0, 0));
    fixtures.sms(account, local(NEW_YORK, 2026, 11, 20, 9, 0), US_MOBILE, "US", 500);

    RatedInvoice preview = drafter.preview(account, local(NEW_YORK, 2026, 11, 28, 12, 0));

    // December's invoice as it stands: 2 x 1900 seats; November's SMS are before billing began.
    assertThat(preview.period().month()).isEqualTo(DECEMBER);
    assertThat(preview.lines()).extracting(RatedLine::amountMinor).containsExactly(3800L);
    assertThat(preview.totalMinor()).isEqualTo(3800);
  }

  @Test
  void accountsThatAreNotBilledOrHaveNoSubscriptionAreNotDrafted() {
    long unsubscribed =
        fixtures.account("Unsubscribed", "US", NEW_YORK, local(NEW_YORK, 2026, 10, 1, 0, 0));
    assertThatThrownBy(() -> drafter.draft(unsubscribed, OCTOBER))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no subscription in force");
    assertThat(invoiceCount(unsubscribed)).isZero();
    long notBilled =
        jdbc.sql("insert into accounts (name) values ('Not billed') returning id")
            .query(Long.class)
            .single();
    assertThatThrownBy(() -> drafter.draft(notBilled, OCTOBER))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not billed");
  }

  // --- the account and what the ledger says -----------------------------------------------------

  /** A card account on Team with one seat, billed from October 2026. */
  private long teamAccount(String name, String homeCountry, ZoneId zone) {
    long account = fixtures.account(name, homeCountry, zone, local(zone, 2026, 10, 1, 0, 0));
    fixtures.subscribe(account, "team", 1, local(zone, 2026, 9, 15, 0, 0));
    return account;
  }

  private static Instant local(ZoneId zone, int year, int month, int day, int hour, int minute) {
    return LocalDateTime.of(year, month, day, hour, minute).atZone(zone).toInstant();
  }

  private Invoice invoice(long invoiceId) {
    return jdbc.sql(
            """
            select i.number, i.period_start, i.period_end, i.billing_time_zone, i.currency,
                   v.plan_code, i.collection_method, i.status, i.total_minor
            from invoices i join plan_versions v on v.id = i.plan_version_id where i.id = ?
            """)
        .param(invoiceId)
        .query(
            (rs, n) ->
                new Invoice(
                    rs.getString("number"),
                    rs.getObject("period_start", OffsetDateTime.class).toInstant(),
                    rs.getObject("period_end", OffsetDateTime.class).toInstant(),
                    rs.getString("billing_time_zone"),
                    rs.getString("currency"),
                    rs.getString("plan_code"),
                    rs.getString("collection_method"),
                    rs.getString("status"),
                    rs.getLong("total_minor")))
        .single();
  }

  private List<Line> lines(long invoiceId) {
    return jdbc.sql(
            """
            select kind, description, usage_type, quantity, unit_price_minor, amount_minor
            from invoice_lines where invoice_id = ? order by position
            """)
        .param(invoiceId)
        .query(
            (rs, n) ->
                new Line(
                    rs.getString("kind"),
                    rs.getString("description"),
                    rs.getString("usage_type"),
                    plain(rs.getBigDecimal("quantity")),
                    plain(rs.getBigDecimal("unit_price_minor")),
                    rs.getLong("amount_minor")))
        .list();
  }

  /** The invoice's usage breakdown rows of one type. */
  private List<Usage> usage(long invoiceId, String usageType) {
    return allUsage(invoiceId).stream()
        .filter(u -> u.type().equals(usageType))
        .map(TypedUsage::usage)
        .toList();
  }

  private List<TypedUsage> allUsage(long invoiceId) {
    return jdbc.sql(
            """
            select usage_type, period_start, units, included_units, billable_units
            from invoice_usage where invoice_id = ? order by period_start, usage_type
            """)
        .param(invoiceId)
        .query(
            (rs, n) ->
                new TypedUsage(
                    rs.getString("usage_type"),
                    new Usage(
                        rs.getObject("period_start", OffsetDateTime.class).toInstant(),
                        rs.getLong("units"),
                        rs.getLong("included_units"),
                        rs.getLong("billable_units"))))
        .list();
  }

  private List<Billed> billed(long notificationId) {
    return jdbc.sql(
            "select invoice_id, units from billed_usage where notification_id = ? order by invoice_id")
        .param(notificationId)
        .query((rs, n) -> new Billed(rs.getLong(1), rs.getLong(2)))
        .list();
  }

  private long billedRows(long account) {
    return jdbc.sql(
            """
            select count(*) from billed_usage b join notifications n on n.id = b.notification_id
            where n.account_id = ?
            """)
        .param(account)
        .query(Long.class)
        .single();
  }

  private long invoiceCount(long account) {
    return jdbc.sql("select count(*) from invoices where account_id = ?")
        .param(account)
        .query(Long.class)
        .single();
  }

  private static Usage usageRow(
      YearMonth month, ZoneId zone, long units, long included, long billable) {
    return new Usage(new BillingPeriod(month, zone).start(), units, included, billable);
  }

  private static TypedUsage typed(RatedUsage usage) {
    return new TypedUsage(
        usage.type().code(),
        new Usage(
            usage.periodStart(), usage.units(), usage.includedUnits(), usage.billableUnits()));
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }

  record Invoice(
      String number,
      Instant periodStart,
      Instant periodEnd,
      String billingTimeZone,
      String currency,
      String planCode,
      String collectionMethod,
      String status,
      long totalMinor) {}

  record Line(
      String kind,
      String description,
      String usageType,
      String quantity,
      String unitPrice,
      long amount) {

    static Line of(RatedLine line) {
      return new Line(
          line.kind(),
          line.description(),
          line.usageType() == null ? null : line.usageType().code(),
          plain(line.quantity()),
          plain(line.unitPriceMinor()),
          line.amountMinor());
    }
  }

  record Billed(long invoiceId, long units) {}

  /** A usage breakdown row: the units of a period, the quota, the units charged. */
  record Usage(Instant periodStart, long units, long included, long billable) {}

  record TypedUsage(String type, Usage usage) {}
}
