package dev.vigil.billing.invoice;

import java.util.Set;

/**
 * Who asks for a change to an invoice: a user with a role, or an account admin token (no user). The
 * API authenticates the caller; the workflow's validators check the role again, so an update sent
 * around the API is refused all the same.
 */
public record Actor(Long userId, String role) {

  /** The roles that may approve, adjust, void, and record payments. */
  public static final Set<String> BILLING_ROLES = Set.of("admin", "accountant");

  public boolean mayManageBilling() {
    return role != null && BILLING_ROLES.contains(role);
  }
}
