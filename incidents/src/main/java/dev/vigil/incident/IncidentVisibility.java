package dev.vigil.incident;

import static dev.vigil.search.VigilSearchAttributes.ACCOUNT_ID;
import static dev.vigil.search.VigilSearchAttributes.INCIDENT_NUMBER;
import static dev.vigil.search.VigilSearchAttributes.INCIDENT_STATUS;
import static dev.vigil.search.VigilSearchAttributes.SERVICE_ID;
import static dev.vigil.search.VigilSearchAttributes.URGENCY;

import dev.vigil.search.VigilSearchAttributes;
import io.temporal.common.SearchAttributes;
import io.temporal.workflow.Workflow;
import java.util.Locale;

/**
 * What the Temporal UI shows of an incident's workflow: its search attributes (number, status,
 * urgency, upserted as they become known or change) and its current details ("#42 HIGH Disk full on
 * db-01 — triggered, level 2"). The workflow calls it where the incident changes; nothing here
 * decides anything.
 */
public final class IncidentVisibility {

  /** {@code Workflow.getVersion} change id of upserting the search attributes. */
  static final String SEARCH_ATTRIBUTES = "search-attributes";

  static final int SEARCH_ATTRIBUTES_V1 = 1;

  private OpenedIncident incident;
  private IncidentStatus status = IncidentStatus.TRIGGERED;
  private Responder changedBy;
  private int round;
  private int level;
  private boolean exhausted;
  private boolean upserting;

  /** What is known when the workflow starts: set by whoever starts it. */
  public static SearchAttributes atStart(IncidentKey key) {
    return SearchAttributes.newBuilder()
        .set(ACCOUNT_ID, key.accountId())
        .set(SERVICE_ID, key.serviceId())
        .build();
  }

  /** The incident is on the record: its number and urgency are known. */
  void opened(OpenedIncident opened) {
    incident = opened;
    // Version 1: upserts are new commands. Runs recorded before them (no marker) upsert nothing.
    // Only executions started with Vigil's attributes upsert: their namespace is known to have
    // them, and an unknown attribute would fail every workflow task from here on.
    int version =
        Workflow.getVersion(SEARCH_ATTRIBUTES, Workflow.DEFAULT_VERSION, SEARCH_ATTRIBUTES_V1);
    upserting = version == SEARCH_ATTRIBUTES_V1 && VigilSearchAttributes.presentInThisWorkflow();
    if (upserting) {
      Workflow.upsertTypedSearchAttributes(
          INCIDENT_NUMBER.valueSet(opened.number()),
          INCIDENT_STATUS.valueSet(status.wireName()),
          URGENCY.valueSet(opened.urgency().toLowerCase(Locale.ROOT)));
    }
    describe();
  }

  /** A resumed incident is in the state its record shows, set before the run took it over. */
  void resumed(OpenedIncident opened, IncidentStatus recorded) {
    status = recorded;
    changedBy = Responder.timer("the record, before a resume");
    opened(opened);
  }

  /**
   * The same incident in a run its previous run continued as: the attributes came with the
   * continue-as-new, so nothing is upserted; the details are set again.
   */
  void continued(IncidentCarryOver carried) {
    incident = carried.incident();
    status = carried.status();
    changedBy = carried.changedBy();
    round = carried.round();
    level = carried.level();
    exhausted = carried.status() == IncidentStatus.TRIGGERED;
    upserting = carried.searchAttributes();
    describe();
  }

  /** Who made the last status change, for the next run's details. */
  Responder changedBy() {
    return changedBy;
  }

  /** Whether this run upserts Vigil's search attributes (the next run carries them over). */
  boolean upserting() {
    return upserting;
  }

  void statusChanged(IncidentStatus newStatus, Responder by) {
    status = newStatus;
    changedBy = by;
    if (newStatus == IncidentStatus.TRIGGERED) {
      exhausted = false;
    }
    if (upserting) {
      Workflow.upsertTypedSearchAttributes(INCIDENT_STATUS.valueSet(newStatus.wireName()));
    }
    describe();
  }

  void paging(int round, int level) {
    this.round = round;
    this.level = level;
    describe();
  }

  void exhausted() {
    exhausted = true;
    describe();
  }

  /** Current details are workflow metadata, not a command: they change no history. */
  private void describe() {
    if (incident == null) {
      return;
    }
    Workflow.setCurrentDetails(
        "#"
            + incident.number()
            + " "
            + incident.urgency().toUpperCase(Locale.ROOT)
            + " "
            + incident.title()
            + " — "
            + state());
  }

  private String state() {
    return switch (status) {
      case TRIGGERED -> {
        String where = level == 0 ? "triggered" : "triggered, level " + level;
        if (round > 1) {
          where += " of round " + round;
        }
        yield exhausted ? where + ", escalation policy exhausted" : where;
      }
      case ACKNOWLEDGED -> "acknowledged by " + changedBy.describe();
      case RESOLVED -> "resolved by " + changedBy.describe();
    };
  }
}
