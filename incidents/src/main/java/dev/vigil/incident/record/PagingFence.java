package dev.vigil.incident.record;

import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Never a page after an accepted acknowledgement (docs/decisions/0021).
 *
 * <p>A send claims its notification in a transaction that first reads the incident row {@code for
 * share} and finds it still paging ({@link #allowsPaging}); stopping paging writes that row (the
 * recorded acknowledgement or resolution, or {@link #stop} for the Events API). The row lock orders
 * the two: either the stop comes first and the send is cancelled, or the claim comes first and its
 * {@code sending} row is committed before the stop. Whoever accepts an acknowledgement then waits
 * for the sends in flight ({@link #awaitSendsInFlight}) before answering, so every page either went
 * out before the answer or never goes out.
 */
@Component
public class PagingFence {

  /**
   * A send claimed longer ago than this is not waited for: its worker died mid-send (a provider
   * call times out within seconds), and a retry of it will find the stop and be cancelled.
   */
  static final Duration IN_FLIGHT_AT_MOST = Duration.ofSeconds(40);

  private static final Duration POLL = Duration.ofMillis(50);

  private final JdbcClient jdbc;

  public PagingFence(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Inside the claim's transaction: true while the incident may be paged. Locks its row. */
  public boolean allowsPaging(long incidentId) {
    return jdbc.sql(
            """
            select status = 'triggered' and paging_stopped_at is null from incidents
            where id = ? for share""")
        .param(incidentId)
        .query(Boolean.class)
        .optional()
        .orElse(false);
  }

  /**
   * Stops paging for the open incident of a workflow, before the acknowledgement or resolution the
   * workflow was just signalled is recorded. A resolution also stops the incident taking
   * duplicates: a trigger from now on opens the next incident. Returns the incident stopped.
   */
  public Optional<Long> stop(String workflowId, boolean resolving) {
    return jdbc.sql(
            """
            update incidents set paging_stopped_at = coalesce(paging_stopped_at, now()),
                   resolve_requested_at = case when :resolving
                                               then coalesce(resolve_requested_at, now())
                                               else resolve_requested_at end
            where workflow_id = :workflow and status <> 'resolved' returning id""")
        .param("resolving", resolving)
        .param("workflow", workflowId)
        .query(Long.class)
        .optional();
  }

  /** Waits until no page of the incident is being sent, at most {@link #IN_FLIGHT_AT_MOST}. */
  public void awaitSendsInFlight(long incidentId) {
    long deadline = System.nanoTime() + IN_FLIGHT_AT_MOST.toNanos();
    while (sendsInFlight(incidentId) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private boolean sendsInFlight(long incidentId) {
    return jdbc.sql(
            """
            select exists (select 1 from notifications
                           where incident_id = ? and status = 'sending'
                             and claimed_at > now() - make_interval(secs => ?))""")
        .params(incidentId, IN_FLIGHT_AT_MOST.toSeconds())
        .query(Boolean.class)
        .single();
  }
}
