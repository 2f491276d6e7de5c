package dev.vigil.oncall.team;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Create or replace a team. */
@Schema(example = "{\"name\": \"Payments\", \"description\": \"Checkout and billing\"}")
public record TeamRequest(
    @NotBlank @Size(max = 255) String name, @Size(max = 1000) String description) {

  public String descriptionOrEmpty() {
    return description == null ? "" : description;
  }
}
