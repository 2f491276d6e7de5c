package dev.vigil.oncall.user;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How to wake one user for an incident of one urgency: their notification rules for it, in order of
 * delay. A user with none for it is paged at once on every contact method (SMS to phones, email to
 * addresses), so forgetting to add rules never makes anyone unreachable. Only verified methods are
 * paged (decision 0058): a rule on an unverified method waits for its verification, and rules that
 * all wait count as none.
 */
@Component
public class PagingPlans {

  private final JdbcClient jdbc;

  PagingPlans(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * @param channel "sms", "voice" or "email"
   */
  public record Step(long contactMethodId, String channel, int delaySeconds) {}

  /**
   * A user's plan for one urgency, and how it came about.
   *
   * @param byRules false when the user has no rule for the urgency on a verified method, and every
   *     verified method is paged at once instead
   */
  public record Plan(List<Step> steps, boolean byRules) {}

  public List<Step> of(long accountId, long userId, String urgency) {
    return plan(accountId, userId, urgency).steps();
  }

  public Plan plan(long accountId, long userId, String urgency) {
    List<Step> ruled =
        jdbc.sql(
                """
                select r.contact_method_id, r.channel, r.delay_minutes from notification_rules r
                join contact_methods m on m.id = r.contact_method_id
                where r.account_id = ? and r.user_id = ? and r.urgency = ?
                  and m.verified_at is not null
                order by r.delay_minutes, r.id""")
            .params(accountId, userId, urgency)
            .query(
                (rs, n) ->
                    new Step(
                        rs.getLong("contact_method_id"),
                        rs.getString("channel"),
                        rs.getInt("delay_minutes") * 60))
            .list();
    return ruled.isEmpty()
        ? new Plan(everyContactMethodAtOnce(accountId, userId), false)
        : new Plan(ruled, true);
  }

  private List<Step> everyContactMethodAtOnce(long accountId, long userId) {
    return jdbc.sql(
            "select id, kind from contact_methods where account_id = ? and user_id = ?"
                + " and verified_at is not null order by id")
        .params(accountId, userId)
        .query(
            (rs, n) ->
                new Step(
                    rs.getLong("id"), "phone".equals(rs.getString("kind")) ? "sms" : "email", 0))
        .list();
  }
}
