package dev.vigil.incident;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * What signals and updates changed in the workflow's memory and the durable record does not show
 * yet: new alerts and status changes, written in arrival order by {@link #record}. Handlers only
 * queue; the main workflow thread writes, so activities never run inside a signal handler.
 */
final class UnrecordedChanges {

  private final Deque<AlertSignal> alerts = new ArrayDeque<>();
  private final Deque<Transition> transitions = new ArrayDeque<>();

  void alert(AlertSignal alert) {
    alerts.add(alert);
  }

  void alerts(List<AlertSignal> carried) {
    alerts.addAll(carried);
  }

  /** The first trigger, which opens the incident rather than joining it. */
  AlertSignal firstAlert() {
    return alerts.poll();
  }

  boolean hasAlerts() {
    return !alerts.isEmpty();
  }

  void transition(IncidentStatus status, Responder by, Instant at) {
    transitions.add(new Transition(status, by, at));
  }

  boolean transitionsRecorded() {
    return transitions.isEmpty();
  }

  boolean isEmpty() {
    return alerts.isEmpty() && transitions.isEmpty();
  }

  /** Writes everything queued; returns how many alerts it attached. */
  int record(IncidentActivities incidents, long incidentId, IntSupplier nextSeq) {
    int attached = 0;
    if (!alerts.isEmpty()) {
      // One activity per burst, not per alert: an alert storm grows history by its signals only.
      List<AlertSignal> burst = List.copyOf(alerts);
      alerts.clear();
      incidents.attachAlerts(new AttachAlerts(incidentId, burst));
      attached = burst.size();
    }
    while (!transitions.isEmpty()) {
      Transition transition = transitions.peek();
      incidents.recordTransition(
          new RecordTransition(
              incidentId,
              transition.status(),
              transition.by(),
              transition.at(),
              nextSeq.getAsInt()));
      transitions.poll(); // only once written: an update waits for this queue to empty
    }
    return attached;
  }

  private record Transition(IncidentStatus status, Responder by, Instant at) {}
}
