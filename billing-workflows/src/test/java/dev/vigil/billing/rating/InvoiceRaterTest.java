package dev.vigil.billing.rating;

import static dev.vigil.billing.catalog.UsageType.EMAIL;
import static dev.vigil.billing.catalog.UsageType.SMS_DOMESTIC;
import static dev.vigil.billing.catalog.UsageType.SMS_INTERNATIONAL;
import static dev.vigil.billing.catalog.UsageType.VOICE_DOMESTIC;
import static dev.vigil.billing.catalog.UsageType.VOICE_INTERNATIONAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.billing.catalog.PlanVersion;
import dev.vigil.billing.catalog.UsagePrice;
import dev.vigil.billing.catalog.UsageType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rating rules of decision 0008, with every expected amount worked out by hand from the prices
 * of the catalog every installation starts with (V8__billing.sql).
 */
class InvoiceRaterTest {

  private static final ZoneId UTC = ZoneOffset.UTC;
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final BillingPeriod OCTOBER = new BillingPeriod(YearMonth.of(2026, 10), UTC);
  private static final BillingPeriod NOVEMBER = new BillingPeriod(YearMonth.of(2026, 11), UTC);

  static final PlanVersion TEAM =
      plan(1, "Team", 0, 1900, prices(200, "1.5", 0, "9.0", 100, "3.0", 0, "18.0", 1000, "0.1"));
  static final PlanVersion BUSINESS =
      plan(
          2,
          "Business",
          9900,
          3900,
          prices(2000, "1.25", 100, "7.5", 1000, "2.5", 50, "15.0", 10_000, "0.05"));
  static final PlanVersion ENTERPRISE =
      plan(
          3,
          "Enterprise",
          49900,
          5900,
          prices(10_000, "0.75", 1000, "6.0", 5000, "1.75", 500, "12.0", 100_000, "0.02"));

  private final InvoiceRater rater = new InvoiceRater();

  @Test
  void threeDecimalCurrenciesRoundEachLineToTenFilsSoTheTotalCanBeCharged() {
    PlanVersion kuwait =
        new PlanVersion(
            9,
            "team",
            "Team",
            1,
            "KWD",
            0,
            3335,
            prices(200, "1.5", 0, "9.0", 100, "3.0", 0, "18.0", 1000, "0.1"));
    RatedInvoice invoice =
        rater.rate(
            OCTOBER, wholeMonth(OCTOBER, kuwait, 1), Map.of(SMS_DOMESTIC, 207L), List.of(), 7);

    // Seats: 1 x 3.335 KWD = 3335 fils, exactly half of ten: up to 3340.
    // SMS: 7 over 200 at 1.5 fils = 10.5 fils, to 10. The 7 fils of credit are below the
    // chargeable unit and wait. Total 3340 + 10 = 3350: it ends in 0, as KWD charges must.
    assertThat(invoice.lines()).extracting(RatedLine::amountMinor).containsExactly(3340L, 10L);
    assertThat(invoice.totalMinor()).isEqualTo(3350);
  }

  @Test
  void creditOnAThreeDecimalInvoiceIsAppliedInWholeTensOfFils() {
    PlanVersion kuwait =
        new PlanVersion(
            9,
            "team",
            "Team",
            1,
            "KWD",
            0,
            3335,
            prices(200, "1.5", 0, "9.0", 100, "3.0", 0, "18.0", 1000, "0.1"));
    RatedInvoice invoice =
        rater.rate(OCTOBER, wholeMonth(OCTOBER, kuwait, 1), Map.of(), List.of(), 1_237);

    // 3340 due; of 1237 fils of credit, 1230 apply: 3340 - 1230 = 2110.
    assertThat(invoice.lines()).extracting(RatedLine::amountMinor).containsExactly(3340L, -1230L);
    assertThat(invoice.totalMinor()).isEqualTo(2110);
  }

