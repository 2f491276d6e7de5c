package dev.vigil.incident.web;

import dev.vigil.auth.ApiCaller;
import dev.vigil.escalation.EscalationTarget;
import dev.vigil.escalation.PolicySnapshot;
import dev.vigil.escalation.assignment.PolicySnapshots;
import dev.vigil.incident.AddNote;
import dev.vigil.incident.EscalateNow;
import dev.vigil.incident.IncidentActionRules;
import dev.vigil.incident.IncidentWorkflow;
import dev.vigil.incident.MergeInto;
import dev.vigil.incident.Reassign;
import dev.vigil.incident.Responder;
import dev.vigil.incident.SetPriority;
import dev.vigil.incident.Snooze;
import dev.vigil.incident.record.IncidentReader;
import dev.vigil.incident.record.PagingFence;
import dev.vigil.web.ApiException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A responder's actions on an incident beyond acknowledge and resolve: each is a workflow update,
 * answered once the incident's record shows it (docs/decisions/0033). Input is checked here with
 * the workflow's own rules ({@link IncidentActionRules}) so a 400 names the field and nothing
 * changes; what the workflow's validator refuses after that is the incident's state, a 409.
 */
@RestController
@RequestMapping("/api/v1/incidents/{number}")
class ResponderActionController {

  /** How long a reassigned user's one level waits; it is the last level, so nothing follows. */
  private static final int REASSIGNED_USER_LEVEL_SECONDS = 30 * 60;

  private final IncidentReader reader;
  private final IncidentActions actions;
  private final IncidentViews views;
  private final WorkflowClient temporal;
  private final PolicySnapshots policies;
  private final PagingFence fence;

  ResponderActionController(
      IncidentReader reader,
      IncidentActions actions,
      IncidentViews views,
      WorkflowClient temporal,
      PolicySnapshots policies,
      PagingFence fence) {
    this.fence = fence;
    this.reader = reader;
    this.actions = actions;
    this.views = views;
    this.temporal = temporal;
    this.policies = policies;
  }

  record NoteBody(String content) {}

  record PriorityBody(String priority) {}

  record SnoozeBody(Integer durationMinutes) {}

  record EscalateBody(Integer level) {}

  record ReassignBody(Long userId, Long escalationPolicyId) {}

  record MergeBody(List<Long> sourceIncidents) {}

  /** Incidents one merge takes in at most. */
  static final int MERGE_MAX_SOURCES = 50;

  @PostMapping("/notes")
  Map<String, IncidentView> addNote(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long number,
      @RequestBody NoteBody body) {
    return addNote(caller, number, body, by(caller));
  }

  /** The same, for another channel than the REST API (the console): {@code by} says which. */
  Map<String, IncidentView> addNote(ApiCaller caller, long number, NoteBody body, Responder by) {
    IncidentReader.IncidentRow row = open(caller, number);
    refuseInput(IncidentActionRules.noteProblem(body.content()));
    return update(caller, row, workflow -> workflow.addNote(new AddNote(body.content(), by)));
  }

  @PutMapping("/priority")
  Map<String, IncidentView> setPriority(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long number,
      @RequestBody PriorityBody body) {
    return setPriority(caller, number, body, by(caller));
  }

  Map<String, IncidentView> setPriority(
      ApiCaller caller, long number, PriorityBody body, Responder by) {
    IncidentReader.IncidentRow row = open(caller, number);
    refuseInput(IncidentActionRules.priorityProblem(body.priority()));
    return update(
        caller, row, workflow -> workflow.setPriority(new SetPriority(body.priority(), by)));
  }

  @PostMapping("/snooze")
  Map<String, IncidentView> snooze(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long number,
      @RequestBody SnoozeBody body) {
    return snooze(caller, number, body, by(caller));
  }

