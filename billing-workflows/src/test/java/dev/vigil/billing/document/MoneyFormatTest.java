package dev.vigil.billing.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Amounts as invoices print them and exports carry them. */
class MoneyFormatTest {

  @Test
  void dollarsHaveCentsAndGrouping() {
    assertThat(MoneyFormat.format(123_456, "USD")).isEqualTo("1,234.56 USD");
    assertThat(MoneyFormat.format(123_456_789_012L, "USD")).isEqualTo("1,234,567,890.12 USD");
    assertThat(MoneyFormat.format(5, "USD")).isEqualTo("0.05 USD");
    assertThat(MoneyFormat.format(0, "EUR")).isEqualTo("0.00 EUR");
  }

  @Test
  void creditsAreNegative() {
    assertThat(MoneyFormat.format(-1_000, "USD")).isEqualTo("-10.00 USD");
    assertThat(MoneyFormat.format(-123_456, "USD")).isEqualTo("-1,234.56 USD");
    assertThat(MoneyFormat.format(-5, "USD")).isEqualTo("-0.05 USD");
    assertThat(MoneyFormat.decimal(-5, "USD")).isEqualTo("-0.05");
  }

  @Test
  void yenHaveNoDecimalsAndDinarsThree() {
    assertThat(MoneyFormat.format(1_235, "JPY")).isEqualTo("1,235 JPY");
    assertThat(MoneyFormat.decimal(1_235, "JPY")).isEqualTo("1235");
    assertThat(MoneyFormat.format(1_234, "BHD")).isEqualTo("1.234 BHD");
    assertThat(MoneyFormat.decimal(1_234_567, "BHD")).isEqualTo("1234.567");
  }

  @Test
  void decimalsArePlainAndExact() {
    assertThat(MoneyFormat.decimal(123_456, "USD")).isEqualTo("1234.56");
    assertThat(MoneyFormat.decimal(100, "USD")).isEqualTo("1.00");
    assertThat(MoneyFormat.decimal(Long.MAX_VALUE, "USD")).isEqualTo("92233720368547758.07");
  }

  @Test
  void unitPricesKeepTheirFractionsOfACent() {
    assertThat(MoneyFormat.unitPrice(new BigDecimal("1.2500"), "USD")).isEqualTo("0.0125 USD");
    assertThat(MoneyFormat.unitPrice(new BigDecimal("0.7500"), "USD")).isEqualTo("0.0075 USD");
    assertThat(MoneyFormat.unitPrice(new BigDecimal("3900.0000"), "USD")).isEqualTo("39.00 USD");
    assertThat(MoneyFormat.unitPrice(new BigDecimal("390000"), "USD")).isEqualTo("3,900.00 USD");
    assertThat(MoneyFormat.unitPrice(new BigDecimal("2.5"), "JPY")).isEqualTo("2.5 JPY");
  }

  @Test
  void quantitiesLoseTrailingZeros() {
    assertThat(MoneyFormat.quantity(new BigDecimal("1250.000000"))).isEqualTo("1,250");
    assertThat(MoneyFormat.quantity(new BigDecimal("0.500000"))).isEqualTo("0.5");
    assertThat(MoneyFormat.quantity(new BigDecimal("0.533333"))).isEqualTo("0.533333");
  }
}
