package dev.vigil.operator;

import dev.vigil.auth.InvitationLinks;
import dev.vigil.oncall.OnCallSetup;
import dev.vigil.oncall.TimeZones;
import dev.vigil.oncall.access.ApiTokens;
import dev.vigil.oncall.account.ManagedAccounts;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's accounts (docs/decisions/0030): operator admins create, suspend and reactivate
 * them; operator accountants read them. A suspended account's tokens and logins are refused; its
 * monitoring events are still accepted and page as before.
 */
@RestController
@RequestMapping("/api/v1/operator/accounts")
@Tag(name = "Operator: accounts", description = "Accounts the operator serves (operator roles)")
class OperatorAccountController {

  static final String OPERATOR_ADMIN = "hasRole('OPERATOR_ADMIN')";

  private final ManagedAccounts accounts;
  private final OnCallSetup setup;
  private final ApiTokens tokens;
  private final InvitationLinks invitations;

  OperatorAccountController(
      ManagedAccounts accounts, OnCallSetup setup, ApiTokens tokens, InvitationLinks invitations) {
    this.accounts = accounts;
    this.setup = setup;
    this.tokens = tokens;
    this.invitations = invitations;
  }

  record FirstAdmin(
      @NotBlank @Size(max = 255) String name, @NotBlank @Email @Size(max = 320) String email) {}

  record AccountRequest(
      @NotBlank @Size(max = 200) String name,
      @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 country code (GB)")
          String homeCountry,
      @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code (USD)")
          String billingCurrency,
      @NotBlank String timeZone,
      @NotNull @Valid FirstAdmin firstAdmin) {}

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @PreAuthorize(OPERATOR_ADMIN)
  @Transactional
  @Operation(
      summary = "Create an account with its first admin",
      description =
          "The first admin gets an invitation link (choose a password, then log in) and an API"
              + " token; both are shown once, in this answer.")
  Map<String, Object> create(@Valid @RequestBody AccountRequest request) {
    if (!TimeZones.isValid(request.timeZone())) {
      throw ApiException.badRequest("time_zone", "must be an IANA time zone (Europe/London)");
    }
    long id =
        accounts.create(
            request.name().strip(),
            request.homeCountry(),
            request.billingCurrency(),
            request.timeZone());
    String email = request.firstAdmin().email().strip();
    long admin = setup.createUser(id, request.firstAdmin().name().strip(), email, "admin");
    Map<String, Object> firstAdmin = new LinkedHashMap<>();
    firstAdmin.put("id", admin);
    firstAdmin.put("email", email);
    firstAdmin.put("invitation_url", invitations.invite(admin));
    firstAdmin.put("api_token", tokens.createForUser(id, admin, "first admin"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("account", view(find(id)));
    body.put("first_admin", firstAdmin);
    return body;
  }

  @GetMapping
  @Operation(summary = "List accounts")
  Map<String, Object> list(
      @RequestParam(defaultValue = "25") int limit, @RequestParam(defaultValue = "0") int offset) {
    if (limit < 1 || limit > 100) {
      throw ApiException.badRequest("limit", "must be between 1 and 100");
    }
    if (offset < 0) {
      throw ApiException.badRequest("offset", "must not be negative");
    }
    List<ManagedAccounts.AccountRow> page = accounts.list(limit + 1, offset);
    boolean more = page.size() > limit;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "accounts",
        (more ? page.subList(0, limit) : page)
            .stream().map(OperatorAccountController::view).toList());
    body.put("limit", limit);
    body.put("offset", offset);
    body.put("more", more);
    return body;
  }

  @GetMapping("/{accountId}")
  @Operation(summary = "Get an account")
  Map<String, Object> get(@PathVariable long accountId) {
    return Map.of("account", view(find(accountId)));
  }

  @PostMapping("/{accountId}/suspend")
  @PreAuthorize(OPERATOR_ADMIN)
  @Operation(
      summary = "Suspend an account",
      description =
          "Its tokens and logins are refused until it is reactivated. Its monitoring events are"
              + " still accepted and its incidents still page: a suspended bill must not silence"
              + " an outage. The operator's own account cannot be suspended (409).")
  Map<String, Object> suspend(@PathVariable long accountId) {
    find(accountId);
    if (!accounts.suspend(accountId)) {
      throw ApiException.conflict("The operator's own account cannot be suspended");
    }
    return Map.of("account", view(find(accountId)));
  }

  @PostMapping("/{accountId}/reactivate")
  @PreAuthorize(OPERATOR_ADMIN)
  @Operation(summary = "Reactivate a suspended account")
  Map<String, Object> reactivate(@PathVariable long accountId) {
    find(accountId);
    accounts.reactivate(accountId);
    return Map.of("account", view(find(accountId)));
  }

  private ManagedAccounts.AccountRow find(long id) {
    return accounts.find(id).orElseThrow(() -> ApiException.notFound("Account " + id));
  }

  private static Map<String, Object> view(ManagedAccounts.AccountRow account) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", account.id());
    view.put("name", account.name());
    view.put("home_country", account.homeCountry());
    view.put("billing_currency", account.billingCurrency());
    view.put("time_zone", account.timeZone());
    view.put("operator", account.operator());
    view.put("status", account.suspendedAt() == null ? "active" : "suspended");
    view.put("suspended_at", account.suspendedAt());
    view.put("created_at", account.createdAt());
    return view;
  }
}
