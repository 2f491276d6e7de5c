package dev.vigil.billing.ledger;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The shape of a customer's tax identification number (docs/decisions/0065): in the EU and the
 * United Kingdom a VAT number, its country's prefix (Greece's is EL) and digits as that country
 * writes them, stored without spaces, dots or dashes and with the prefix; elsewhere 2 to 40
 * letters, digits, spaces and {@code ./-}. The shape only: whether a VAT number is registered is
 * VIES's answer, which an invoice cannot wait on.
 */
public final class TaxIds {

  /** The European Union's member states, by ISO 3166-1 alpha-2. */
  public static final Set<String> EU =
      Set.of(
          "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
          "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK");

  /** VAT numbers after their prefix, as each country issues them. */
  private static final Map<String, Pattern> VAT =
      Map.ofEntries(
          Map.entry("AT", Pattern.compile("U\\d{8}")),
          Map.entry("BE", Pattern.compile("[01]\\d{9}")),
          Map.entry("BG", Pattern.compile("\\d{9,10}")),
          Map.entry("CY", Pattern.compile("\\d{8}[A-Z]")),
          Map.entry("CZ", Pattern.compile("\\d{8,10}")),
          Map.entry("DE", Pattern.compile("\\d{9}")),
          Map.entry("DK", Pattern.compile("\\d{8}")),
          Map.entry("EE", Pattern.compile("\\d{9}")),
          Map.entry("ES", Pattern.compile("[A-Z0-9]\\d{7}[A-Z0-9]")),
          Map.entry("FI", Pattern.compile("\\d{8}")),
          Map.entry("FR", Pattern.compile("[A-HJ-NP-Z0-9]{2}\\d{9}")),
          Map.entry("GR", Pattern.compile("\\d{9}")),
          Map.entry("HR", Pattern.compile("\\d{11}")),
          Map.entry("HU", Pattern.compile("\\d{8}")),
          Map.entry("IE", Pattern.compile("\\d{7}[A-W][A-I]?|\\d[A-Z+*]\\d{5}[A-W]")),
          Map.entry("IT", Pattern.compile("\\d{11}")),
          Map.entry("LT", Pattern.compile("\\d{9}|\\d{12}")),
          Map.entry("LU", Pattern.compile("\\d{8}")),
          Map.entry("LV", Pattern.compile("\\d{11}")),
          Map.entry("MT", Pattern.compile("\\d{8}")),
          Map.entry("NL", Pattern.compile("\\d{9}B\\d{2}")),
          Map.entry("PL", Pattern.compile("\\d{10}")),
          Map.entry("PT", Pattern.compile("\\d{9}")),
          Map.entry("RO", Pattern.compile("\\d{2,10}")),
          Map.entry("SE", Pattern.compile("\\d{12}")),
          Map.entry("SI", Pattern.compile("\\d{8}")),
          Map.entry("SK", Pattern.compile("\\d{10}")),
          Map.entry("GB", Pattern.compile("\\d{9}|\\d{12}|GD\\d{3}|HA\\d{3}")));

  private static final Pattern OTHER = Pattern.compile("[A-Z0-9][A-Z0-9 ./-]{1,39}");

  private TaxIds() {}

  public static boolean isEu(String country) {
    return country != null && EU.contains(country);
  }

  /**
   * The tax id as stored, or empty when it is not one of {@code country}'s shape.
   *
   * @param country the customer's country, ISO 3166-1 alpha-2
   */
  public static Optional<String> normalize(String country, String value) {
    if (value == null) {
      return Optional.empty();
    }
    String upper = value.strip().toUpperCase(Locale.ROOT);
    Pattern vat = VAT.get(country);
    if (vat == null) {
      return OTHER.matcher(upper).matches() ? Optional.of(upper) : Optional.empty();
    }
    String prefix = vatPrefix(country);
    String compact = upper.replaceAll("[\\s.\\-]", "");
    String digits = compact.startsWith(prefix) ? compact.substring(prefix.length()) : compact;
    return vat.matcher(digits).matches() ? Optional.of(prefix + digits) : Optional.empty();
  }

  /** What a VAT number of the country looks like, for a refusal's message. */
  public static String example(String country) {
    return switch (country) {
      case "DE" -> "DE123456789";
      case "FR" -> "FRXX123456789";
      case "GB" -> "GB123456789";
      case "NL" -> "NL123456789B01";
      default ->
          VAT.containsKey(country)
              ? "the country's VAT number, starting " + vatPrefix(country)
              : "2 to 40 letters, digits, spaces, '.', '/' or '-'";
    };
  }

  private static String vatPrefix(String country) {
    return country.equals("GR") ? "EL" : country;
  }
}
