package dev.vigil.escalation.assignment;

import dev.vigil.escalation.EscalationTarget;
import dev.vigil.escalation.PolicySnapshot;
import dev.vigil.oncall.escalation.PolicyTarget;
import dev.vigil.oncall.escalation.StoredPolicies;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.springframework.stereotype.Component;

/** An escalation policy as an incident will follow it: the on-call module's, in workflow terms. */
@Component
public class PolicySnapshots {

  private final StoredPolicies policies;

  public PolicySnapshots(StoredPolicies policies) {
    this.policies = policies;
  }

  public PolicySnapshot snapshot(long accountId, long policyId) {
    StoredPolicies.StoredPolicy policy =
        policies
            .find(accountId, policyId)
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "escalation policy " + policyId + " does not exist", "UnknownPolicy"));
    List<PolicySnapshot.Level> levels =
        policy.levels().stream()
            .map(
                l ->
                    new PolicySnapshot.Level(
                        l.delaySeconds(),
                        l.targets().stream().map(PolicySnapshots::target).toList()))
            .toList();
    return new PolicySnapshot(policy.id(), policy.name(), policy.repeatCount(), levels);
  }

  private static EscalationTarget target(PolicyTarget target) {
    return switch (target.type()) {
      case USER -> EscalationTarget.user(target.id());
      case SCHEDULE -> EscalationTarget.schedule(target.id());
    };
  }

  /** The same target in the on-call module's terms. */
  static PolicyTarget target(EscalationTarget target) {
    return switch (target.type()) {
      case USER -> PolicyTarget.user(target.id());
      case SCHEDULE -> PolicyTarget.schedule(target.id());
    };
  }
}
