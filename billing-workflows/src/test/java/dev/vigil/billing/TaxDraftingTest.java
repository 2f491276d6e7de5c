package dev.vigil.billing;

import static dev.vigil.billing.MoneyReceivedTest.text;
import static dev.vigil.billing.testsupport.StripeStandIn.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vigil.billing.account.BillingAccounts;
import dev.vigil.billing.account.BillingAccounts.ProfileTerms;
import dev.vigil.billing.account.InvalidBillingTerms;
import dev.vigil.billing.document.InvoiceDetail;
import dev.vigil.billing.document.InvoicePdf;
import dev.vigil.billing.document.InvoiceReader;
import dev.vigil.billing.ledger.BillingProfiles;
import dev.vigil.billing.ledger.CollectionMethod;
import dev.vigil.billing.ledger.InvoiceActivitiesImpl;
import dev.vigil.billing.ledger.InvoiceDrafter;
import dev.vigil.billing.ledger.TaxRates;
import dev.vigil.billing.rating.RatedInvoice;
import dev.vigil.billing.stripe.StripeCardPayments;
import dev.vigil.billing.testsupport.BillingFixtures;
import dev.vigil.billing.testsupport.StripeStandIn;
import dev.vigil.testsupport.ActivitiesTestApplication;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tax on drafted invoices (docs/decisions/0065), on PostgreSQL, with a seller in Ireland: the rates
 * of the customer's jurisdiction in force for the period, the EU reverse charge, the invoice and
 * its PDF read back, and a card invoice's tax line mirrored into the Stripe stand-in. Amounts are
 * computed by hand in the comments; the plans are the catalog's (Team: 19.00 a seat; Business:
 * 99.00 and 39.00 a seat).
 */
@SpringBootTest(classes = ActivitiesTestApplication.class)
class TaxDraftingTest {

