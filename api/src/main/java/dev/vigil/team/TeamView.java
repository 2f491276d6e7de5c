package dev.vigil.team;

import dev.vigil.oncall.team.Team;
import java.time.Instant;

/** A team as the API sends it. */
record TeamView(long id, String name, String description, Instant createdAt) {

  static TeamView of(Team team) {
    return new TeamView(team.id(), team.name(), team.description(), team.createdAt());
  }

  /** A member as a team lists them: enough to recognise and page them, not their settings. */
  record Member(long id, String name, String email, String role) {

    static Member of(Team.Member member) {
      return new Member(member.id(), member.name(), member.email(), member.role());
    }
  }
}
