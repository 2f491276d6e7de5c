package dev.vigil.billing.rating;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.billing.catalog.PlanVersion;
import dev.vigil.billing.catalog.UsagePrice;
import dev.vigil.billing.catalog.UsageType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tax on rated invoices (docs/decisions/0065), amounts computed by hand: one line per rate on the
 * taxable subtotal, rounded once half up to the currency's unit; account credit after the tax.
 */
class TaxTreatmentTest {

  private static final BillingPeriod OCTOBER =
      new BillingPeriod(YearMonth.of(2026, 10), ZoneId.of("Europe/Vienna"));

  private final InvoiceRater rater = new InvoiceRater();

  @Test
  void euDomesticVatIsOneLineOnTheSubtotal() {
    // One seat at 123.45 EUR: subtotal 12,345 cents. VAT 20 %: 12,345 x 0.20 = 2,469.0 cents,
    // 24.69 EUR exactly. Total 123.45 + 24.69 = 148.14.
    RatedInvoice invoice = rate(plan("EUR", 0, 12_345), vat("AT", "VAT", "20"), 0);

    assertThat(invoice.lines())
        .extracting(RatedLine::kind, RatedLine::description, RatedLine::amountMinor)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "seats", invoice.lines().get(0).description(), 12_345L),
            org.assertj.core.groups.Tuple.tuple("tax", "VAT 20% on 123.45 EUR", 2_469L));
    RatedLine tax = invoice.lines().get(1);
    assertThat(tax.tax().taxableMinor()).isEqualTo(12_345);
    assertThat(tax.tax().ratePercent()).isEqualByComparingTo("20");
    assertThat(invoice.taxMinor()).isEqualTo(2_469);
    assertThat(invoice.totalMinor()).isEqualTo(14_814);
    assertThat(invoice.taxNote()).isNull();
  }

  @Test
  void aUsStateRateRoundsHalfUpOnce() {
    // Base fee 99.00 + one seat 39.00 = 138.00 USD. Sales tax 7.25 %: 13,800 x 0.0725 =
    // 1,000.5 cents, exactly half: up to 1,001 (10.01). Total 148.01.
    RatedInvoice invoice = rate(plan("USD", 9_900, 3_900), vat("US", "Sales tax", "7.25"), 0);

    assertThat(invoice.lines())
        .extracting(RatedLine::amountMinor)
        .containsExactly(9_900L, 3_900L, 1_001L);
    assertThat(invoice.lines().get(2).description()).isEqualTo("Sales tax 7.25% on 138.00 USD");
    assertThat(invoice.totalMinor()).isEqualTo(14_801);
  }

  @Test
  void aZeroDecimalCurrencyIsTaxedInWholeYen() {
    // One seat at 12,345 JPY. Consumption tax 10 %: 1,234.5 yen, half up to 1,235.
    // Total 12,345 + 1,235 = 13,580 JPY.
    RatedInvoice invoice = rate(plan("JPY", 0, 12_345), vat("JP", "Consumption tax", "10"), 0);

    assertThat(invoice.lines()).extracting(RatedLine::amountMinor).containsExactly(12_345L, 1_235L);
    assertThat(invoice.lines().get(1).description()).isEqualTo("Consumption tax 10% on 12345 JPY");
    assertThat(invoice.totalMinor()).isEqualTo(13_580);
  }

  @Test
  void eachRateIsItsOwnLineOnTheSameSubtotal() {
    // 138.00 CAD: GST 5 % = 690, PST 7 % = 966. Total 13,800 + 690 + 966 = 15,456.
    TaxTreatment canada =
        new TaxTreatment(
            List.of(rate(1, "CA", null, "GST", "5"), rate(2, "CA", "BC", "PST", "7")), false);
    RatedInvoice invoice = rate(plan("CAD", 9_900, 3_900), canada, 0);

    assertThat(invoice.lines())
        .filteredOn(line -> line.kind().equals(RatedLine.TAX))
        .extracting(RatedLine::description, RatedLine::amountMinor)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("GST 5% on 138.00 CAD", 690L),
            org.assertj.core.groups.Tuple.tuple("PST 7% on 138.00 CAD", 966L));
    assertThat(invoice.taxMinor()).isEqualTo(1_656);
    assertThat(invoice.totalMinor()).isEqualTo(15_456);
  }

  @Test
  void accountCreditIsAppliedAfterTaxAndDoesNotLowerIt() {
    // 123.45 EUR + 24.69 VAT = 148.14. Credit of 50.00 is money already paid, not a discount:
    // the VAT stays on 123.45, and 148.14 - 50.00 = 98.14 is due.
    RatedInvoice invoice = rate(plan("EUR", 0, 12_345), vat("AT", "VAT", "20"), 5_000);

    assertThat(invoice.lines())
        .extracting(RatedLine::kind, RatedLine::amountMinor)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("seats", 12_345L),
            org.assertj.core.groups.Tuple.tuple("tax", 2_469L),
            org.assertj.core.groups.Tuple.tuple("account_credit", -5_000L));
    assertThat(invoice.totalMinor()).isEqualTo(9_814);

    // Credit of 200.00 covers the whole 148.14, tax included; 51.86 stays on the account.
    assertThat(rate(plan("EUR", 0, 12_345), vat("AT", "VAT", "20"), 20_000).totalMinor()).isZero();
  }

  @Test
  void theReverseChargeTakesNoTaxAndSaysWhy() {
    RatedInvoice invoice = rate(plan("EUR", 0, 12_345), TaxTreatment.reverseChargeOnly(), 0);

    assertThat(invoice.lines()).extracting(RatedLine::kind).containsExactly("seats");
    assertThat(invoice.taxMinor()).isZero();
    assertThat(invoice.totalMinor()).isEqualTo(12_345);
    assertThat(invoice.taxNote())
        .isEqualTo(
            "Reverse charge: VAT to be accounted for by the recipient (Article 196, Council"
                + " Directive 2006/112/EC)");
  }

  @Test
  void noTreatmentMeansNoTaxLine() {
    RatedInvoice invoice = rate(plan("USD", 9_900, 3_900), TaxTreatment.NONE, 0);

    assertThat(invoice.lines()).extracting(RatedLine::kind).containsExactly("base_fee", "seats");
    assertThat(invoice.taxMinor()).isZero();
  }

  private RatedInvoice rate(PlanVersion plan, TaxTreatment tax, long credit) {
    return rater.rateByStretch(
        OCTOBER,
        List.of(new SubscriptionTerm(OCTOBER.start(), OCTOBER.end(), plan, 1)),
        Map.of(),
        List.of(),
        credit,
        tax);
  }

  private static TaxTreatment vat(String country, String name, String percent) {
    return new TaxTreatment(List.of(rate(1, country, null, name, percent)), false);
  }

  private static TaxRate rate(long id, String country, String region, String name, String percent) {
    return new TaxRate(
        id, country, region, name, new BigDecimal(percent), LocalDate.of(2026, 1, 1));
  }

  private static PlanVersion plan(String currency, long baseFee, long seatPrice) {
    Map<UsageType, UsagePrice> prices = new EnumMap<>(UsageType.class);
    for (UsageType type : UsageType.values()) {
      prices.put(type, new UsagePrice(0, BigDecimal.ONE));
    }
    return new PlanVersion(7, "taxed", "Taxed", 1, currency, baseFee, seatPrice, prices);
  }
}
