package dev.vigil.incident;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * What signals and updates changed in the workflow's memory and the durable record does not show
 * yet: new alerts, status changes and responders' actions, written in arrival order by {@link
 * #record}. Handlers only queue; the main workflow thread writes, so activities never run inside a
 * signal or update handler.
 */
final class UnrecordedChanges {

  private final Deque<AlertSignal> alerts = new ArrayDeque<>();
  private final Deque<Change> changes = new ArrayDeque<>();

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
    changes.add(new Transition(status, by, at));
  }

  /** An action's entry (a note, a priority, a snooze), written in order with status changes. */
  void action(Change change) {
    changes.add(change);
  }

  /** Status changes and actions are on the record: an update answering now tells the truth. */
  boolean changesRecorded() {
    return changes.isEmpty();
  }

  boolean isEmpty() {
    return alerts.isEmpty() && changes.isEmpty();
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
    while (!changes.isEmpty()) {
      changes.peek().record(incidents, incidentId, nextSeq.getAsInt());
      changes.poll(); // only once written: an update waits for this queue to empty
    }
    return attached;
  }

  /** One change to write, with the timeline number it is given when written. */
  interface Change {
    void record(IncidentActivities incidents, long incidentId, int seq);
  }

  private record Transition(IncidentStatus status, Responder by, Instant at) implements Change {
    @Override
    public void record(IncidentActivities incidents, long incidentId, int seq) {
      incidents.recordTransition(new RecordTransition(incidentId, status, by, at, seq));
    }
  }

  record ActionTaken(String kind, String message, Responder by, Instant at) implements Change {
    @Override
    public void record(IncidentActivities incidents, long incidentId, int seq) {
      incidents.recordAction(new RecordAction(incidentId, kind, message, by, at, seq));
    }
  }

  record PriorityChanged(String priority, Responder by, Instant at) implements Change {
    @Override
    public void record(IncidentActivities incidents, long incidentId, int seq) {
      incidents.recordPriority(new RecordPriority(incidentId, priority, by, at, seq));
    }
  }

  record Merged(long targetIncidentId, long targetNumber, Responder by, Instant at)
      implements Change {
    @Override
    public void record(IncidentActivities incidents, long incidentId, int seq) {
      incidents.recordMerge(
          new RecordMerge(incidentId, targetIncidentId, targetNumber, by, at, seq));
    }
  }

  record Snoozed(Instant until, int minutes, Responder by, Instant at) implements Change {
    @Override
    public void record(IncidentActivities incidents, long incidentId, int seq) {
      incidents.recordSnooze(new RecordSnooze(incidentId, until, minutes, by, at, seq));
    }
  }
}
