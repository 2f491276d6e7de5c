package dev.vigil.console;

import dev.vigil.auth.ApiCaller;
import dev.vigil.slack.delivery.SlackStore;
import dev.vigil.slack.web.SlackConnections;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An admin's Slack connection (docs/decisions/0062): the workspace, whether the secrets are set
 * (never what they are), the last delivery Slack refused, and the form `PUT /api/v1/slack` takes.
 * Secrets left blank keep the stored ones.
 */
@Controller
@Hidden
@RequestMapping("/console/admin/slack")
class SlackPages {

  private final SlackStore store;
  private final SlackConnections connections;
  private final String interactionsUrl;

  SlackPages(
      SlackStore store,
      SlackConnections connections,
      @Value("${vigil.public-url}") String publicUrl) {
    this.store = store;
    this.connections = connections;
    this.interactionsUrl = publicUrl.replaceAll("/+$", "") + "/webhooks/slack/interactions";
  }

  /** The form as typed; the secrets are never shown back. */
  record SlackForm(String workspaceId, String botToken, String signingSecret) {}

  @GetMapping
  String slack(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, Model model) {
    String workspace =
        store.connection(caller.accountId()).map(SlackStore.Connection::teamId).orElse("");
    return page(caller, model, workspace, null);
  }

  @PostMapping
  String save(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @ModelAttribute SlackForm form,
      Model model,
      RedirectAttributes redirect) {
    String workspace = form.workspaceId() == null ? "" : form.workspaceId().strip();
    try {
      connections.save(
          caller.accountId(),
          workspace,
          ConsoleForms.blankToNull(form.botToken()),
          ConsoleForms.blankToNull(form.signingSecret()));
    } catch (ApiException refused) {
      return page(caller, model, workspace, ConsoleModel.sentence(refused));
    }
    redirect.addFlashAttribute("notice", "Slack workspace " + workspace + " is connected.");
    return "redirect:/console/admin/slack";
  }

  @PostMapping("/disconnect")
  String disconnect(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, RedirectAttributes redirect) {
    if (store.delete(caller.accountId())) {
      redirect.addFlashAttribute("notice", "Slack is disconnected; its secrets are forgotten.");
    }
    return "redirect:/console/admin/slack";
  }

  private String page(ApiCaller caller, Model model, String workspace, String problem) {
    store
        .connection(caller.accountId())
        .ifPresent(
            connection -> {
              model.addAttribute("connection", connection);
              model.addAttribute("failed", store.failedCount(caller.accountId()));
            });
    model.addAttribute("workspace", workspace);
    model.addAttribute("interactionsUrl", interactionsUrl);
    if (problem != null) {
      model.addAttribute("problem", problem);
    }
    return "console/admin-slack";
  }
}
