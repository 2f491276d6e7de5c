package dev.vigil.escalation.assignment;

import dev.vigil.escalation.AssignLevel;
import dev.vigil.escalation.EscalationActivities;
import dev.vigil.notification.NotificationStep;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
public class EscalationActivitiesImpl implements EscalationActivities {

  private final LevelAssignment assignment;

  public EscalationActivitiesImpl(LevelAssignment assignment) {
    this.assignment = assignment;
  }

  @Override
  public List<NotificationStep> assignLevel(AssignLevel request) {
    return assignment.assign(request);
  }
}
