package dev.vigil.operator;

import dev.vigil.billing.problem.BillingProblem;
import dev.vigil.billing.problem.OperatorAlarm;
import dev.vigil.incident.IncidentKey;
import dev.vigil.incident.Responder;
import dev.vigil.incident.record.AlertStore;
import dev.vigil.incident.record.IncidentEvents;
import dev.vigil.oncall.OperatorServices;
import dev.vigil.oncall.account.OperatorAccount;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Billing problems page the operator (docs/decisions/0044): each is an incident on the operator
 * account's own service "Vigil billing", triggered and resolved through the same incident path as
 * any Events API event (its dedup key names the problem). The service and its policy (the
 * operator's staff, all at once) are made the first time a problem needs them, and can be changed
 * like any other service of the operator's.
 */
@Component
class OperatorBillingAlarm implements OperatorAlarm {

  static final String SERVICE_NAME = "Vigil billing";
  static final String CLIENT = "Vigil billing";

  private final OperatorAccount operator;
  private final OperatorServices services;
  private final IncidentEvents incidents;

  OperatorBillingAlarm(
      OperatorAccount operator, OperatorServices services, IncidentEvents incidents) {
    this.operator = operator;
    this.services = services;
    this.incidents = incidents;
  }

  @Override
  public void raise(BillingProblem problem) {
    String account = services.accountName(problem.accountId());
    String summary =
        "Billing of "
            + account
            + " is held up"
            + (problem.invoiceId() == null ? "" : " (invoice " + problem.invoiceId() + ")")
            + ": "
            + problem.step();
    incidents.trigger(
        key(problem),
        new AlertStore.NewAlert(
            UUID.randomUUID(),
            summary.length() > 1024 ? summary.substring(0, 1024) : summary,
            "vigil-billing",
            "error",
            "billing",
            "account-" + problem.accountId(),
            problem.step(),
            """
            {"account_id": %d, "invoice_id": %s, "step": "%s", "problem_id": %d}"""
                .formatted(
                    problem.accountId(),
                    problem.invoiceId() == null ? "null" : problem.invoiceId().toString(),
                    problem.step(),
                    problem.id()),
            CLIENT,
            null,
            null,
            null,
            null,
            Instant.now()));
  }

  @Override
  public void clear(BillingProblem problem) {
    incidents.resolve(key(problem), Responder.integration(CLIENT));
  }

  private IncidentKey key(BillingProblem problem) {
    long account =
        operator.find().orElseThrow(() -> new IllegalStateException("no operator account to page"));
    return new IncidentKey(
        account,
        services.serviceNamed(account, SERVICE_NAME, "Vigil billing problems"),
        problem.incidentKey());
  }
}
