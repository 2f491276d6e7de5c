package dev.vigil.billing.ledger;

import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who bills: the installation's seller, printed on every invoice and deciding the EU reverse charge
 * (docs/decisions/0065). {@code vigil.billing.seller.name}, {@code .address[0..n]} (as environment
 * variables {@code VIGIL_BILLING_SELLER_ADDRESS_0}, ...), {@code .country} and {@code .tax-id}
 * ({@code VIGIL_BILLING_SELLER_TAXID}). Configuration like the remittance details (decision 0054):
 * an installation bills as one seller.
 *
 * @param name the seller's legal name; null: invoices print the remittance payee as before
 * @param address the seller's postal address, one printed line each; empty for none
 * @param country ISO 3166-1 alpha-2 of the seller's establishment; null: no reverse charge
 * @param taxId the seller's tax identification number (an EU VAT number); null for none
 */
@ConfigurationProperties("vigil.billing.seller")
public record SellerSettings(String name, List<String> address, String country, String taxId) {

  public SellerSettings {
    name = blankToNull(name);
    address =
        address == null
            ? List.of()
            : address.stream().map(String::strip).filter(line -> !line.isEmpty()).toList();
    country = blankToNull(country) == null ? null : country.strip().toUpperCase(Locale.ROOT);
    if (country != null && !country.matches("[A-Z]{2}")) {
      throw new IllegalArgumentException(
          "VIGIL_BILLING_SELLER_COUNTRY must be an ISO 3166 country code (DE), not " + country);
    }
    taxId = blankToNull(taxId);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
