package dev.vigil.billing.invoice;

import java.util.Set;

/**
 * Who asks for a change to an invoice or a subscription: a user with a role, or a token without a
 * user acting with one. The API authenticates the caller and applies its access rules; the
 * workflow's validators check the role again, so an update sent around the API is refused all the
 * same (docs/decisions/0030).
 */
public record Actor(Long userId, String role) {

  /** The operator's roles: they alone approve, adjust, void, write off and record payments. */
  public static final Set<String> OPERATOR_ROLES = Set.of("operator_admin", "operator_accountant");

  /** Who may change a subscription: the operator, and the tenant's admins and accountants. */
  public static final Set<String> PLAN_ROLES =
      Set.of("admin", "accountant", "operator_admin", "operator_accountant");

  /** Whether the actor may change what an invoice says is owed. */
  public boolean mayManageBilling() {
    return role != null && OPERATOR_ROLES.contains(role);
  }

  public boolean mayChangePlan() {
    return role != null && PLAN_ROLES.contains(role);
  }
}