  @Test
  void usageWithinTheQuotasPaysTheMonthlyFeesOnly() {
    RatedInvoice invoice =
        rater.rate(
            OCTOBER,
            wholeMonth(OCTOBER, BUSINESS, 5),
            Map.of(SMS_DOMESTIC, 2000L, EMAIL, 500L),
            List.of(),
            0);

    // 9900 base fee + 5 x 3900 seats = 9900 + 19500 = 29400.
    assertThat(invoice.lines())
        .containsExactly(
            line("base_fee", "Business v1 base fee, 1–31 Oct 2026", null, "1", "9900", 9900),
            line("seats", "Business v1, 5 seats, 1–31 Oct 2026", null, "5", "3900", 19500));
    assertThat(invoice.totalMinor()).isEqualTo(29400);
    assertThat(invoice.plan()).isEqualTo(BUSINESS);
    // Every type has a row, used or not; 2000 segments is exactly the quota.
    Instant start = OCTOBER.start();
    assertThat(invoice.usage())
        .containsExactly(
            new RatedUsage(SMS_DOMESTIC, start, 2000, 2000, 0),
            new RatedUsage(SMS_INTERNATIONAL, start, 0, 100, 0),
            new RatedUsage(VOICE_DOMESTIC, start, 0, 1000, 0),
            new RatedUsage(VOICE_INTERNATIONAL, start, 0, 50, 0),
            new RatedUsage(EMAIL, start, 500, 10_000, 0));
  }

  @Test
  void usageOverTheQuotasIsChargedPerTypeAtTheOveragePrice() {
    RatedInvoice invoice =
        rater.rate(
            OCTOBER,
            wholeMonth(OCTOBER, BUSINESS, 5),
            Map.of(
                SMS_DOMESTIC, 2450L,
                SMS_INTERNATIONAL, 130L,
                VOICE_DOMESTIC, 1000L,
                VOICE_INTERNATIONAL, 53L,
                EMAIL, 10_010L),
            List.of(),
            0);

    assertThat(invoice.lines())
        .containsExactly(
            line("base_fee", "Business v1 base fee, 1–31 Oct 2026", null, "1", "9900", 9900),
            line("seats", "Business v1, 5 seats, 1–31 Oct 2026", null, "5", "3900", 19500),
            // 450 x 1.25 = 562.50 -> 563
            line(
                "usage",
                "SMS, domestic: 2,450 segments, 2,000 included, 450 over",
                SMS_DOMESTIC,
                "450",
                "1.25",
                563),
            // 30 x 7.5 = 225
            line(
                "usage",
                "SMS, international: 130 segments, 100 included, 30 over",
                SMS_INTERNATIONAL,
                "30",
                "7.5",
                225),
            // voice, domestic: 1000 minutes is the quota, no line. 3 x 15 = 45.
            line(
                "usage",
                "Voice, international: 53 minutes, 50 included, 3 over",
                VOICE_INTERNATIONAL,
                "3",
                "15.0",
                45),
            // 10 x 0.05 = 0.50 -> 1
            line(
                "usage", "Email: 10,010 emails, 10,000 included, 10 over", EMAIL, "10", "0.05", 1));
    // 9900 + 19500 + 563 + 225 + 45 + 1
    assertThat(invoice.totalMinor()).isEqualTo(30234);
    assertThat(invoice.usage())
        .contains(new RatedUsage(SMS_DOMESTIC, OCTOBER.start(), 2450, 2000, 450));
  }

  @Test
  void eachLineIsRoundedHalfUpOnce() {
    // 3 x 0.75 = 2.25 -> 2
    assertThat(usageAmount(ENTERPRISE, SMS_DOMESTIC, 10_003)).isEqualTo(2);
    // 2 x 1.25 = 2.50 -> 3
    assertThat(usageAmount(BUSINESS, SMS_DOMESTIC, 2002)).isEqualTo(3);
    // 1 x 0.5 = 0.5 -> 1
    PlanVersion halfCent =
        plan(9, "Half", 0, 0, Map.of(EMAIL, new UsagePrice(0, new BigDecimal("0.5"))));
    assertThat(usageAmount(halfCent, EMAIL, 1)).isEqualTo(1);
    // 4 x 0.1 = 0.4 -> 0: the units still show on a line
    assertThat(usageAmount(TEAM, EMAIL, 1004)).isEqualTo(0);
    // 3 x 0.75 = 2.25 -> 2 and 20 x 0.02 = 0.40 -> 0, rounded per line: 2, where rounding their
    // exact sum 2.65 would have given 3.
    RatedInvoice both =
        rater.rate(
            OCTOBER,
            wholeMonth(OCTOBER, ENTERPRISE, 0),
            Map.of(EMAIL, 100_020L, SMS_DOMESTIC, 10_003L),
            List.of(),
            0);
    // 49900 + 2 + 0; an enterprise account without seats has no seats line.
    assertThat(both.lines()).extracting(RatedLine::amountMinor).containsExactly(49900L, 2L, 0L);
    assertThat(both.totalMinor()).isEqualTo(49902);
  }

