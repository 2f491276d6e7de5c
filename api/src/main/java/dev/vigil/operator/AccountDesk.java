package dev.vigil.operator;

import java.util.Map;
import java.util.function.Consumer;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;

/**
 * The operator's account changes as the console makes them: through {@link
 * OperatorAccountController}'s own methods (its checks, its method security, its transaction), so a
 * form and an API call cannot differ (docs/decisions/0046). Refusals are the API's {@code
 * ApiException}s; a caller without the role gets the API's {@code AccessDeniedException}.
 */
@Component
public class AccountDesk {

  private final OperatorAccountController accounts;

  AccountDesk(OperatorAccountController accounts) {
    this.accounts = accounts;
  }

  /** A new account as typed: its name, where and how it is billed, and its first admin. */
  public record NewAccount(
      String name,
      String homeCountry,
      String billingCurrency,
      String timeZone,
      String adminName,
      String adminEmail) {}

  /** The account created, and the first admin's invitation link (shown once). */
  public record Created(long accountId, String name, String invitationUrl) {}

  /**
   * Creates the account with its first admin, as {@code POST /api/v1/operator/accounts} does. The
   * API's access rule is checked here too, before the form is: a caller without the role learns
   * nothing from its checks.
   *
   * @param valid checks the API's request record as its {@code @Valid} would (the bean
   *     constraints), throwing the API's refusal
   */
  @SuppressWarnings("unchecked")
  @PreAuthorize(OperatorAccountController.OPERATOR_ADMIN)
  public Created create(NewAccount account, Consumer<Object> valid) {
    var request =
        new OperatorAccountController.AccountRequest(
            account.name(),
            account.homeCountry(),
            account.billingCurrency(),
            account.timeZone(),
            new OperatorAccountController.FirstAdmin(account.adminName(), account.adminEmail()));
    valid.accept(request);
    Map<String, Object> body = accounts.create(request);
    var created = (Map<String, Object>) body.get("account");
    var admin = (Map<String, Object>) body.get("first_admin");
    return new Created(
        (Long) created.get("id"),
        (String) created.get("name"),
        (String) admin.get("invitation_url"));
  }

  public void suspend(long accountId) {
    accounts.suspend(accountId);
  }

  public void reactivate(long accountId) {
    accounts.reactivate(accountId);
  }
}
