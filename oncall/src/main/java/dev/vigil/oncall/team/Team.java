package dev.vigil.oncall.team;

import java.time.Instant;

/** A team as the store keeps it. */
public record Team(long id, String name, String description, Instant createdAt) {

  /** A member as a team lists them: enough to recognise and page them, not their settings. */
  public record Member(long id, String name, String email, String role) {}
}
