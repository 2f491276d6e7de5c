package dev.vigil.user;

import dev.vigil.auth.ApiCaller;
import dev.vigil.oncall.address.PhoneNumbers;
import dev.vigil.oncall.user.UserStore;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's phones and email addresses. Phone numbers are stored in E.164, read in the account's
 * home country when typed without a country code.
 */
@RestController
@RequestMapping("/api/v1/users/{userId}/contact_methods")
@Tag(name = "Users")
class ContactMethodController {

  private final UserStore users;
  private final JdbcClient jdbc;

  ContactMethodController(UserStore users, JdbcClient jdbc) {
    this.users = users;
    this.jdbc = jdbc;
  }

  @Schema(
      example = "{\"kind\": \"phone\", \"address\": \"+1 (415) 555-0100\", \"label\": \"mobile\"}")
  record ContactMethodRequest(
      @NotNull @Pattern(regexp = "phone|email", message = "must be one of phone, email")
          String kind,
      @NotBlank @Size(max = 320) String address,
      @Size(max = 100) String label) {}

  record ContactMethodView(long id, String kind, String address, String label, Instant createdAt) {}

  @GetMapping
  @Operation(summary = "List a user's contact methods")
  Map<String, List<ContactMethodView>> list(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long userId) {
    requireUser(caller, userId);
    return Map.of(
        "contact_methods",
        jdbc.sql(
                "select id, kind, address, label, created_at from contact_methods"
                    + " where account_id = ? and user_id = ? order by id")
            .params(caller.accountId(), userId)
            .query(ContactMethodView.class)
            .list());
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Add a contact method",
      description = "Phone numbers are normalised to E.164.")
  @Transactional
  Map<String, ContactMethodView> create(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long userId,
      @Valid @RequestBody ContactMethodRequest request) {
    requireUser(caller, userId);
    String address = normalized(caller, request);
    boolean exists =
        jdbc.sql(
                "select exists (select 1 from contact_methods where user_id = ? and kind = ? and address = ?)")
            .params(userId, request.kind(), address)
            .query(Boolean.class)
            .single();
    if (exists) {
      throw ApiException.conflict("The user already has " + request.kind() + " " + address);
    }
    ContactMethodView created =
        jdbc.sql(
                """
                insert into contact_methods (account_id, user_id, kind, address, label) values (?, ?, ?, ?, ?)
                returning id, kind, address, label, created_at""")
            .params(
                caller.accountId(),
                userId,
                request.kind(),
                address,
                request.label() == null ? "" : request.label())
            .query(ContactMethodView.class)
            .single();
    return Map.of("contact_method", created);
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(
      summary = "Remove a contact method",
      description = "Refused with 409 while rules use it.")
  @Transactional
  void delete(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long userId,
      @PathVariable long id) {
    requireUser(caller, userId);
    boolean found =
        jdbc.sql(
                "select exists (select 1 from contact_methods where account_id = ? and user_id = ? and id = ?)")
            .params(caller.accountId(), userId, id)
            .query(Boolean.class)
            .single();
    if (!found) {
      throw ApiException.notFound("Contact method " + id);
    }
    List<String> rules =
        jdbc.sql(
                "select 'notification rule ' || id || ' (' || urgency || ' urgency, ' || channel || ' after '"
                    + " || delay_minutes || ' min)' from notification_rules where contact_method_id = ? order by id")
            .param(id)
            .query(String.class)
            .list();
    if (!rules.isEmpty()) {
      throw ApiException.inUse("Contact method " + id, rules);
    }
    jdbc.sql("delete from contact_methods where id = ?").param(id).update();
  }

  private String normalized(ApiCaller caller, ContactMethodRequest request) {
    if ("email".equals(request.kind())) {
      if (!request.address().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
        throw ApiException.badRequest("address", "is not an email address");
      }
      return request.address().strip();
    }
    String homeCountry =
        jdbc.sql("select home_country from accounts where id = ?")
            .param(caller.accountId())
            .query(String.class)
            .single();
    return PhoneNumbers.normalize(request.address(), homeCountry)
        .orElseThrow(
            () ->
                ApiException.badRequest(
                    "address", "is not a valid phone number (use E.164, e.g. +14155550100)"));
  }

  private void requireUser(ApiCaller caller, long userId) {
    users
        .find(caller.accountId(), userId)
        .orElseThrow(() -> ApiException.notFound("User " + userId));
  }
}
