package dev.vigil.slack.web;

import dev.vigil.slack.delivery.SlackStore;
import dev.vigil.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Sets an account's Slack connection for the REST API and the console alike: the same checks, the
 * same refusals ({@link ApiException}s naming each field at fault).
 */
@Component
public class SlackConnections {

  private static final Pattern WORKSPACE = Pattern.compile("[TE][A-Z0-9]{2,30}");
  private static final Pattern BOT_TOKEN = Pattern.compile("xoxb-[A-Za-z0-9-]{10,250}");
  private static final Pattern SIGNING_SECRET = Pattern.compile("[A-Za-z0-9]{16,128}");

  private final SlackStore store;

  SlackConnections(SlackStore store) {
    this.store = store;
  }

  /** Null secrets keep the stored ones; a first connection needs both. */
  public void save(long accountId, String workspaceId, String botToken, String signingSecret) {
    List<String> errors = new ArrayList<>();
    if (workspaceId == null || workspaceId.isBlank()) {
      errors.add("'workspace_id' is required");
    } else if (!WORKSPACE.matcher(workspaceId).matches()) {
      errors.add("'workspace_id' must be a Slack workspace id (T followed by capitals and digits)");
    }
    if (botToken != null && !BOT_TOKEN.matcher(botToken).matches()) {
      errors.add("'bot_token' must be a bot token (xoxb-...)");
    }
    if (signingSecret != null && !SIGNING_SECRET.matcher(signingSecret).matches()) {
      errors.add(
          "'signing_secret' must be the app's signing secret (16 to 128 letters and digits)");
    }
    if (!errors.isEmpty()) {
      throw ApiException.badRequest(errors);
    }
    switch (store.save(accountId, workspaceId, botToken, signingSecret)) {
      case TEAM_TAKEN ->
          throw ApiException.conflict(
              "Slack workspace " + workspaceId + " is connected to another account");
      case SECRETS_REQUIRED -> {
        if (botToken == null) {
          errors.add("'bot_token' is required");
        }
        if (signingSecret == null) {
          errors.add("'signing_secret' is required");
        }
        throw ApiException.badRequest(errors);
      }
      case SAVED -> {}
    }
  }
}
