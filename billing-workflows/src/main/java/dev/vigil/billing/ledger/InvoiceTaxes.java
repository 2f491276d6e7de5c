package dev.vigil.billing.ledger;

import dev.vigil.billing.rating.BillingPeriod;
import dev.vigil.billing.rating.TaxTreatment;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Decides how an invoice is taxed and keeps its tax lines true (docs/decisions/0065). The
 * customer's jurisdiction is the account's home country and its billing profile's {@code
 * bill_to_region}; the rates are those in force on the last day of the period billed (a monthly
 * service is supplied, and invoiced, at the period's end), so a rate that takes effect on the 1st
 * applies from that month's invoice.
 */
@Component
public class InvoiceTaxes {

  private final JdbcClient jdbc;
  private final TaxRates rates;
  private final SellerSettings seller;

  public InvoiceTaxes(JdbcClient jdbc, TaxRates rates, SellerSettings seller) {
    this.jdbc = jdbc;
    this.rates = rates;
    this.seller = seller;
  }

  /**
   * The EU reverse charge when the seller is established in one EU country and the customer, with a
   * VAT number, in another; otherwise the rates of the customer's jurisdiction in force on the
   * period's last day.
   */
  public TaxTreatment treatment(BillingProfile profile, BillingPeriod period) {
    if (reverseCharge(profile)) {
      return TaxTreatment.reverseChargeOnly();
    }
    LocalDate lastDay = period.end().atZone(period.zone()).toLocalDate().minusDays(1);
    return new TaxTreatment(
        rates.inForce(profile.homeCountry(), profile.billToRegion(), lastDay), false);
  }

  private boolean reverseCharge(BillingProfile profile) {
    return profile.taxId() != null
        && TaxIds.isEu(seller.country())
        && TaxIds.isEu(profile.homeCountry())
        && !seller.country().equals(profile.homeCountry());
  }

  /**
   * Writes on a new draft who was taxed how: the parties' tax ids, the seller, the jurisdiction.
   */
  void recordParties(long invoiceId, BillingProfile profile, TaxTreatment treatment) {
    jdbc.sql(
            """
            update invoices
            set tax_country = :country, tax_region = :region, seller_name = :sellerName,
                seller_address = :sellerAddress, seller_tax_id = :sellerTaxId,
                customer_tax_id = :customerTaxId, reverse_charge = :reverseCharge
            where id = :id
            """)
        .param("country", profile.homeCountry())
        .param("region", profile.billToRegion())
        .param("sellerName", seller.name())
        .param("sellerAddress", seller.address().toArray(String[]::new))
        .param("sellerTaxId", seller.taxId())
        .param("customerTaxId", profile.taxId())
        .param("reverseCharge", treatment.reverseCharge())
        .param("id", invoiceId)
        .update();
  }

  /**
   * Recomputes a draft's tax lines on its taxable subtotal as it is now (after adjustments), each
   * at the rate it was drafted with, and its total. Callers hold the invoice's row lock.
   */
  void retax(long invoiceId) {
    record Basis(long lineId, String name, BigDecimal ratePercent) {}
    String currency =
        jdbc.sql("select currency from invoices where id = :id")
            .param("id", invoiceId)
            .query(String.class)
            .single()
            .trim();
    long subtotal =
        jdbc.sql(
                """
                select coalesce(sum(amount_minor), 0) from invoice_lines
                where invoice_id = :id and kind not in ('tax', 'account_credit')
                """)
            .param("id", invoiceId)
            .query(Long.class)
            .single();
    long taxable = Math.max(0, subtotal);
    List<Basis> lines =
        jdbc.sql(
                """
                select l.id, coalesce(r.name, l.description) as name, l.tax_rate_percent
                from invoice_lines l left join tax_rates r on r.id = l.tax_rate_id
                where l.invoice_id = :id and l.kind = 'tax' order by l.position
                """)
            .param("id", invoiceId)
            .query(
                (rs, n) ->
                    new Basis(
                        rs.getLong("id"),
                        rs.getString("name"),
                        rs.getBigDecimal("tax_rate_percent")))
            .list();
    for (Basis line : lines) {
      long amount = TaxTreatment.amount(taxable, line.ratePercent(), currency);
      jdbc.sql(
              """
              update invoice_lines
              set taxable_minor = :taxable, amount_minor = :amount, unit_price_minor = :amount,
                  description = :description
              where id = :line
              """)
          .param("taxable", taxable)
          .param("amount", amount)
          .param(
              "description",
              TaxTreatment.description(line.name(), line.ratePercent(), taxable, currency))
          .param("line", line.lineId())
          .update();
    }
  }
}
