package dev.vigil.team;

import dev.vigil.auth.ApiCaller;
import dev.vigil.oncall.Paging;
import dev.vigil.oncall.team.TeamStore;
import dev.vigil.web.ApiException;
import dev.vigil.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/teams")
@Tag(name = "Teams", description = "Groups of users that own services, policies and schedules")
class TeamController {

  private final TeamStore teams;

  TeamController(TeamStore teams) {
    this.teams = teams;
  }

  @GetMapping
  @Operation(summary = "List teams", description = "Filter by name (query).")
  Map<String, Object> list(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @RequestParam(required = false) String query,
      @RequestParam(defaultValue = "25") int limit,
      @RequestParam(defaultValue = "0") int offset) {
    Page.PageRequest request = Page.PageRequest.of(limit, offset);
    Page<TeamView> page =
        Page.of(
            teams
                .list(
                    caller.accountId(),
                    Page.filter(query),
                    new Paging(request.limit(), request.offset()))
                .stream()
                .map(TeamView::of)
                .toList(),
            request);
    return page.body("teams");
  }

  @GetMapping("/{id}")
  @Operation(summary = "Get a team")
  Map<String, TeamView> get(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long id) {
    return Map.of("team", find(caller, id));
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Create a team", description = "Names are unique in an account (409).")
  @Transactional
  Map<String, TeamView> create(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @Valid @RequestBody TeamRequest request) {
    long id = teams.create(caller.accountId(), request.details());
    return Map.of("team", find(caller, id));
  }

  @PutMapping("/{id}")
  @Operation(summary = "Replace a team's name and description")
  @Transactional
  Map<String, TeamView> update(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      @Valid @RequestBody TeamRequest request) {
    teams.update(caller.accountId(), id, request.details());
    return Map.of("team", find(caller, id));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(
      summary = "Delete a team",
      description =
          "Refused with 409 naming the services, escalation policies and schedules that still"
              + " belong to it. Its members stay users of the account.")
  @Transactional
  void delete(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long id) {
    teams.delete(caller.accountId(), id);
  }

  private TeamView find(ApiCaller caller, long id) {
    return teams
        .find(caller.accountId(), id)
        .map(TeamView::of)
        .orElseThrow(() -> ApiException.notFound("Team " + id));
  }
}
