package dev.vigil.billing.catalog;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads plan versions. The catalog is written by migrations: prices are a product decision. */
@Component
public class PlanCatalog {

  private final JdbcClient jdbc;

  public PlanCatalog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public PlanVersion version(long planVersionId) {
    return find("v.id = :key", planVersionId)
        .orElseThrow(() -> new IllegalStateException("no plan version " + planVersionId));
  }

  /** The newest version of a plan, which new subscriptions get. */
  public Optional<PlanVersion> current(String planCode) {
    return find(
        "v.id = (select max(id) from plan_versions where plan_code = :key)", (Object) planCode);
  }

  /** The current version of every plan: what a new subscription can choose from. */
  public java.util.List<PlanVersion> currentVersions() {
    return codes().stream().map(code -> current(code).orElseThrow()).toList();
  }

  /** The plans' codes, for messages that list the choices. */
  public java.util.List<String> codes() {
    return jdbc.sql("select code from plans order by code").query(String.class).list();
  }

  /**
   * The version row is read and its result set closed before its prices are read: a query inside
   * another's row mapper holds two pooled connections at once, and enough concurrent callers then
   * wait on each other for the last connections (a deadlock of the pool).
   */
  private Optional<PlanVersion> find(String where, Object key) {
    Optional<VersionRow> row =
        jdbc.sql(
                """
                select v.id, v.plan_code, p.name, v.version, v.currency, v.base_fee_minor,
                       v.seat_price_minor
                from plan_versions v join plans p on p.code = v.plan_code
                where\s"""
                    + where)
            .param("key", key)
            .query(VersionRow.class)
            .optional();
    return row.map(
        v ->
            new PlanVersion(
                v.id(),
                v.planCode(),
                v.name(),
                v.version(),
                v.currency(),
                v.baseFeeMinor(),
                v.seatPriceMinor(),
                usagePrices(v.id())));
  }

  private record VersionRow(
      long id,
      String planCode,
      String name,
      int version,
      String currency,
      long baseFeeMinor,
      long seatPriceMinor) {}

  private Map<UsageType, UsagePrice> usagePrices(long planVersionId) {
    Map<UsageType, UsagePrice> prices = new EnumMap<>(UsageType.class);
    jdbc.sql(
            """
            select usage_type, included_units, overage_price_minor
            from plan_usage_prices where plan_version_id = :id
            """)
        .param("id", planVersionId)
        .query(
            rs -> {
              prices.put(
                  UsageType.fromCode(rs.getString("usage_type")),
                  new UsagePrice(
                      rs.getLong("included_units"), rs.getBigDecimal("overage_price_minor")));
            });
    return prices;
  }
}