  @Test
  void aMidMonthChangeProratesFeesAndQuotasBySecondsOfADaylightSavingMonth() {
    // November 2026 in New York: 1 Nov 00:00 EDT (04:00Z) to 1 Dec 00:00 EST (05:00Z), 30 days and
    // the hour clocks go back on 1 Nov: 2,595,600 s.
    BillingPeriod november = new BillingPeriod(YearMonth.of(2026, 11), NEW_YORK);
    assertThat(Duration.between(november.start(), november.end()).getSeconds())
        .isEqualTo(2_595_600);
    Instant upgrade = LocalDateTime.of(2026, 11, 16, 0, 0).atZone(NEW_YORK).toInstant();
    // Business from 1 Nov 04:00Z to 16 Nov 05:00Z: 15 days + 1 hour = 1,299,600 s = 361/721.
    // Enterprise from 16 Nov 05:00Z to 1 Dec 05:00Z: 15 days = 1,296,000 s = 360/721.
    List<SubscriptionTerm> terms =
        List.of(
            new SubscriptionTerm(november.start(), upgrade, BUSINESS, 5),
            new SubscriptionTerm(upgrade, november.end(), ENTERPRISE, 8));

    // 6,000 segments sent under Business, 4,500 under Enterprise.
    RatedInvoice invoice =
        rater.rateByStretch(
            november,
            terms,
            Map.of(
                november.start(),
                Map.of(SMS_DOMESTIC, 6_000L),
                upgrade,
                Map.of(SMS_DOMESTIC, 4_500L)),
            List.of(),
            0);

    assertThat(invoice.lines())
        .containsExactly(
            // 9900 x 361/721 = 4956.865... -> 4957
            line(
                "base_fee",
                "Business v1 base fee, 1 Nov 00:00 – 16 Nov 00:00 (prorated)",
                null,
                "0.500693",
                "9900",
                4957),
            // 5 x 3900 x 361/721 = 9763.522... -> 9764
            line(
                "seats",
                "Business v1, 5 seats, 1 Nov 00:00 – 16 Nov 00:00 (prorated)",
                null,
                "2.503467",
                "3900",
                9764),
            // 49900 x 360/721 = 24915.395... -> 24915
            line(
                "base_fee",
                "Enterprise v1 base fee, 16 Nov 00:00 – 1 Dec 00:00 (prorated)",
                null,
                "0.499307",
                "49900",
                24915),
            // 8 x 5900 x 360/721 = 23567.267... -> 23567
            line(
                "seats",
                "Enterprise v1, 8 seats, 16 Nov 00:00 – 1 Dec 00:00 (prorated)",
                null,
                "3.994452",
                "5900",
                23567),
            // Usage is rated with the plan it was sent under, each stretch with its share of the
            // quota. Business: 2,000 x 361/721 = 1,001.39 -> 1,001 included, 4,999 over at 1.25 =
            // 6,248.75 -> 6249. Enterprise: 10,000 x 360/721 = 4,993.07 -> 4,993 included, and
            // 4,500 are within it. (Rated at the end's plan alone, the month would have paid 375.)
            line(
                "usage",
                "SMS, domestic, Business v1 1 Nov 00:00 – 16 Nov 00:00: 6,000 segments, 1,001"
                    + " included, 4,999 over",
                SMS_DOMESTIC,
                "4999",
                "1.25",
                6249));
    assertThat(invoice.plan()).isEqualTo(ENTERPRISE);
    assertThat(invoice.usage())
        .contains(
            new RatedUsage(SMS_DOMESTIC, november.start(), 6_000, 1_001, 4_999),
            new RatedUsage(SMS_DOMESTIC, upgrade, 4_500, 4_993, 0));
    // 4957 + 9764 + 24915 + 23567 + 6249
    assertThat(invoice.totalMinor()).isEqualTo(69452);
  }

