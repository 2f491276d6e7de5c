package dev.vigil.escalation;

import dev.vigil.notification.NotificationStep;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/** Turns a level that fires into people and the notifications they get. */
@ActivityInterface
public interface EscalationActivities {

  /**
   * Resolves the level's targets now, makes them the incident's assignees, writes the timeline
   * entry and returns each assignee's notification steps. Idempotent per (incident, seq).
   */
  List<NotificationStep> assignLevel(AssignLevel request);
}
