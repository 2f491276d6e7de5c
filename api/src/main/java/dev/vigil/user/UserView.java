package dev.vigil.user;

import java.time.Instant;

record UserView(
    long id, String name, String email, String role, String timeZone, Instant createdAt) {

  static UserView of(UserStore.UserRow row) {
    return new UserView(
        row.id(), row.name(), row.email(), row.role(), row.timeZone(), row.createdAt());
  }
}
