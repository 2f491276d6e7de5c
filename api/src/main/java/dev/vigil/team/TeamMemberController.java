package dev.vigil.team;

import dev.vigil.auth.ApiCaller;
import dev.vigil.oncall.Paging;
import dev.vigil.oncall.team.TeamStore;
import dev.vigil.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A team's members. Adding and removing are idempotent, PagerDuty style: a client that retries, or
 * syncs membership from a directory, need not read first.
 */
@RestController
@RequestMapping("/api/v1/teams/{teamId}/members")
@Tag(name = "Teams")
class TeamMemberController {

  private final TeamStore teams;

  TeamMemberController(TeamStore teams) {
    this.teams = teams;
  }

  @GetMapping
  @Operation(summary = "List a team's members", description = "Ordered by name.")
  Map<String, Object> list(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long teamId,
      @RequestParam(defaultValue = "25") int limit,
      @RequestParam(defaultValue = "0") int offset) {
    requireTeam(caller, teamId);
    Page.PageRequest request = Page.PageRequest.of(limit, offset);
    Page<TeamView.Member> page =
        Page.of(
            teams
                .members(caller.accountId(), teamId, new Paging(request.limit(), request.offset()))
                .stream()
                .map(TeamView.Member::of)
                .toList(),
            request);
    return page.body("members");
  }

  @PutMapping("/{userId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Add a user to a team", description = "Adding a member again is a no-op.")
  @Transactional
  void add(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long teamId,
      @PathVariable long userId) {
    teams.addMember(caller.accountId(), teamId, userId);
  }

  @DeleteMapping("/{userId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(
      summary = "Remove a user from a team",
      description = "Removing a user who is not a member is a no-op; an unknown user is 404.")
  @Transactional
  void remove(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long teamId,
      @PathVariable long userId) {
    teams.removeMember(caller.accountId(), teamId, userId);
  }

  private void requireTeam(ApiCaller caller, long teamId) {
    teams.require(caller.accountId(), teamId);
  }
}
