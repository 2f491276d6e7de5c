package dev.vigil.user;

import dev.vigil.auth.ApiCaller;
import dev.vigil.oncall.Paging;
import dev.vigil.oncall.user.UserRequest;
import dev.vigil.oncall.user.UserStore;
import dev.vigil.oncall.user.UserView;
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
@RequestMapping("/api/v1/users")
@Tag(name = "Users", description = "People who are paged, and their contact methods and rules")
class UserController {

  private final UserStore users;

  UserController(UserStore users) {
    this.users = users;
  }

  @GetMapping
  @Operation(summary = "List users", description = "Filter by name or email (query) and team.")
  Map<String, Object> list(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @RequestParam(required = false) String query,
      @RequestParam(name = "team_id", required = false) Long teamId,
      @RequestParam(defaultValue = "25") int limit,
      @RequestParam(defaultValue = "0") int offset) {
    Page.PageRequest request = Page.PageRequest.of(limit, offset);
    Page<UserView> page =
        Page.of(
            users
                .list(
                    caller.accountId(),
                    Page.filter(query),
                    teamId,
                    new Paging(request.limit(), request.offset()))
                .stream()
                .map(UserView::of)
                .toList(),
            request);
    return page.body("users");
  }

  @GetMapping("/{id}")
  @Operation(summary = "Get a user")
  Map<String, UserView> get(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long id) {
    return Map.of("user", UserView.of(find(caller, id)));
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Create a user")
  @Transactional
  Map<String, UserView> create(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @Valid @RequestBody UserRequest request) {
    long id = users.create(caller.accountId(), request);
    return Map.of("user", UserView.of(find(caller, id)));
  }

  @PutMapping("/{id}")
  @Operation(summary = "Replace a user's details")
  @Transactional
  Map<String, UserView> update(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      @Valid @RequestBody UserRequest request) {
    users.update(caller.accountId(), id, request);
    return Map.of("user", UserView.of(find(caller, id)));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(
      summary = "Delete a user",
      description =
          "Refused with 409 while an escalation policy or a schedule pages them. Their past"
              + " notifications stay in the log.")
  @Transactional
  void delete(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long id) {
    users.delete(caller.accountId(), id);
  }

  private UserStore.UserRow find(ApiCaller caller, long id) {
    return users
        .find(caller.accountId(), id)
        .orElseThrow(() -> ApiException.notFound("User " + id));
  }
}
