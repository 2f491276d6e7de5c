package dev.vigil.team;

import dev.vigil.oncall.team.TeamDetails;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Create or replace a team: the wire's shape and limits. */
@Schema(example = "{\"name\": \"Payments\", \"description\": \"Checkout and billing\"}")
record TeamRequest(@NotBlank @Size(max = 255) String name, @Size(max = 1000) String description) {

  TeamDetails details() {
    return new TeamDetails(name, description);
  }
}
