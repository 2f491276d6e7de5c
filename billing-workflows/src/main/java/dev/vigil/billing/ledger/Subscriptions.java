package dev.vigil.billing.ledger;

import dev.vigil.billing.catalog.PlanCatalog;
import dev.vigil.billing.catalog.PlanVersion;
import dev.vigil.billing.rating.BillingPeriod;
import dev.vigil.billing.rating.SubscriptionTerm;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An account's subscription: plan and seat changes, each applying from a stated moment. The
 * subscription in force at an instant is the latest change effective at or before it; of changes
 * effective at the same instant, the one recorded last.
 */
@Component
public class Subscriptions {

  private final JdbcClient jdbc;
  private final PlanCatalog catalog;

  public Subscriptions(JdbcClient jdbc, PlanCatalog catalog) {
    this.jdbc = jdbc;
    this.catalog = catalog;
  }

  /**
   * Records a change to the current version of a plan, from {@code effectiveAt}.
   *
   * @return the change's id
   * @throws IllegalArgumentException for an unknown plan or a negative seat count
   */
  public long record(
      long accountId, String planCode, int seats, Instant effectiveAt, String reason) {
    if (seats < 0) {
      throw new IllegalArgumentException("seats must be at least 0: " + seats);
    }
    PlanVersion plan =
        catalog
            .current(planCode)
            .orElseThrow(() -> new IllegalArgumentException("unknown plan: " + planCode));
    currencyOf(accountId)
        .filter(currency -> !currency.equals(plan.currency()))
        .ifPresent(
            currency -> {
              // Every invoice of an account is in one currency: a change would fail every draft.
              throw new IllegalArgumentException(
                  "plan: "
                      + planCode
                      + " is billed in "
                      + plan.currency()
                      + ", this account in "
                      + currency);
            });
    return jdbc.sql(
            """
            insert into subscription_changes (account_id, plan_version_id, seats, effective_at, reason)
            values (:account, :plan, :seats, :effectiveAt, :reason)
            returning id
            """)
        .param("account", accountId)
        .param("plan", plan.id())
        .param("seats", seats)
        .param("effectiveAt", UsageMeter.utc(effectiveAt))
        .param("reason", reason == null ? "" : reason)
        .query(Long.class)
        .single();
  }

  /** The currency the account is billed in: its latest plan's; empty before any plan. */
  public java.util.Optional<String> currencyOf(long accountId) {
    return jdbc.sql(
            """
            select v.currency from subscription_changes s
            join plan_versions v on v.id = s.plan_version_id
            where s.account_id = :account
            order by s.effective_at desc, s.id desc limit 1
            """)
        .param("account", accountId)
        .query(String.class)
        .optional()
        .map(String::trim);
  }

  /**
   * The terms covering a period, cut at each change. A subscription that starts within the period
   * covers it from its start only; consecutive changes to the same plan version and seats make one
   * term, so a change that changes nothing does not split the fees.
   *
   * @throws IllegalStateException when no subscription is in force at the end of the period
   */
  public List<SubscriptionTerm> terms(long accountId, BillingPeriod period) {
    List<Change> changes = changes(accountId, period.start(), period.end());
    if (changes.isEmpty()) {
      throw new IllegalStateException(
          "account " + accountId + " has no subscription in force at the end of " + period);
    }
    Map<Long, PlanVersion> plans = new HashMap<>();
    List<SubscriptionTerm> terms = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      Change change = changes.get(i);
      Instant from =
          change.effectiveAt().isBefore(period.start()) ? period.start() : change.effectiveAt();
      Instant to = i + 1 < changes.size() ? changes.get(i + 1).effectiveAt() : period.end();
      PlanVersion plan = plans.computeIfAbsent(change.planVersionId(), catalog::version);
      SubscriptionTerm previous = terms.isEmpty() ? null : terms.get(terms.size() - 1);
      if (previous != null
          && previous.plan().id() == plan.id()
          && previous.seats() == change.seats()) {
        terms.set(
            terms.size() - 1, new SubscriptionTerm(previous.from(), to, plan, change.seats()));
      } else {
        terms.add(new SubscriptionTerm(from, to, plan, change.seats()));
      }
    }
    return terms;
  }

  /** A subscription as it stands: the plan version and seats, since when. */
  public record InForce(PlanVersion plan, int seats, Instant since) {}

  /** The subscription in force at an instant, if billing had started by then. */
  public java.util.Optional<InForce> inForceAt(long accountId, Instant at) {
    return changes(accountId, at, at).stream()
        .findFirst()
        .map(c -> new InForce(catalog.version(c.planVersionId()), c.seats(), c.effectiveAt()));
  }

  /** The plan version in force at the end of a period: the one that rates its usage. */
  public PlanVersion planAtEndOf(long accountId, BillingPeriod period) {
    List<SubscriptionTerm> terms = terms(accountId, period);
    return terms.get(terms.size() - 1).plan();
  }

  /**
   * The change in force at {@code from}, if any, then the change that wins at each later instant
   * before {@code to}, in time order.
   */
  private List<Change> changes(long accountId, Instant from, Instant to) {
    return jdbc.sql(
            """
            (select plan_version_id, seats, effective_at from subscription_changes
             where account_id = :account and effective_at <= :from
             order by effective_at desc, id desc limit 1)
            union all
            (select distinct on (effective_at) plan_version_id, seats, effective_at
             from subscription_changes
             where account_id = :account and effective_at > :from and effective_at < :to
             order by effective_at, id desc)
            order by effective_at
            """)
        .param("account", accountId)
        .param("from", UsageMeter.utc(from))
        .param("to", UsageMeter.utc(to))
        .query(
            (rs, n) ->
                new Change(
                    rs.getLong("plan_version_id"),
                    rs.getInt("seats"),
                    rs.getObject("effective_at", OffsetDateTime.class).toInstant()))
        .list();
  }

  private record Change(long planVersionId, int seats, Instant effectiveAt) {}
}