  Map<String, IncidentView> snooze(ApiCaller caller, long number, SnoozeBody body, Responder by) {
    IncidentReader.IncidentRow row = open(caller, number);
    refuseInput(IncidentActionRules.snoozeProblem(body.durationMinutes()));
    if (!"acknowledged".equals(row.status())) {
      throw ApiException.conflict(
          "Incident " + number + " is " + row.status() + "; only an acknowledged one snoozes");
    }
    return update(caller, row, workflow -> workflow.snooze(new Snooze(body.durationMinutes(), by)));
  }

  @PostMapping("/escalate")
  Map<String, IncidentView> escalate(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long number,
      @RequestBody(required = false) EscalateBody body) {
    return escalate(caller, number, body, by(caller));
  }

  Map<String, IncidentView> escalate(
      ApiCaller caller, long number, EscalateBody body, Responder by) {
    IncidentReader.IncidentRow row = open(caller, number);
    Integer level = body == null ? null : body.level();
    if (level != null) {
      int levels = levelsOf(row);
      refuseInput(IncidentActionRules.levelProblem(level, levels));
    }
    return update(caller, row, workflow -> workflow.escalateNow(new EscalateNow(level, by)));
  }

  @PostMapping("/reassign")
  Map<String, IncidentView> reassign(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long number,
      @RequestBody ReassignBody body) {
    return reassign(caller, number, body, by(caller));
  }

  Map<String, IncidentView> reassign(
      ApiCaller caller, long number, ReassignBody body, Responder by) {
    IncidentReader.IncidentRow row = open(caller, number);
    Reassign reassign = reassignment(caller, body, by);
    return update(caller, row, workflow -> workflow.reassign(reassign));
  }

  /**
   * Merges the source incidents into this one, each through its own workflow: its alerts move here
   * and it resolves pointing at this one (docs/decisions/0035). Every source is checked before any
   * is merged, so a refusal changes nothing.
   */
  @PostMapping("/merge")
  Map<String, IncidentView> merge(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long number,
      @RequestBody MergeBody body) {
    return merge(caller, number, body, by(caller));
  }

