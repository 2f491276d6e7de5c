package dev.vigil.billing.ledger;

import java.sql.Array;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads billing profiles. */
@Component
public class BillingProfiles {

  private final JdbcClient jdbc;

  public BillingProfiles(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<BillingProfile> find(long accountId) {
    return jdbc.sql(
            """
            select b.account_id, a.name, a.home_country, b.collection_method, b.billing_time_zone,
                   b.billing_email, b.net_terms_days, b.reminder_offsets, b.billing_starts_at,
                   b.stripe_customer_id, b.po_number, b.bill_to_address, b.tax_id,
                   b.bill_to_region
            from billing_profiles b join accounts a on a.id = b.account_id
            where b.account_id = :account
            """)
        .param("account", accountId)
        .query(
            (rs, n) ->
                new BillingProfile(
                    rs.getLong("account_id"),
                    rs.getString("name"),
                    rs.getString("home_country").trim(),
                    CollectionMethod.fromCode(rs.getString("collection_method")),
                    ZoneId.of(rs.getString("billing_time_zone")),
                    rs.getString("billing_email"),
                    rs.getInt("net_terms_days"),
                    offsets(rs.getArray("reminder_offsets")),
                    rs.getTimestamp("billing_starts_at").toInstant(),
                    rs.getString("stripe_customer_id"),
                    rs.getString("po_number"),
                    Arrays.asList((String[]) rs.getArray("bill_to_address").getArray()),
                    rs.getString("tax_id"),
                    rs.getString("bill_to_region")))
        .optional();
  }

  public BillingProfile get(long accountId) {
    return find(accountId)
        .orElseThrow(() -> new IllegalStateException("account " + accountId + " is not billed"));
  }

  private static List<Integer> offsets(Array array) throws SQLException {
    return Arrays.stream((Integer[]) array.getArray()).toList();
  }
}
