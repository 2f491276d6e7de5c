package dev.vigil.oncall.user;

import java.time.Instant;

public record UserView(
    long id, String name, String email, String role, String timeZone, Instant createdAt) {

  public static UserView of(UserStore.UserRow row) {
    return new UserView(
        row.id(), row.name(), row.email(), row.role(), row.timeZone(), row.createdAt());
  }
}
