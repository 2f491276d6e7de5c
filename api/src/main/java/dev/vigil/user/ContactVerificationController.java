package dev.vigil.user;

import dev.vigil.auth.ApiCaller;
import dev.vigil.notification.Channel;
import dev.vigil.notification.delivery.DirectMessages;
import dev.vigil.notification.delivery.DirectMessages.Recipient;
import dev.vigil.notification.delivery.DirectMessages.TestPageLimited;
import dev.vigil.notification.delivery.ProviderFailure;
import dev.vigil.oncall.user.ContactMethods;
import dev.vigil.oncall.user.ContactMethods.ContactMethod;
import dev.vigil.oncall.user.ContactVerifications;
import dev.vigil.user.ContactMethodController.ContactMethodView;
import dev.vigil.web.ApiError;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Proving a contact method reaches its owner before it is paged (decision 0058), and test pages
 * over a verified one. Codes and test pages go over the method itself, through the providers that
 * page it.
 */
@RestController
@RequestMapping("/api/v1/users/{userId}/contact_methods/{id}")
@Tag(name = "Users")
class ContactVerificationController {

  private final ContactMethods methods;
  private final ContactVerifications verifications;
  private final DirectMessages messages;

  ContactVerificationController(
      ContactMethods methods, ContactVerifications verifications, DirectMessages messages) {
    this.methods = methods;
    this.verifications = verifications;
    this.messages = messages;
  }

  @Schema(example = "{\"channel\": \"voice\"}")
  record CodeRequest(
      @Pattern(regexp = "sms|voice|email", message = "must be one of sms, voice, email")
          @Schema(description = "sms (default) or voice for a phone, email for an address")
          String channel) {}

  @Schema(example = "{\"code\": \"123456\"}")
  record ConfirmRequest(
      @NotBlank @Pattern(regexp = "\\s*\\d{6}\\s*", message = "must be the 6 digits sent")
          String code) {}

  @Schema(example = "{\"reason\": \"Confirmed by phone with the owner\"}")
  record VerifyRequest(@NotBlank @Size(max = 200) String reason) {}

  record TestPageView(long id, long contactMethodId, String channel, String message) {}

  @PostMapping("/verification")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(
      summary = "Send a verification code over a contact method",
      description =
          "Six digits by SMS (or a call reading them, channel voice) or email, valid 10 minutes and"
              + " 5 tries; one a minute per method (409 sooner or when verified already).")
  Map<String, ContactMethodView> requestCode(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long userId,
      @PathVariable long id,
      @Valid @RequestBody(required = false) CodeRequest request) {
    ContactMethod method = methods.require(caller.accountId(), userId, id);
    Channel channel = channel(method, request == null ? null : request.channel());
    ContactVerifications.Issued issued = verifications.issue(caller.accountId(), userId, id);
    try {
      messages.sendCode(recipient(caller, userId, method, channel), issued.code());
    } catch (ProviderFailure e) {
      verifications.withdraw(caller.accountId(), id);
      throw ApiException.unavailable("The code could not be sent: " + e.reason());
    }
    return Map.of("contact_method", ContactMethodView.of(issued.method()));
  }

  @PostMapping("/verification/confirm")
  @Operation(
      summary = "Verify a contact method with the code sent over it",
      description = "A wrong code is 400 and counts; after 5 the code is void.")
  Map<String, ContactMethodView> confirm(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long userId,
      @PathVariable long id,
      @Valid @RequestBody ConfirmRequest request) {
    return Map.of(
        "contact_method",
        ContactMethodView.of(
            verifications.confirm(caller.accountId(), userId, id, request.code().strip())));
  }

  @PostMapping("/verify")
  @Operation(
      summary = "Mark a contact method verified without a code (admins)",
      description = "The reason is recorded as verified_how \"admin: <reason>\".")
  Map<String, ContactMethodView> verify(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long userId,
      @PathVariable long id,
      @Valid @RequestBody VerifyRequest request) {
    return Map.of(
        "contact_method",
        ContactMethodView.of(
            methods.markVerified(
                caller.accountId(), userId, id, "admin: " + request.reason().strip())));
  }

  @PostMapping("/test")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(
      summary = "Send a test page over a verified contact method",
      description =
          "By SMS to a phone, by email to an address; billed like a page. 409 when unverified; 429"
              + " (Retry-After) past one a minute per method or ten a day per user.")
  Map<String, TestPageView> testPage(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long userId,
      @PathVariable long id) {
    ContactMethod method = methods.require(caller.accountId(), userId, id);
    if (!method.verified()) {
      throw ApiException.conflict(
          "Contact method " + id + " is not verified: verify it before a test page");
    }
    Channel channel = channel(method, null);
    long sent;
    try {
      sent = messages.sendTestPage(recipient(caller, userId, method, channel));
    } catch (ProviderFailure e) {
      throw ApiException.unavailable("The test page could not be sent: " + e.reason());
    }
    return Map.of(
        "test_page",
        new TestPageView(
            sent, id, channel.wireName(), "Vigil test page sent to " + method.address()));
  }

  @ExceptionHandler(TestPageLimited.class)
  ResponseEntity<ApiError> limited(TestPageLimited e) {
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
        .body(ApiError.of("rate_limited", e.getMessage()));
  }

  private static Recipient recipient(
      ApiCaller caller, long userId, ContactMethod method, Channel channel) {
    return new Recipient(caller.accountId(), userId, method.id(), channel, method.address());
  }

  /** The channel asked for, if the method can take it; else SMS to a phone, email to an address. */
  private static Channel channel(ContactMethod method, String asked) {
    boolean phone = method.kind().equals("phone");
    if (asked == null) {
      return phone ? Channel.SMS : Channel.EMAIL;
    }
    Channel channel = Channel.valueOf(asked.toUpperCase(Locale.ROOT));
    if (phone == (channel == Channel.EMAIL)) {
      throw ApiException.badRequest(
          "channel", "must be " + (phone ? "sms or voice for a phone" : "email for an address"));
    }
    return channel;
  }
}
