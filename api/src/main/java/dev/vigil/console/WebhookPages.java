package dev.vigil.console;

import dev.vigil.auth.ApiCaller;
import dev.vigil.oncall.OnCallRefusal;
import dev.vigil.oncall.Paging;
import dev.vigil.oncall.service.ServiceStore;
import dev.vigil.oncall.webhook.WebhookEventTypes;
import dev.vigil.oncall.webhook.WebhookRequest;
import dev.vigil.oncall.webhook.WebhookSubscription;
import dev.vigil.oncall.webhook.WebhookSubscriptions;
import dev.vigil.outbound.delivery.WebhookOutbox;
import dev.vigil.web.ApiException;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An admin's outbound webhooks: the subscriptions, a form for a new one (its secret shown once),
 * and each one's recent deliveries with a test, a rotation, pausing and deleting, through the same
 * store and outbox as the REST API's {@code WebhookController}.
 */
@Controller
@Hidden
@RequestMapping("/console/admin/webhooks")
class WebhookPages {

  private static final Paging LIST = new Paging(200, 0);
  private static final int DELIVERIES = 25;

  private final WebhookSubscriptions subscriptions;
  private final WebhookOutbox outbox;
  private final ServiceStore services;

  WebhookPages(WebhookSubscriptions subscriptions, WebhookOutbox outbox, ServiceStore services) {
    this.subscriptions = subscriptions;
    this.outbox = outbox;
    this.services = services;
  }

  /** The new-subscription form as typed, so a refused form shows it again. */
  record WebhookForm(String url, String description, String serviceId, List<String> events) {}

  @GetMapping
  String list(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, Model model) {
    return page(caller, model, new WebhookForm("", "", "", List.of()), null);
  }

  @PostMapping
  String create(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @RequestParam(required = false) String url,
      @RequestParam(required = false) String description,
      @RequestParam(required = false) String serviceId,
      @RequestParam(required = false) List<String> events,
      Model model,
      RedirectAttributes redirect) {
    WebhookForm form =
        new WebhookForm(
            url == null ? "" : url,
            description == null ? "" : description,
            serviceId == null ? "" : serviceId,
            events == null ? List.of() : events);
    try {
      WebhookSubscriptions.Created created =
          subscriptions.create(
              caller.accountId(),
              new WebhookRequest(
                  form.url(),
                  form.description(),
                  form.events(),
                  ConsoleForms.id("service_id", form.serviceId()),
                  true));
      redirect.addFlashAttribute("secret", created.secret());
      redirect.addFlashAttribute("notice", "Webhook created.");
      return "redirect:/console/admin/webhooks/" + created.subscription().id();
    } catch (ApiException refused) {
      return page(caller, model, form, ConsoleModel.sentence(refused));
    } catch (OnCallRefusal refused) {
      return page(caller, model, form, ConsoleForms.sentence(refused));
    }
  }

  @GetMapping("/{id}")
  String webhook(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @PathVariable long id, Model model) {
    model.addAttribute("webhook", find(caller, id));
    model.addAttribute("deliveries", outbox.recent(caller.accountId(), id, DELIVERIES));
    return "console/admin-webhook";
  }

  @PostMapping("/{id}/test")
  String test(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      RedirectAttributes redirect) {
    find(caller, id);
    outbox.ping(caller.accountId(), id, Instant.now());
    redirect.addFlashAttribute("notice", "Test event sent: see its delivery below.");
    return "redirect:/console/admin/webhooks/" + id;
  }

  @PostMapping("/{id}/rotate_secret")
  String rotate(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      RedirectAttributes redirect) {
    find(caller, id);
    redirect.addFlashAttribute(
        "secret", subscriptions.rotateSecret(caller.accountId(), id, Instant.now()).secret());
    redirect.addFlashAttribute(
        "notice", "New secret made; the old one also signs for the next 24 hours.");
    return "redirect:/console/admin/webhooks/" + id;
  }

  @PostMapping("/{id}/enabled")
  String enable(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      @RequestParam(defaultValue = "false") boolean enabled,
      RedirectAttributes redirect) {
    find(caller, id);
    subscriptions.update(
        caller.accountId(), id, new WebhookRequest(null, null, null, null, enabled));
    redirect.addFlashAttribute("notice", enabled ? "Webhook resumed." : "Webhook paused.");
    return "redirect:/console/admin/webhooks/" + id;
  }

  @PostMapping("/{id}/delete")
  String delete(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
      @PathVariable long id,
      RedirectAttributes redirect) {
    if (!subscriptions.delete(caller.accountId(), id)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
    redirect.addFlashAttribute("notice", "Webhook deleted.");
    return "redirect:/console/admin/webhooks";
  }

  private String page(ApiCaller caller, Model model, WebhookForm form, String problem) {
    model.addAttribute("webhooks", subscriptions.list(caller.accountId()));
    model.addAttribute("services", services.list(caller.accountId(), null, null, LIST));
    model.addAttribute("eventTypes", WebhookEventTypes.ALL);
    model.addAttribute("form", form);
    if (problem != null) {
      model.addAttribute("problem", problem);
    }
    return "console/admin-webhooks";
  }

  private WebhookSubscription find(ApiCaller caller, long id) {
    return subscriptions
        .find(caller.accountId(), id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }
}