  Map<String, IncidentView> merge(ApiCaller caller, long number, MergeBody body, Responder by) {
    IncidentReader.IncidentRow target = open(caller, number);
    List<Long> numbers = body.sourceIncidents();
    if (numbers == null || numbers.isEmpty()) {
      throw ApiException.badRequest("source_incidents", "must name at least one incident");
    }
    if (numbers.size() > MERGE_MAX_SOURCES) {
      throw ApiException.badRequest(
          "source_incidents", "may name at most " + MERGE_MAX_SOURCES + " incidents");
    }
    List<String> errors = new java.util.ArrayList<>();
    List<IncidentReader.IncidentRow> sources = new java.util.ArrayList<>();
    for (int i = 0; i < numbers.size(); i++) {
      Long source = numbers.get(i);
      String field = "'source_incidents[" + i + "]' ";
      Optional<IncidentReader.IncidentRow> row =
          source == null ? Optional.empty() : reader.find(caller.accountId(), source);
      if (row.isEmpty()) {
        errors.add(field + "names no incident of this account");
      } else if (source == number) {
        errors.add(field + "is the incident merged into");
      } else if (numbers.indexOf(source) != i) {
        errors.add(field + "repeats #" + source);
      } else {
        sources.add(row.get());
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.badRequest(errors);
    }
    for (IncidentReader.IncidentRow source : sources) {
      if ("resolved".equals(source.status())) {
        throw ApiException.conflict("Incident " + source.number() + " is already resolved");
      }
    }
    for (IncidentReader.IncidentRow source : sources) {
      try {
        actions.updateTheRunThatPages(
            source, workflow -> workflow.mergeInto(new MergeInto(target.id(), number, by)));
      } catch (WorkflowUpdateException refused) {
        throw ApiException.conflict("Incident " + source.number() + ": " + reason(refused));
      } catch (WorkflowNotFoundException lost) {
        throw ApiException.unavailable(
            "Incident " + source.number() + " is being recovered; try again in a minute.");
      }
      fence.awaitSendsInFlight(source.id());
    }
    return Map.of(
        "incident",
        views.full(
            reader
                .find(caller.accountId(), number)
                .orElseThrow(() -> ApiException.notFound("Incident " + number))));
  }

  /**
   * The new assignee as a policy: a user becomes one level of that user (paged per their
   * notification rules), a policy of the account is snapshot as it is now.
   */
  private Reassign reassignment(ApiCaller caller, ReassignBody body, Responder by) {
    if ((body.userId() == null) == (body.escalationPolicyId() == null)) {
      throw ApiException.badRequest(
          "user_id", "or 'escalation_policy_id' is required, and not both");
    }
    if (body.userId() != null) {
      String name =
          reader
              .userName(caller.accountId(), body.userId())
              .orElseThrow(
                  () -> ApiException.badRequest("user_id", "names no user of this account"));
      PolicySnapshot toUser =
          new PolicySnapshot(
              0,
              name,
              0,
              List.of(
                  new PolicySnapshot.Level(
                      REASSIGNED_USER_LEVEL_SECONDS,
                      List.of(EscalationTarget.user(body.userId())))));
      return new Reassign(name, toUser, by);
    }
    String name =
        reader
            .policyName(caller.accountId(), body.escalationPolicyId())
            .orElseThrow(
                () ->
                    ApiException.badRequest(
                        "escalation_policy_id", "names no escalation policy of this account"));
    PolicySnapshot policy = policies.snapshot(caller.accountId(), body.escalationPolicyId());
    if (policy.levels().isEmpty()) {
      throw ApiException.badRequest("escalation_policy_id", "names a policy with no levels");
    }
    return new Reassign("policy " + name, policy, by);
  }

  /** The incident, when the caller's account has it open; 404 or 409 otherwise. */
  private IncidentReader.IncidentRow open(ApiCaller caller, long number) {
    IncidentReader.IncidentRow row =
        reader
            .find(caller.accountId(), number)
            .orElseThrow(() -> ApiException.notFound("Incident " + number));
    if ("resolved".equals(row.status())) {
      throw ApiException.conflict("Incident " + number + " is already resolved");
    }
    return row;
  }

  private int levelsOf(IncidentReader.IncidentRow row) {
    try {
      return temporal
          .newWorkflowStub(IncidentWorkflow.class, row.workflowId(), Optional.of(row.runId()))
          .escalationLevels();
    } catch (WorkflowNotFoundException lost) {
      throw ApiException.unavailable(
          "Incident " + row.number() + " is being recovered; try again in a minute.");
    }
  }

  private Map<String, IncidentView> update(
      ApiCaller caller, IncidentReader.IncidentRow row, Consumer<IncidentWorkflow> update) {
    try {
      actions.updateTheRunThatPages(row, update);
    } catch (WorkflowUpdateException refused) {
      // The input passed the same rules above: what the validator refused is the state.
      throw ApiException.conflict("Incident " + row.number() + ": " + reason(refused));
    } catch (WorkflowNotFoundException lost) {
      throw ApiException.unavailable(
          "Incident " + row.number() + " is being recovered; try again in a minute.");
    }
    IncidentReader.IncidentRow after =
        reader
            .find(caller.accountId(), row.number())
            .orElseThrow(() -> ApiException.notFound("Incident " + row.number()));
    return Map.of("incident", views.full(after));
  }

  private static String reason(WorkflowUpdateException refused) {
    for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
      if (cause instanceof ApplicationFailure failure) {
        return failure.getOriginalMessage();
      }
    }
    return "refused";
  }

  private static void refuseInput(Optional<String> problem) {
    if (problem.isPresent()) {
      throw ApiException.badRequest(List.of(problem.get()));
    }
  }

  private static Responder by(ApiCaller caller) {
    return new Responder(caller.userId(), caller.tokenName(), "REST API");
  }
}
