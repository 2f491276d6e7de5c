package dev.vigil.slack.delivery;

import dev.vigil.slack.SlackActivities;
import dev.vigil.slack.delivery.SlackApi.SlackRefused;
import dev.vigil.slack.delivery.SlackApi.SlackUnavailable;
import dev.vigil.slack.delivery.SlackStore.Credentials;
import dev.vigil.slack.delivery.SlackStore.IncidentCard;
import dev.vigil.slack.delivery.SlackStore.Message;
import dev.vigil.slack.delivery.SlackStore.OutboxRow;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class SlackActivitiesImpl implements SlackActivities {

  private static final Logger log = LoggerFactory.getLogger(SlackActivitiesImpl.class);

  private final SlackStore store;
  private final SlackApi api;
  private final String publicUrl;

  public SlackActivitiesImpl(SlackStore store, SlackApi api, String publicUrl) {
    this.store = store;
    this.api = api;
    this.publicUrl = publicUrl.replaceAll("/+$", "");
  }

  @Override
  public void deliverToSlack(long incidentId) {
    List<OutboxRow> pending = store.pending(incidentId);
    if (pending.isEmpty()) {
      return;
    }
    Optional<IncidentCard> found = store.card(incidentId);
    if (found.isEmpty()) {
      store.failPending(incidentId, "incident_not_found");
      return;
    }
    IncidentCard incident = found.get();
    Optional<Credentials> credentials = store.credentials(incident.accountId());
    if (credentials.isEmpty()) {
      // Disconnected since: nothing to show, and nowhere to show it.
      store.failPending(incidentId, "not_connected");
      return;
    }
    String token = credentials.get().botToken();
    Optional<Message> message = store.message(incidentId);
    String console = publicUrl + "/console/incidents/" + incident.number();
    try {
      boolean posted = false;
      if (message.isEmpty()) {
        Optional<String> channel = store.channelOf(incident.accountId(), incident.serviceId());
        if (channel.isEmpty()) {
          store.failPending(incidentId, "no_channel");
          return;
        }
        String ts =
            api.postMessage(
                token, SlackMessages.message(api, channel.get(), null, incident, console));
        message = Optional.of(new Message(channel.get(), ts));
        store.saveMessage(incident.accountId(), incidentId, channel.get(), ts);
        posted = true;
      }
      Message shown = message.get();
      boolean changed = false;
      for (OutboxRow row : pending) {
        if ("note".equals(row.kind())) {
          api.postMessage(
              token,
              SlackMessages.threadReply(
                  api, shown.channelId(), shown.ts(), row.message(), row.by()));
          // Each note once, even if a later step fails and this pass is retried.
          store.delivered(row.id());
        } else {
          changed = true;
        }
      }
      if (changed && !posted) {
        api.update(
            token, SlackMessages.message(api, shown.channelId(), shown.ts(), incident, console));
      }
      pending.forEach(row -> store.delivered(row.id()));
    } catch (SlackRefused refused) {
      String where =
          refused.error()
              + " (incident #"
              + incident.number()
              + message.map(m -> ", channel " + m.channelId()).orElse("")
              + ")";
      log.warn("Slack refused a message of incident {}: {}", incidentId, refused.error());
      store.failPending(incidentId, refused.error());
      store.recordError(incident.accountId(), where);
    } catch (SlackUnavailable unavailable) {
      if (unavailable.retryAfter().isPresent()) {
        throw ApplicationFailure.newFailureWithCauseAndDelay(
            unavailable.getMessage(), "SlackRateLimited", null, unavailable.retryAfter().get());
      }
      throw unavailable;
    }
  }

  @Override
  public void giveUpOnSlack(long incidentId, String reason) {
    if (store.failPending(incidentId, reason) > 0) {
      store
          .card(incidentId)
          .ifPresent(
              incident ->
                  store.recordError(
                      incident.accountId(),
                      "gave up after retries: "
                          + reason
                          + " (incident #"
                          + incident.number()
                          + ")"));
    }
  }
}
