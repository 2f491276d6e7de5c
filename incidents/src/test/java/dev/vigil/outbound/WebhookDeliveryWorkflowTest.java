package dev.vigil.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.oncall.OnCallSetup;
import dev.vigil.oncall.webhook.WebhookRequest;
import dev.vigil.oncall.webhook.WebhookSubscriptions;
import dev.vigil.outbound.delivery.WebhookDeliveryActivitiesImpl;
import dev.vigil.outbound.delivery.WebhookLanes;
import dev.vigil.outbound.delivery.WebhookOutbox;
import dev.vigil.outbound.delivery.WebhookSender;
import dev.vigil.testsupport.ActivitiesTestApplication;
import dev.vigil.testsupport.TestTeam;
import dev.vigil.testsupport.WorkflowHistories;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A lane's workflow on the time-skipping server with the real activities (PostgreSQL, a receiver on
 * loopback): a day of retries in seconds.
 */
@SpringBootTest(classes = ActivitiesTestApplication.class)
class WebhookDeliveryWorkflowTest {

  @Autowired OnCallSetup onCall;
  @Autowired JdbcClient jdbc;
  @Autowired WebhookSubscriptions subscriptions;

  private TestWorkflowEnvironment env;
  private HttpServer receiver;
  private final AtomicInteger requests = new AtomicInteger();
  private WebhookOutbox outbox;
  private WebhookLanes lanes;
  private TestTeam team;

  /** The signal after commit never reaches Temporal (Temporal away, a crash after commit). */
  private volatile boolean signalsLost;

  @BeforeEach
  void start(TestInfo test) throws Exception {
    team = TestTeam.create(onCall, test.getTestMethod().orElseThrow().getName());
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          requests.incrementAndGet();
          exchange.sendResponseHeaders(
              exchange.getRequestURI().getPath().equals("/down") ? 500 : 200, -1);
          exchange.close();
        });
    receiver.start();
    env = TestWorkflowEnvironment.newInstance();
    outbox =
        new WebhookOutbox(
            jdbc,
            subscriptions,
            "http://vigil.test",
            (subscription, lane) -> {
              if (!signalsLost) {
                lanes.signal(subscription, lane);
              }
            });
    lanes =
        new WebhookLanes(
            env.getWorkflowClient(),
            outbox,
            new WebhookLanes.Retries(
                Duration.ofHours(24), Duration.ofSeconds(2), Duration.ofMinutes(10)),
            Duration.ZERO);
    Worker worker = env.newWorker(WebhookDeliveryWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(WebhookDeliveryWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new WebhookDeliveryActivitiesImpl(
            outbox,
            subscriptions,
            new WebhookSender(address -> true, Duration.ofSeconds(2), Duration.ofSeconds(5)),
            Clock.systemUTC()));
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
    receiver.stop(0);
  }

  @Test
  void aReceiverThatNeverAnswersIsRetriedWithBackoffForADayThenTheDeliveryFails() {
    long subscription = subscribe("/down");
    WebhookOutbox.Delivery ping = outbox.ping(team.accountId(), subscription, Instant.now());

    // The lane's workflow ends once nothing is pending: a day of backoff, then given up.
    workflow(subscription, "ping-" + ping.id()).getResult(Void.class);

    WebhookOutbox.Delivery failed = latest(subscription);
    assertThat(failed.status()).isEqualTo("failed");
    assertThat(failed.lastError()).isEqualTo("gave up after PT24H: the receiver answered 500");
    assertThat(failed.lastStatus()).isEqualTo(500);
    // 2 s doubling to 10 minutes, for 24 hours: about 150 attempts, each one request.
    assertThat(failed.attempts()).isBetween(140, 160);
    assertThat(requests.get()).isEqualTo(failed.attempts());

    WorkflowHistories.recordIfEnabled(
        env.getWorkflowClient(),
        WebhookDeliveryWorkflow.workflowId(subscription, "ping-" + ping.id()),
        "webhook-given-up");
  }

  @Test
  void aDeliveredEventEndsItsLaneAfterAQuietSpell() {
    long subscription = subscribe("/up");
    WebhookOutbox.Delivery ping = outbox.ping(team.accountId(), subscription, Instant.now());
    workflow(subscription, "ping-" + ping.id()).getResult(Void.class);

    WebhookOutbox.Delivery delivered = latest(subscription);
    assertThat(delivered.status()).isEqualTo("delivered");
    assertThat(delivered.attempts()).isEqualTo(1);
    assertThat(delivered.deliveredAt()).isNotNull();
    assertThat(requests.get()).isEqualTo(1);

    WorkflowHistories.recordIfEnabled(
        env.getWorkflowClient(),
        WebhookDeliveryWorkflow.workflowId(subscription, "ping-" + ping.id()),
        "webhook-delivered");
  }

  @Test
  void aDeliveryWhoseSignalWasLostIsStartedByTheSweep() {
    long subscription = subscribe("/up");
    signalsLost = true;
    WebhookOutbox.Delivery ping = outbox.ping(team.accountId(), subscription, Instant.now());
    env.sleep(Duration.ofMinutes(5));
    assertThat(latest(subscription).status()).isEqualTo("pending");
    assertThat(requests.get()).isZero();

    // Rows younger than the sweep's horizon are left to their signal; older ones are started.
    assertThat(lanes.sweep(Instant.now().minusSeconds(60))).isZero();
    assertThat(lanes.sweep(Instant.now().plusSeconds(1))).isEqualTo(1);
    workflow(subscription, "ping-" + ping.id()).getResult(Void.class);
    assertThat(latest(subscription).status()).isEqualTo("delivered");
    assertThat(requests.get()).isEqualTo(1);
  }

  private long subscribe(String path) {
    String url = "http://localhost:" + receiver.getAddress().getPort() + path;
    return subscriptions
        .create(team.accountId(), new WebhookRequest(url, "test", List.of(), null, true))
        .subscription()
        .id();
  }

  private WorkflowStub workflow(long subscription, String lane) {
    return env.getWorkflowClient()
        .newUntypedWorkflowStub(WebhookDeliveryWorkflow.workflowId(subscription, lane));
  }

  private WebhookOutbox.Delivery latest(long subscription) {
    return outbox.recent(team.accountId(), subscription, 1).get(0);
  }
}
