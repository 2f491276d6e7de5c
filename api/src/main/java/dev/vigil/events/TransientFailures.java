package dev.vigil.events;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Which failures to make an event durable heal by themselves, so the sender should retry (503):
 * PostgreSQL unreachable, out of connections or timing out, and Temporal unavailable, overloaded or
 * timing out. Anything else (a value PostgreSQL refuses, an argument Temporal refuses) fails again
 * on every retry and must not be answered "retry" (docs/decisions/0017).
 */
final class TransientFailures {

  private static final Set<Status.Code> TRANSIENT_GRPC =
      Set.of(
          Status.Code.UNAVAILABLE,
          Status.Code.DEADLINE_EXCEEDED,
          Status.Code.RESOURCE_EXHAUSTED,
          Status.Code.ABORTED);

  private TransientFailures() {}

  static boolean isTransient(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof TransientDataAccessException
          || t instanceof RecoverableDataAccessException
          || t instanceof DataAccessResourceFailureException) {
        return true;
      }
      if (t instanceof StatusRuntimeException grpc) {
        return TRANSIENT_GRPC.contains(grpc.getStatus().getCode());
      }
      // Concurrent duplicates lost a race more often than IncidentEvents retries it.
      if (t instanceof WorkflowExecutionAlreadyStarted) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
