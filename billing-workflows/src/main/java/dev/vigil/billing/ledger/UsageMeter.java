package dev.vigil.billing.ledger;

import dev.vigil.billing.catalog.UsageType;
import dev.vigil.oncall.address.PhoneNumbers;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Meters an account's usage from its notification log, by decision 0008: notifications a provider
 * took (status sent or delivered), SMS by segment (1 when the provider has not said), calls by
 * minute rounded up per call (0 until the duration is known), emails by message; domestic when the
 * destination is in the account's home country. What a notification has beyond the units already
 * billed for it ({@code billed_usage}) is its unbilled usage.
 *
 * <p>Everything is counted in PostgreSQL: an account sends hundreds of thousands of notifications a
 * month. Only destinations with no recorded country come to Java, once each, to be read from their
 * E.164 number. Which month a notification belongs to is not: PostgreSQL's zone rules are not
 * Java's (a bundled PostgreSQL may predate a zone's change), so the months' bounds are computed
 * here, with the rules that drew the billing period, and handed over as instants.
 */
@Component
public class UsageMeter {

  /** Per notification: its usage type, its local month, and its units not billed yet. */
  private static final String METERED =
      """
      with resolved (destination, country) as (
          select * from unnest(cast(:destinations as text[]), cast(:countries as text[]))
      ),
      months (month, starts, ends) as (
          select * from unnest(cast(:months as text[]), cast(:starts as timestamptz[]),
                               cast(:ends as timestamptz[]))
      ),
      metered as (
          select n.id,
                 m.month,
                 m.starts,
                 case
                     when n.channel = 'email' then 'email'
                     when upper(coalesce(n.destination_country, r.country)) = upper(a.home_country)
                         then n.channel || '_domestic'
                     else n.channel || '_international'
                 end as usage_type,
                 case n.channel
                     when 'sms' then coalesce(n.segments, 1)
                     when 'voice' then (coalesce(n.call_duration_seconds, 0) + 59) / 60
                     else 1
                 end - coalesce((select sum(b.units) from billed_usage b
                                 where b.notification_id = n.id), 0) as unbilled
          from notifications n
          join months m on n.sent_at >= m.starts and n.sent_at < m.ends
          join accounts a on a.id = n.account_id
          left join resolved r on n.destination_country is null and r.destination = n.destination
          where n.account_id = :account
            and n.status in ('sent', 'delivered')
            and n.channel in ('sms', 'voice', 'email')
            and n.sent_at >= :from and n.sent_at < :to
      )
      """;

  /**
   * A notification billed for more units than it has now (a provider that corrected a count down)
   * is not refunded here: only growth is billed.
   */
  private static final String TOTALS =
      """
      select month, starts, usage_type, sum(unbilled) as units
      from metered where unbilled > 0
      group by month, starts, usage_type
      """;

  private final JdbcClient jdbc;

  public UsageMeter(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Unbilled units of the notifications sent in [from, to), by local month (cut again at {@code
   * cuts}, where the plan changed) and type, in time then type order. Writes nothing.
   */
  public List<MeteredUsage> unbilled(
      long accountId, ZoneId zone, Instant from, Instant to, List<Instant> cuts) {
    return totals(METERED + TOTALS, accountId, zone, from, to, cuts, null);
  }

  /**
   * The same units as {@link #unbilled}, recorded as billed on an invoice: per notification, a
   * {@code billed_usage} row with the units newly billed. One statement reads and records, so what
   * is returned is exactly what was recorded, whatever providers report meanwhile.
   */
  public List<MeteredUsage> bill(
      long accountId, ZoneId zone, Instant from, Instant to, List<Instant> cuts, long invoiceId) {
    String sql =
        METERED
            + """
            , billed as (
                insert into billed_usage (notification_id, invoice_id, usage_type, units)
                select id, :invoice, usage_type, unbilled from metered where unbilled > 0
            )
            """
            + TOTALS;
    return totals(sql, accountId, zone, from, to, cuts, invoiceId);
  }

  private List<MeteredUsage> totals(
      String sql,
      long accountId,
      ZoneId zone,
      Instant from,
      Instant to,
      List<Instant> cuts,
      Long invoiceId) {
    Map<String, String> countries = countriesOfUnknownDestinations(accountId, from, to);
    List<LocalMonth> months = LocalMonth.covering(zone, from, to, cuts);
    var statement =
        jdbc.sql(sql)
            .param("destinations", countries.keySet().toArray(String[]::new))
            .param("countries", countries.values().toArray(String[]::new))
            .param("months", months.stream().map(LocalMonth::month).toArray(String[]::new))
            .param("starts", months.stream().map(LocalMonth::starts).toArray(String[]::new))
            .param("ends", months.stream().map(LocalMonth::ends).toArray(String[]::new))
            .param("account", accountId)
            .param("from", utc(from))
            .param("to", utc(to));
    if (invoiceId != null) {
      statement = statement.param("invoice", invoiceId);
    }
    return statement
        .query(
            (rs, n) ->
                new MeteredUsage(
                    YearMonth.parse(rs.getString("month")),
                    rs.getObject("starts", OffsetDateTime.class).toInstant(),
                    UsageType.fromCode(rs.getString("usage_type")),
                    rs.getLong("units")))
        .list()
        .stream()
        .sorted(
            java.util.Comparator.comparing(MeteredUsage::from).thenComparing(MeteredUsage::type))
        .toList();
  }

  /**
   * Countries of the phone numbers paged without one recorded; a number with no country is left out
   * and so rated international.
   */
  private Map<String, String> countriesOfUnknownDestinations(
      long accountId, Instant from, Instant to) {
    Map<String, String> countries = new TreeMap<>();
    jdbc.sql(
            """
            select distinct destination from notifications
            where account_id = :account and destination_country is null
              and status in ('sent', 'delivered') and channel in ('sms', 'voice')
              and sent_at >= :from and sent_at < :to
            """)
        .param("account", accountId)
        .param("from", utc(from))
        .param("to", utc(to))
        .query(String.class)
        .list()
        .forEach(
            destination -> {
              String country = PhoneNumbers.countryOf(destination);
              if (country != null) {
                countries.put(destination, country);
              }
            });
    return countries;
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
