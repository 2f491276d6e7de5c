package dev.vigil.oncall.user;

import dev.vigil.oncall.address.EmailAddresses;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Create or replace a user. */
@Schema(
    example =
        """
        {"name": "Alice Adams", "email": "alice@example.com", "role": "responder",
         "time_zone": "Europe/Paris"}""")
public record UserRequest(
    @NotBlank @Size(max = 255) String name,
    @NotBlank
        @Pattern(regexp = EmailAddresses.PATTERN, message = EmailAddresses.PROBLEM)
        @Size(max = 320)
        String email,
    @Pattern(
            regexp = "admin|responder|support|accountant",
            message = "must be one of admin, responder, support, accountant")
        String role,
    @Size(max = 64) String timeZone) {

  public String roleOrDefault() {
    return role == null ? "responder" : role;
  }

  public String timeZoneOrDefault() {
    return timeZone == null ? "UTC" : timeZone;
  }
}
