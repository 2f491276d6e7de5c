package dev.vigil.slack.delivery;

import static dev.vigil.testsupport.TestTeam.level;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.incident.IncidentKey;
import dev.vigil.incident.record.TimelineEntry;
import dev.vigil.slack.SlackWorkflow;
import dev.vigil.slack.SlackWorkflowImpl;
import dev.vigil.testsupport.IncidentWorkflowTestBase;
import dev.vigil.testsupport.WorkflowHistories;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * An incident's Slack workflow on the time-skipping server with the real activities and store, an
 * incident opened by the real incident workflow, and Slack a local HTTP server: the message is
 * posted once and updated; a Slack that stays down is retried for about half an hour of workflow
 * time, then the entries are failed and the admin told, not retried forever.
 */
class SlackWorkflowTest extends IncidentWorkflowTestBase {

  private static final String TOKEN = "xoxb-1111111111-2222222222-workflowTest";

  @Autowired SlackStore store;

  private HttpServer slack;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(200);
  private TestWorkflowEnvironment slackEnv;
  private SlackOutbox outbox;
  private long service;

  @BeforeEach
  void slackAndItsWorker() throws IOException {
    slack = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AtomicInteger ts = new AtomicInteger();
    slack.createContext(
        "/api/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(exchange.getRequestURI().getPath() + " " + body);
          byte[] answer =
              status.get() == 200
                  ? ("{\"ok\":true,\"ts\":\"1700000000.00000" + ts.incrementAndGet() + "\"}")
                      .getBytes(StandardCharsets.UTF_8)
                  : "upstream error".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status.get(), answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    slack.start();
    String apiUrl = "http://127.0.0.1:" + slack.getAddress().getPort() + "/api";

    slackEnv = TestWorkflowEnvironment.newInstance();
    Worker worker = slackEnv.newWorker(SlackWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(SlackWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new SlackActivitiesImpl(
            store, new SlackApi(apiUrl, JsonMapper.builder().build()), "https://vigil.test"));
    slackEnv.start();
    outbox = new SlackOutbox(store, slackEnv.getWorkflowClient(), Duration.ZERO);

    long alice = team.user("Alice");
    service = team.service("Checkout", 0, level(Duration.ofMinutes(30), alice));
    String workspace = "TWF" + team.accountId();
    assertThat(store.save(team.accountId(), workspace, TOKEN, "0123456789abcdef0123456789abcdef"))
        .isEqualTo(SlackStore.Saved.SAVED);
    store.setChannel(team.accountId(), service, "CINCIDENTS");
  }

  @AfterEach
  void stop() {
    slackEnv.close();
    slack.stop(0);
  }

  @Test
  void theMessageIsPostedOnceThenUpdated() {
    long incident = openIncident("Disk full on db-01");
    outbox.entryWritten(entry(incident, "triggered"));
    awaitNothingWaiting(incident);
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0)).startsWith("/api/chat.postMessage ").contains("CINCIDENTS");
    assertThat(store.message(incident)).isPresent();

    outbox.entryWritten(
        new TimelineEntry(
            team.accountId(), incident, 90, java.time.Instant.now(), "acknowledged", "", null));
    awaitNothingWaiting(incident);
    assertThat(requests).hasSize(2);
    assertThat(requests.get(1))
        .startsWith("/api/chat.update ")
        .contains("\"ts\":\"" + store.message(incident).orElseThrow().ts() + "\"");

    // Quiet for ten minutes: the run ends; the next entry starts another.
    WorkflowStub.fromTyped(
            slackEnv
                .getWorkflowClient()
                .newWorkflowStub(SlackWorkflow.class, SlackWorkflow.workflowId(incident)))
        .getResult(Void.class);
    WorkflowHistories.recordIfEnabled(
        slackEnv.getWorkflowClient(),
        SlackWorkflow.workflowId(incident),
        "slack-posted-then-updated");
  }

  @Test
  void aSlackThatStaysDownIsGivenUpOnAndTheAdminTold() {
    status.set(503);
    long incident = openIncident("Nobody will see this in Slack");
    outbox.entryWritten(entry(incident, "triggered"));
    WorkflowStub.fromTyped(
            slackEnv
                .getWorkflowClient()
                .newWorkflowStub(SlackWorkflow.class, SlackWorkflow.workflowId(incident)))
        .getResult(Void.class);

    assertThat(requests).hasSize(12);
    assertThat(store.pending(incident)).isEmpty();
    assertThat(store.failedCount(team.accountId())).isEqualTo(1);
    assertThat(store.connection(team.accountId()).orElseThrow().lastError())
        .startsWith("gave up after retries: chat.postMessage: Slack answered 503");
    assertThat(store.message(incident)).isEmpty();
    WorkflowHistories.recordIfEnabled(
        slackEnv.getWorkflowClient(),
        SlackWorkflow.workflowId(incident),
        "slack-gave-up-after-retries");
  }

  private long openIncident(String summary) {
    temporal.trigger(new IncidentKey(team.accountId(), service, summary), summary);
    records.awaitIncident(team.accountId(), 1, i -> true);
    return jdbc.sql("select id from incidents where account_id = ?")
        .param(team.accountId())
        .query(Long.class)
        .single();
  }

  /** The incident's entry of this kind, as the timeline told its listeners. */
  private TimelineEntry entry(long incident, String kind) {
    return jdbc.sql(
            "select seq, at, message from incident_log_entries where incident_id = ? and kind = ?")
        .params(incident, kind)
        .query(
            (rs, n) ->
                new TimelineEntry(
                    team.accountId(),
                    incident,
                    rs.getInt("seq"),
                    rs.getTimestamp("at").toInstant(),
                    kind,
                    rs.getString("message"),
                    null))
        .single();
  }

  private void awaitNothingWaiting(long incident) {
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!store.pending(incident).isEmpty()) {
      assertThat(System.nanoTime())
          .as("outbox of incident %d delivered", incident)
          .isLessThan(until);
      slackEnv.sleep(Duration.ofMillis(200));
    }
  }
}
