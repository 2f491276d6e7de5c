package dev.vigil.incident;

import io.temporal.activity.ActivityInterface;

/**
 * The incident's durable record in PostgreSQL. Every method is idempotent, so a retried activity
 * never writes twice: incidents are unique per workflow run, alerts per alert id and timeline
 * entries per sequence number the workflow assigns.
 */
@ActivityInterface
public interface IncidentActivities {

  OpenedIncident openIncident(OpenIncident request);

  /**
   * Points a recorded, still open incident at a new run and notes why on its timeline; the policy
   * is the service's current one, the snapshot having been lost with the old run.
   */
  ResumedIncident resumeIncident(ResumeIncident request);

  /**
   * Points a recorded, still open incident at the run its previous run continued as, so that
   * actions on it reach the run that is paging. Idempotent: a retry finds it pointed.
   */
  void continueIncident(ContinueIncident request);

  void attachAlerts(AttachAlerts request);

  /** Before resolving on the auto-resolve timeout: were there alerts the workflow did not hear? */
  AutoResolveCheck checkAutoResolve(CheckAutoResolve request);

  void recordTransition(RecordTransition request);

  void recordNote(RecordNote request);

  /** A responder's note, escalation or reassignment on the timeline, naming who acted. */
  void recordAction(RecordAction request);

  void recordPriority(RecordPriority request);

  void recordSnooze(RecordSnooze request);

  void recordMerge(RecordMerge request);
}