  @Test
  void aWholeDaylightSavingMonthIsThePlainMonthlyFee() {
    BillingPeriod november = new BillingPeriod(YearMonth.of(2026, 11), NEW_YORK);
    RatedInvoice invoice =
        rater.rate(november, wholeMonth(november, TEAM, 3), Map.of(), List.of(), 0);
    // Team has no base fee, so no base fee line: 3 x 1900 = 5700.
    assertThat(invoice.lines())
        .containsExactly(line("seats", "Team v1, 3 seats, 1–30 Nov 2026", null, "3", "1900", 5700));
    assertThat(invoice.totalMinor()).isEqualTo(5700);
  }

  @Test
  void aSubscriptionStartingMidMonthPaysFromItsStartOnly() {
    Instant start = Instant.parse("2026-10-16T00:00:00Z");
    RatedInvoice invoice =
        rater.rate(
            OCTOBER,
            List.of(new SubscriptionTerm(start, OCTOBER.end(), BUSINESS, 5)),
            Map.of(),
            List.of(),
            0);
    assertThat(invoice.lines())
        .containsExactly(
            // 9900 x 16/31 = 5109.677... -> 5110
            line(
                "base_fee",
                "Business v1 base fee, 16 Oct 00:00 – 1 Nov 00:00 (prorated)",
                null,
                "0.516129",
                "9900",
                5110),
            // 19500 x 16/31 = 10064.516... -> 10065
            line(
                "seats",
                "Business v1, 5 seats, 16 Oct 00:00 – 1 Nov 00:00 (prorated)",
                null,
                "2.580645",
                "3900",
                10065));
    assertThat(invoice.totalMinor()).isEqualTo(15175);
  }

  @Test
  void lateUsageIsRatedOnTopOfWhatItsPeriodBilledWithThatPeriodsPlan() {
    Instant september = new BillingPeriod(YearMonth.of(2026, 9), UTC).start();
    RatedInvoice invoice =
        rater.rate(
            NOVEMBER,
            wholeMonth(NOVEMBER, BUSINESS, 1),
            Map.of(),
            List.of(
                // October billed 1990 of its 2000 segments: 10 of the 25 late ones still fit,
                // 15 go over at October's 1.25 = 18.75 -> 19.
                new LateUsage(OCTOBER.start(), SMS_DOMESTIC, 1990, 25, BUSINESS),
                // Entirely within October's email quota: no charge, no line.
                new LateUsage(OCTOBER.start(), EMAIL, 100, 5, BUSINESS),
                // September was on Team, which had used 120 of 100 voice minutes: all 3 late ones
                // are over, at Team's 3.0 = 9.
                new LateUsage(september, VOICE_DOMESTIC, 120, 3, TEAM)),
            0);

    assertThat(invoice.lines())
        .containsExactly(
            line("base_fee", "Business v1 base fee, 1–30 Nov 2026", null, "1", "9900", 9900),
            line("seats", "Business v1, 1 seat, 1–30 Nov 2026", null, "1", "3900", 3900),
            line(
                "late_usage",
                "Late usage from Sep 2026 — Voice, domestic: 3 minutes",
                VOICE_DOMESTIC,
                "3",
                "3.0",
                9),
            line(
                "late_usage",
                "Late usage from Oct 2026 — SMS, domestic: 25 segments, 15 over",
                SMS_DOMESTIC,
                "15",
                "1.25",
                19));
    // 9900 + 3900 + 9 + 19
    assertThat(invoice.totalMinor()).isEqualTo(13828);
    // The breakdown keeps every late unit, charged or not, under the period it came from.
    assertThat(invoice.usage())
        .endsWith(
            new RatedUsage(VOICE_DOMESTIC, september, 3, 100, 3),
            new RatedUsage(SMS_DOMESTIC, OCTOBER.start(), 25, 2000, 15),
            new RatedUsage(EMAIL, OCTOBER.start(), 5, 10_000, 0));
  }

  @Test
  void creditSmallerThanTheTotalIsAppliedWhole() {
    RatedInvoice invoice =
        rater.rate(OCTOBER, wholeMonth(OCTOBER, BUSINESS, 5), Map.of(), List.of(), 1000);
    assertThat(invoice.lines())
        .last()
        .isEqualTo(line("account_credit", "Account credit applied", null, "1", "-1000", -1000));
    // 29400 - 1000
    assertThat(invoice.totalMinor()).isEqualTo(28400);
  }

