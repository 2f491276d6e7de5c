package dev.vigil.billing.ledger;

import dev.vigil.billing.rating.TaxRate;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The operator's tax rates (docs/decisions/0065): the one writer and reader of {@code tax_rates}. A
 * rate is never changed or removed once invoices may have used it: a series changes by a new rate
 * from a later date.
 */
@Component
public class TaxRates {

  private static final String COLUMNS = "id, country, region, name, rate_percent, effective_from";

  private final JdbcClient jdbc;

  public TaxRates(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A rate of this country, region and name already takes effect on that day. */
  public static final class DuplicateTaxRate extends RuntimeException {
    DuplicateTaxRate(String message) {
      super(message);
    }
  }

  /**
   * Adds a rate.
   *
   * @throws DuplicateTaxRate when its series already has a rate from that day
   */
  public TaxRate create(
      String country,
      String region,
      String name,
      BigDecimal ratePercent,
      LocalDate effectiveFrom,
      Long createdBy) {
    try {
      return jdbc.sql(
              "insert into tax_rates (country, region, name, rate_percent, effective_from,"
                  + " created_by) values (:country, :region, :name, :rate, :from, :by) returning "
                  + COLUMNS)
          .param("country", country)
          .param("region", region)
          .param("name", name)
          .param("rate", ratePercent)
          .param("from", effectiveFrom)
          .param("by", createdBy)
          .query(TaxRates::rate)
          .single();
    } catch (DuplicateKeyException e) {
      throw new DuplicateTaxRate(
          name
              + " of "
              + country
              + (region == null ? "" : "-" + region)
              + " already has a rate from "
              + effectiveFrom
              + ": give the new rate a later effective date");
    }
  }

  /** Every rate, or one country's, by country, region, name and date. */
  public List<TaxRate> list(Optional<String> country) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from tax_rates where (cast(:country as text) is null or country = :country)"
                + " order by country, coalesce(region, ''), name, effective_from")
        .param("country", country.orElse(null))
        .query(TaxRates::rate)
        .list();
  }

  /**
   * The rates in force on {@code day} for a customer in {@code country} (and {@code region}): of
   * each series of the whole country and of the region, the latest that took effect by then. The
   * country's first, then the region's, each by name.
   */
  public List<TaxRate> inForce(String country, String region, LocalDate day) {
    List<TaxRate> rates =
        new ArrayList<>(
            jdbc.sql(
                    "select distinct on (coalesce(region, ''), name) "
                        + COLUMNS
                        + " from tax_rates where country = :country and effective_from <= :day"
                        + " and (region is null or region = :region)"
                        + " order by coalesce(region, ''), name, effective_from desc")
                .param("country", country)
                .param("region", region)
                .param("day", day)
                .query(TaxRates::rate)
                .list());
    rates.sort(
        Comparator.comparing((TaxRate rate) -> rate.region() == null ? "" : rate.region())
            .thenComparing(TaxRate::name));
    return rates;
  }

  private static TaxRate rate(ResultSet rs, int n) throws SQLException {
    return new TaxRate(
        rs.getLong("id"),
        rs.getString("country").trim(),
        rs.getString("region"),
        rs.getString("name"),
        rs.getBigDecimal("rate_percent"),
        rs.getObject("effective_from", LocalDate.class));
  }
}
