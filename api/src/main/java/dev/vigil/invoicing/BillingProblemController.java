package dev.vigil.invoicing;

import static dev.vigil.invoicing.InvoiceController.OPERATOR_ACCOUNT;
import static dev.vigil.invoicing.InvoiceController.OPERATOR_ROLES;
import static dev.vigil.invoicing.InvoiceController.account;

import dev.vigil.auth.ApiCaller;
import dev.vigil.billing.problem.BillingProblem;
import dev.vigil.billing.problem.BillingProblems;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Billing that is held up (docs/decisions/0044): the account's open problems, for its admins and
 * accountants and for the operator, who alone sees what went wrong and may resolve one by hand.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Billing", description = "Billing profile, subscription, preview, balance, export")
class BillingProblemController {

  /** What a tenant reads instead of the operator's message, which may name settings. */
  static final String TENANT_MESSAGE = "Billing is held up; the operator has been alerted.";

  private final BillingProblems problems;

  BillingProblemController(BillingProblems problems) {
    this.problems = problems;
  }

  /**
   * A problem as shown.
   *
   * @param message what went wrong (operator); a plain notice (tenant)
   */
  record ProblemView(
      long id, Long invoiceId, String step, String message, Instant openedAt, Instant lastSeenAt) {}

  /** {@code billing_state}: {@code ok} or {@code problem}. */
  record ProblemsResponse(String billingState, List<ProblemView> billingProblems) {}

  record ProblemResponse(ProblemView billingProblem) {}

  @GetMapping({"/billing/problems", OPERATOR_ACCOUNT + "/billing/problems"})
  @Operation(
      summary = "Billing held up on the account",
      description =
          "`billing_state` is `ok` or `problem`; each open problem names the step that cannot"
              + " proceed (`draft`, `stripe_push`, `stripe_charge`, `stripe_credit_note`) and the"
              + " invoice. It stays"
              + " until the step succeeds (it is retried) or the operator resolves it.")
  ProblemsResponse list(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable(required = false) Long accountId) {
    List<ProblemView> open =
        problems.open(account(caller, accountId)).stream()
            .map(p -> view(p, caller.operator()))
            .toList();
    return new ProblemsResponse(open.isEmpty() ? "ok" : "problem", open);
  }

  @PostMapping(OPERATOR_ACCOUNT + "/billing/problems/{id}/resolve")
  @PreAuthorize(OPERATOR_ROLES)
  @Operation(
      summary = "Resolve a billing problem by hand",
      description =
          "Also resolves the operator's incident about it. A step that fails again opens"
              + " a new one.")
  ProblemResponse resolve(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long accountId,
      @PathVariable long id) {
    BillingProblem problem =
        problems
            .find(accountId, id)
            .orElseThrow(() -> ApiException.notFound("Billing problem " + id));
    if (problem.resolvedAt() != null) {
      throw ApiException.conflict("Billing problem " + id + " is resolved already");
    }
    return new ProblemResponse(
        view(problems.resolve(accountId, id, caller.userId()).orElse(problem), true));
  }

  private static ProblemView view(BillingProblem p, boolean operator) {
    return new ProblemView(
        p.id(),
        p.invoiceId(),
        p.step(),
        operator ? p.message() : TENANT_MESSAGE,
        p.openedAt(),
        p.lastSeenAt());
  }
}