  @Test
  void creditLargerThanTheTotalBringsItToZero() {
    RatedInvoice invoice =
        rater.rate(OCTOBER, wholeMonth(OCTOBER, BUSINESS, 5), Map.of(), List.of(), 50_000);
    // -min(50000, 29400); the other 20600 stays credit.
    assertThat(invoice.lines())
        .last()
        .isEqualTo(line("account_credit", "Account credit applied", null, "1", "-29400", -29400));
    assertThat(invoice.totalMinor()).isZero();
  }

  @Test
  void noCreditLineWithoutCredit() {
    assertThat(rater.rate(OCTOBER, wholeMonth(OCTOBER, TEAM, 2), Map.of(), List.of(), 0).lines())
        .extracting(RatedLine::kind)
        .containsExactly("seats");
  }

  @Test
  void theTotalIsTheSumOfTheLines() {
    RatedInvoice invoice =
        rater.rate(
            OCTOBER,
            wholeMonth(OCTOBER, ENTERPRISE, 3),
            Map.of(SMS_DOMESTIC, 10_003L, VOICE_INTERNATIONAL, 501L, EMAIL, 100_025L),
            List.of(new LateUsage(OCTOBER.previous().start(), SMS_DOMESTIC, 9999, 7, ENTERPRISE)),
            500);
    // 49900 base + 3 x 5900 seats = 17700 + 2 (3 x 0.75 = 2.25) + 12 (1 x 12.0) + 1 (25 x 0.02 =
    // 0.50) + 5 (September billed 9999 of 10000, so 6 of the 7 late segments are over: 6 x 0.75 =
    // 4.50) = 67620, minus 500 credit
    assertThat(invoice.lines())
        .extracting(RatedLine::amountMinor)
        .containsExactly(49900L, 17700L, 2L, 12L, 1L, 5L, -500L);
    assertThat(invoice.totalMinor()).isEqualTo(67120);
  }

  @Test
  void aPeriodWithoutSubscriptionAtItsEndCannotBeRated() {
    Instant mid = Instant.parse("2026-10-16T00:00:00Z");
    assertThatThrownBy(
            () ->
                rater.rate(
                    OCTOBER,
                    List.of(new SubscriptionTerm(OCTOBER.start(), mid, BUSINESS, 1)),
                    Map.of(),
                    List.of(),
                    0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("end with the period");
    assertThatThrownBy(() -> rater.rate(OCTOBER, List.of(), Map.of(), List.of(), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private long usageAmount(PlanVersion plan, UsageType type, long units) {
    return rater
        .rate(OCTOBER, wholeMonth(OCTOBER, plan, 0), Map.of(type, units), List.of(), 0)
        .lines()
        .stream()
        .filter(l -> l.kind().equals("usage"))
        .findFirst()
        .orElseThrow()
        .amountMinor();
  }

  private static List<SubscriptionTerm> wholeMonth(
      BillingPeriod period, PlanVersion plan, int seats) {
    return List.of(new SubscriptionTerm(period.start(), period.end(), plan, seats));
  }

  private static RatedLine line(
      String kind,
      String description,
      UsageType type,
      String quantity,
      String unitPrice,
      long amount) {
    return new RatedLine(
        kind, description, type, new BigDecimal(quantity), new BigDecimal(unitPrice), amount);
  }

  static PlanVersion plan(
      long id, String name, long baseFee, long seatPrice, Map<UsageType, UsagePrice> prices) {
    return new PlanVersion(id, name.toLowerCase(), name, 1, "USD", baseFee, seatPrice, prices);
  }

  private static Map<UsageType, UsagePrice> prices(
      long smsDomestic,
      String smsDomesticPrice,
      long smsInternational,
      String smsInternationalPrice,
      long voiceDomestic,
      String voiceDomesticPrice,
      long voiceInternational,
      String voiceInternationalPrice,
      long email,
      String emailPrice) {
    return Map.of(
        SMS_DOMESTIC, new UsagePrice(smsDomestic, new BigDecimal(smsDomesticPrice)),
        SMS_INTERNATIONAL, new UsagePrice(smsInternational, new BigDecimal(smsInternationalPrice)),
        VOICE_DOMESTIC, new UsagePrice(voiceDomestic, new BigDecimal(voiceDomesticPrice)),
        VOICE_INTERNATIONAL,
            new UsagePrice(voiceInternational, new BigDecimal(voiceInternationalPrice)),
        EMAIL, new UsagePrice(email, new BigDecimal(emailPrice)));
  }
}
