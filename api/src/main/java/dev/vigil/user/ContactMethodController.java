package dev.vigil.user;

import dev.vigil.auth.ApiCaller;
import dev.vigil.oncall.user.ContactMethods;
import dev.vigil.oncall.user.ContactMethods.ContactMethod;
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

  private final ContactMethods contactMethods;

  ContactMethodController(ContactMethods contactMethods) {
    this.contactMethods = contactMethods;
  }

  @Schema(
      example = "{\"kind\": \"phone\", \"address\": \"+1 (415) 555-0100\", \"label\": \"mobile\"}")
  record ContactMethodRequest(
      @NotNull @Pattern(regexp = "phone|email", message = "must be one of phone, email")
          String kind,
      @NotBlank @Size(max = 320) String address,
      @Size(max = 100) String label) {}

  /**
   * @param verified only a verified method is paged (decision 0058)
   * @param verifiedHow "code", "admin: reason", "setup", "user email" or "upgrade"
   */
  record ContactMethodView(
      long id,
      String kind,
      String address,
      String label,
      Instant createdAt,
      boolean verified,
      Instant verifiedAt,
      String verifiedHow) {

    static ContactMethodView of(ContactMethod method) {
      return new ContactMethodView(
          method.id(),
          method.kind(),
          method.address(),
          method.label(),
          method.createdAt(),
          method.verified(),
          method.verifiedAt(),
          method.verifiedHow());
    }
  }

  @GetMapping
  @Operation(summary = "List a user's contact methods")
  Map<String, List<ContactMethodView>> list(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long userId) {
    return Map.of(
        "contact_methods",
        contactMethods.list(caller.accountId(), userId).stream()
            .map(ContactMethodView::of)
            .toList());
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Add a contact method",
      description =
          "Phone numbers are normalised to E.164. A new method is unverified and not paged until"
              + " verified with a code sent over it (or by an admin).")
  Map<String, ContactMethodView> create(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long userId,
      @Valid @RequestBody ContactMethodRequest request) {
    ContactMethod created =
        contactMethods.add(
            caller.accountId(), userId, request.kind(), request.address(), request.label());
    return Map.of("contact_method", ContactMethodView.of(created));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(
      summary = "Remove a contact method",
      description = "Refused with 409 while rules use it.")
  void delete(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long userId,
      @PathVariable long id) {
    contactMethods.remove(caller.accountId(), userId, id);
  }
}