  static final StripeStandIn stripe = new StripeStandIn();
  static final ZoneId DUBLIN = ZoneId.of("Europe/Dublin");
  static final Instant JUNE = YearMonth.of(2026, 6).atDay(1).atStartOfDay(DUBLIN).toInstant();
  static final String WORDING =
      "Reverse charge: VAT to be accounted for by the recipient (Article 196, Council Directive"
          + " 2006/112/EC)";

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    registry.add("vigil.billing.seller.name", () -> "Vigil Services Ltd");
    registry.add("vigil.billing.seller.address[0]", () -> "1 Harbour Road");
    registry.add("vigil.billing.seller.address[1]", () -> "Cork T12 X0Y1, Ireland");
    registry.add("vigil.billing.seller.country", () -> "IE");
    registry.add("vigil.billing.seller.tax-id", () -> "IE1234567T");
    registry.add("vigil.billing.stripe.api-key", () -> "sk_test_vigil_tax");
    registry.add("vigil.billing.stripe.api-base", stripe::baseUrl);
  }

  @AfterAll
  static void stopStripe() {
    stripe.stop();
  }

  @Autowired JdbcClient jdbc;
  @Autowired InvoiceDrafter drafter;
  @Autowired InvoiceReader reader;
  @Autowired InvoicePdf pdf;
  @Autowired TaxRates rates;
  @Autowired BillingAccounts accounts;
  @Autowired BillingProfiles profiles;
  @Autowired InvoiceActivitiesImpl ledger;
  @Autowired StripeCardPayments payments;

  static boolean ratesMade;

  @BeforeAll
  static void resetStripe() {
    stripe.reset();
  }

  /** Rates of countries and a state no other test bills in. */
  void rates() {
    if (ratesMade) {
      return;
    }
    ratesMade = true;
    rates.create("IE", null, "VAT", new BigDecimal("23"), LocalDate.of(2026, 1, 1), null);
    rates.create("IE", null, "VAT", new BigDecimal("21"), LocalDate.of(2026, 7, 1), null);
    rates.create("AT", null, "VAT", new BigDecimal("20"), LocalDate.of(2026, 1, 1), null);
    rates.create("US", "WA", "Sales tax", new BigDecimal("6.5"), LocalDate.of(2026, 1, 1), null);
  }

  @Test
  void domesticVatIsChargedAtTheRateInForceForEachMonth() throws IOException {
    rates();
    long account = account("Cork Operations", "IE", CollectionMethod.CHECK, "business", 1);
    setTaxBasis(account, "ie 9876543 w", null);

    // June: 99.00 + 39.00 = 138.00; VAT 23 % = 31.74 (13,800 x 0.23 = 3,174). Total 169.74.
    long june = drafter.draft(account, YearMonth.of(2026, 6));
    // July: the rate of 1 July, 21 %: 13,800 x 0.21 = 2,898 (28.98). Total 166.98.
    long july = drafter.draft(account, YearMonth.of(2026, 7));

    InvoiceDetail juneInvoice = reader.find(account, june).orElseThrow();
    assertThat(juneInvoice.tax().lines())
        .extracting(
            InvoiceDetail.TaxLine::name,
            InvoiceDetail.TaxLine::ratePercent,
            InvoiceDetail.TaxLine::taxableMinor,
            InvoiceDetail.TaxLine::amountMinor)
        .containsExactly(tuple("VAT", "23", 13_800L, 3_174L));
    assertThat(juneInvoice.totalMinor()).isEqualTo(16_974);
    assertThat(juneInvoice.tax().subtotalMinor()).isEqualTo(13_800);
    assertThat(juneInvoice.tax().customerTaxId()).isEqualTo("IE9876543W");
    assertThat(juneInvoice.tax().sellerTaxId()).isEqualTo("IE1234567T");
    assertThat(juneInvoice.tax().reverseCharge()).isFalse();

    InvoiceDetail julyInvoice = reader.find(account, july).orElseThrow();
    assertThat(julyInvoice.tax().lines())
        .extracting(InvoiceDetail.TaxLine::ratePercent, InvoiceDetail.TaxLine::amountMinor)
        .containsExactly(tuple("21", 2_898L));
    assertThat(julyInvoice.totalMinor()).isEqualTo(16_698);

    String printed = text(pdf.render(juneInvoice));
    assertThat(printed)
        .contains(
            "Vigil Services Ltd",
            "1 Harbour Road",
            "Tax ID: IE1234567T",
            "Tax ID: IE9876543W",
            "Subtotal",
            "VAT 23% on 138.00 USD")
        .doesNotContain("Reverse charge");
  }

  @Test
  void aStateRateTaxesCustomersInThatStateOnly() {
    rates();
    long seattle = account("Seattle Pager Co", "US", CollectionMethod.CHECK, "team", 3);
    setTaxBasis(seattle, null, "wa");
    long portland = account("Portland Pager Co", "US", CollectionMethod.CHECK, "team", 3);
    setTaxBasis(portland, null, "OR");

    // Three seats at 19.00 = 57.00. Washington's 6.5 %: 5,700 x 0.065 = 370.5 cents, exactly half,
    // rounded up to 371 (3.71). Total 60.71. Oregon has no rate: 57.00.
    InvoiceDetail taxed =
        reader.find(seattle, drafter.draft(seattle, YearMonth.of(2026, 6))).orElseThrow();
    assertThat(taxed.lines())
        .extracting(InvoiceDetail.Line::kind, InvoiceDetail.Line::amountMinor)
        .containsExactly(tuple("seats", 5_700L), tuple("tax", 371L));
    assertThat(taxed.lines().get(1).description()).isEqualTo("Sales tax 6.5% on 57.00 USD");
    assertThat(taxed.totalMinor()).isEqualTo(6_071);

    InvoiceDetail untaxed =
        reader.find(portland, drafter.draft(portland, YearMonth.of(2026, 6))).orElseThrow();
    assertThat(untaxed.tax().lines()).isEmpty();
    assertThat(untaxed.totalMinor()).isEqualTo(5_700);
  }

  @Test
  void anEuBusinessInAnotherMemberStateIsReverseCharged() throws IOException {
    rates();
    long business = account("Wiener Betrieb GmbH", "AT", CollectionMethod.CHECK, "business", 1);
    setTaxBasis(business, "ATU12345678", null);
    long consumer = account("Grazer Verein", "AT", CollectionMethod.CHECK, "business", 1);

    // With a VAT number: no Austrian VAT, 138.00 due, and the wording.
    InvoiceDetail reverse =
        reader.find(business, drafter.draft(business, YearMonth.of(2026, 6))).orElseThrow();
    assertThat(reverse.lines()).extracting(InvoiceDetail.Line::kind).doesNotContain("tax");
    assertThat(reverse.totalMinor()).isEqualTo(13_800);
    assertThat(reverse.tax().reverseCharge()).isTrue();
    assertThat(reverse.tax().note()).isEqualTo(WORDING);
    assertThat(text(pdf.render(reverse)))
        .contains(WORDING, "Tax ID: IE1234567T", "Tax ID: ATU12345678");

    // Without one: Austria's 20 %, 13,800 x 0.20 = 2,760. Total 165.60.
    InvoiceDetail vat =
        reader.find(consumer, drafter.draft(consumer, YearMonth.of(2026, 6))).orElseThrow();
    assertThat(vat.tax().lines())
        .extracting(InvoiceDetail.TaxLine::amountMinor)
        .containsExactly(2_760L);
    assertThat(vat.totalMinor()).isEqualTo(16_560);
    assertThat(text(pdf.render(vat))).doesNotContain("Reverse charge");
  }

  @Test
  void thePreviewEstimatesTheTax() {
    rates();
    long account = account("Limerick Watch", "IE", CollectionMethod.CHECK, "business", 1);

    // June as a preview: 138.00 with VAT at 23 %, 31.74.
    RatedInvoice preview = drafter.preview(account, JUNE.plusSeconds(3600));
    assertThat(preview.taxMinor()).isEqualTo(3_174);
    assertThat(preview.totalMinor()).isEqualTo(16_974);
  }

  @Test
  void aTaxIdOfTheWrongShapeIsRefusedNamingTheField() {
    long account = account("Kilkenny Alerts", "IE", CollectionMethod.CHECK, "team", 1);

    assertThatThrownBy(() -> setTaxBasis(account, "DE123456789", null))
        .isInstanceOf(InvalidBillingTerms.class)
        .hasMessageContaining("'tax_id'");
    assertThatThrownBy(() -> setTaxBasis(account, null, "Washington"))
        .isInstanceOf(InvalidBillingTerms.class)
        .hasMessageContaining("'bill_to_region'");
    assertThat(profiles.get(account).taxId()).isNull();
  }

  @Test
  void aCardInvoicesTaxLineIsMirroredToStripe() {
    rates();
    long account = account("Galway Uptime", "IE", CollectionMethod.CARD, "business", 1);
    long june = drafter.draft(account, YearMonth.of(2026, 6));
    ledger.issueCardInvoice(june, JUNE.plusSeconds(31L * 24 * 3600).toEpochMilli());
    stripe.createsCustomer("cus_Galway01");
    stripe.createsInvoice("in_Galway01");
    stripe.createsInvoiceItems();
    // 138.00 + 31.74 VAT = 169.74: Stripe's total, with the tax item, is ours.
    stripe.finalizes("in_Galway01", 16_974);

    assertThat(payments.pushToStripe(june)).isEqualTo("in_Galway01");

    List<LoggedRequest> items = stripe.posts("/v1/invoiceitems");
    assertThat(items).hasSize(3);
    assertThat(items.stream().map(item -> form(item).get("amount")))
        .containsExactly("9900", "3900", "3174");
    assertThat(form(items.get(2)))
        .contains(
            entry("description", "VAT 23% on 138.00 USD"),
            entry("amount", "3174"),
            entry("currency", "usd"),
            entry("metadata[vigil_line_kind]", "tax"),
            entry("metadata[vigil_tax_rate_percent]", "23"),
            entry("metadata[vigil_taxable_minor]", "13800"));
  }

  private long account(
      String name, String country, CollectionMethod method, String plan, int seats) {
    BillingFixtures fixtures = new BillingFixtures(jdbc);
    long account =
        fixtures.account(name, country, method, DUBLIN, "billing@" + name.length() + ".test", JUNE);
    fixtures.subscribe(account, plan, seats, JUNE);
    return account;
  }

  private void setTaxBasis(long account, String taxId, String region) {
    accounts.change(
        profiles.get(account),
        new ProfileTerms(
            null, null, null, null, null, null, null, null, null, null, null, taxId, region));
  }
}
