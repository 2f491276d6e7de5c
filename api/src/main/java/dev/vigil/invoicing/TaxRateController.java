package dev.vigil.invoicing;

import static dev.vigil.invoicing.InvoiceController.OPERATOR_ROLES;

import dev.vigil.auth.ApiCaller;
import dev.vigil.billing.ledger.TaxRates;
import dev.vigil.billing.rating.TaxRate;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's tax rates (docs/decisions/0065): what invoices drafted from each rate's date on
 * charge customers of its country, or region. Only the operator sets them: they change what tenants
 * owe.
 */
@RestController
@RequestMapping("/api/v1/operator/tax_rates")
@Tag(name = "Operator: tax rates", description = "Tax rates per jurisdiction (operator roles)")
class TaxRateController {

  private final TaxRates rates;

  TaxRateController(TaxRates rates) {
    this.rates = rates;
  }

  /**
   * @param country ISO 3166-1 alpha-2 (DE)
   * @param region the region's code within the country (a US state: CA); absent for the whole
   *     country
   * @param name what invoices call it: VAT, GST, Sales tax
   * @param ratePercent the rate in percent as a decimal string, at most four decimals ("20",
   *     "7.25"), kept exactly
   * @param effectiveFrom the first day (in each account's billing time zone) whose period it taxes
   */
  record TaxRateRequest(
      String country, String region, String name, String ratePercent, String effectiveFrom) {}

  /** A rate as the API shows it; {@code rate_percent} as a decimal string. */
  record TaxRateView(
      long id,
      String country,
      String region,
      String name,
      String ratePercent,
      LocalDate effectiveFrom) {

    static TaxRateView of(TaxRate rate) {
      return new TaxRateView(
          rate.id(),
          rate.country(),
          rate.region(),
          rate.name(),
          rate.ratePercent().stripTrailingZeros().toPlainString(),
          rate.effectiveFrom());
    }
  }

  @GetMapping
  @PreAuthorize(OPERATOR_ROLES)
  @Operation(
      summary = "List tax rates",
      description = "Every rate, or one country's, by country, region, name and effective date.")
  Map<String, List<TaxRateView>> list(@RequestParam(required = false) String country) {
    return Map.of(
        "tax_rates",
        rates.list(Optional.ofNullable(country).map(c -> c.toUpperCase(Locale.ROOT))).stream()
            .map(TaxRateView::of)
            .toList());
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @PreAuthorize(OPERATOR_ROLES)
  @Operation(
      summary = "Add a tax rate",
      description =
          "A rate of a country (or a region of it) from a date on. A series (country, region and"
              + " name) changes by a new rate from a later date: invoices of periods ending on or"
              + " after it are taxed at it. A second rate of a series on the same day is a 409.")
  Map<String, TaxRateView> create(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @RequestBody TaxRateRequest request) {
    List<String> errors = new ArrayList<>();
    String country = upper(request.country());
    if (country == null || !country.matches("[A-Z]{2}")) {
      errors.add("'country' is required: an ISO 3166 country code (DE)");
    }
    String region = upper(request.region());
    if (region != null && !region.matches("[A-Z0-9]{1,3}")) {
      errors.add("'region' must be the region's code within the country (a US state: CA)");
    }
    String name = request.name() == null ? null : request.name().strip();
    if (name == null || name.isEmpty() || name.length() > 40) {
      errors.add("'name' is required: what invoices call the tax (VAT), at most 40 characters");
    }
    BigDecimal rate = ratePercent(request.ratePercent(), errors);
    LocalDate from = null;
    try {
      from = request.effectiveFrom() == null ? null : LocalDate.parse(request.effectiveFrom());
    } catch (DateTimeParseException e) {
      // reported below
    }
    if (from == null) {
      errors.add("'effective_from' is required: a date (2027-01-01)");
    }
    if (!errors.isEmpty()) {
      throw ApiException.badRequest(errors);
    }
    try {
      return Map.of(
          "tax_rate",
          TaxRateView.of(rates.create(country, region, name, rate, from, caller.userId())));
    } catch (TaxRates.DuplicateTaxRate e) {
      throw ApiException.conflict(e.getMessage());
    }
  }

  /** A percentage from 0 to 100 with at most four decimals, as given: never rounded. */
  private static BigDecimal ratePercent(String value, List<String> errors) {
    if (value != null && value.strip().matches("\\d{1,3}(\\.\\d{1,4})?")) {
      BigDecimal rate = new BigDecimal(value.strip());
      if (rate.compareTo(BigDecimal.valueOf(100)) <= 0) {
        return rate;
      }
    }
    errors.add(
        "'rate_percent' is required: a percentage from 0 to 100 with at most four decimals, as a"
            + " string (\"20\", \"7.25\")");
    return null;
  }

  private static String upper(String value) {
    return value == null || value.isBlank() ? null : value.strip().toUpperCase(Locale.ROOT);
  }
}
