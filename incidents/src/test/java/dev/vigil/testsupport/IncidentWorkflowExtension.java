package dev.vigil.testsupport;

import dev.vigil.escalation.EscalationActivities;
import dev.vigil.heartbeat.HeartbeatWorkflowImpl;
import dev.vigil.heartbeat.monitor.HeartbeatActivitiesImpl;
import dev.vigil.incident.IncidentActivities;
import dev.vigil.incident.IncidentKey;
import dev.vigil.incident.IncidentWorkflow;
import dev.vigil.incident.IncidentWorkflowImpl;
import dev.vigil.incident.record.AlertGroups;
import dev.vigil.incident.record.AlertIntake;
import dev.vigil.incident.record.AlertResolutions;
import dev.vigil.incident.record.AlertStore;
import dev.vigil.incident.record.IncidentEvents;
import dev.vigil.incident.record.PagingFence;
import dev.vigil.notification.NotificationActivities;
import dev.vigil.oncall.heartbeat.HeartbeatMonitors;
import dev.vigil.oncall.maintenance.MaintenanceWindows;
import dev.vigil.oncall.service.ServiceStore;
import dev.vigil.search.SearchAttributeRegistration;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fresh time-skipping Temporal test server per test, with a worker on {@link
 * IncidentWorkflow#TASK_QUEUE} running {@link IncidentWorkflowImpl} (and heartbeat monitors'
 * workflow) and the real activity beans of the test's Spring context (PostgreSQL, the dev inbox).
 * Register it on a {@code @SpringBootTest} class:
 *
 * <pre>{@code
 * @RegisterExtension final IncidentWorkflowExtension temporal = new IncidentWorkflowExtension();
 * }</pre>
 *
 * <p>Time only jumps while a test sleeps ({@link #sleep}) or waits for a workflow result; the rest
 * of the time the server's clock runs at wall-clock speed, so a test can watch the database between
 * two steps of an escalation.
 */
public final class IncidentWorkflowExtension implements BeforeEachCallback, AfterEachCallback {

  private final SearchAttributeRegistration searchAttributes;
  private TestWorkflowEnvironment env;
  private EventsApiTrigger events;

  /** A server that has Vigil's search attributes, as the application registers them. */
  public IncidentWorkflowExtension() {
    this(SearchAttributeRegistration.REGISTERED);
  }

  /**
   * @param searchAttributes {@code MISSING}: a namespace that refused Vigil's search attributes
   */
  public IncidentWorkflowExtension(SearchAttributeRegistration searchAttributes) {
    this.searchAttributes = searchAttributes;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    ApplicationContext spring = SpringExtension.getApplicationContext(context);
    env = TestWorkflowEnvironment.newInstance();
    if (searchAttributes.registered()) {
      TestSearchAttributes.register(env);
    }
    IncidentEvents incidentEvents =
        new IncidentEvents(
            env.getWorkflowClient(),
            spring.getBean(AlertStore.class),
            searchAttributes,
            spring.getBean(PagingFence.class),
            spring.getBean(AlertResolutions.class));
    Worker worker = env.newWorker(IncidentWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(
        IncidentWorkflowImpl.class, HeartbeatWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        spring.getBean(IncidentActivities.class),
        spring.getBean(EscalationActivities.class),
        spring.getBean(NotificationActivities.class),
        new HeartbeatActivitiesImpl(
            spring.getBean(HeartbeatMonitors.class),
            new AlertIntake(
                incidentEvents,
                spring.getBean(ServiceStore.class),
                spring.getBean(AlertGroups.class),
                spring.getBean(MaintenanceWindows.class),
                spring.getBean(AlertStore.class)),
            incidentEvents,
            JsonMapper.builder().build()));
    env.start();
    events = new EventsApiTrigger(incidentEvents, this::now);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (env == null) {
      return;
    }
    // What the workflows did, next to the failure in the surefire report.
    context.getExecutionException().ifPresent(failure -> System.err.println(env.getDiagnostics()));
    env.close();
    env = null;
  }

  public TestWorkflowEnvironment env() {
    return env;
  }

  public WorkflowClient client() {
    return env.getWorkflowClient();
  }

  /** A critical event for the key, as the Events API hands it over. */
  public IncidentEvents.Triggered trigger(IncidentKey key, String summary) {
    return events.trigger(key, summary, "critical");
  }

  public IncidentEvents.Triggered trigger(IncidentKey key, String summary, String severity) {
    return events.trigger(key, summary, severity);
  }

  /** The incident of one run: signals, updates and queries go to that run only. */
  public IncidentWorkflow incident(WorkflowExecution run) {
    return client()
        .newWorkflowStub(IncidentWorkflow.class, run.getWorkflowId(), Optional.of(run.getRunId()));
  }

  public WorkflowStub untyped(WorkflowExecution run) {
    return client()
        .newUntypedWorkflowStub(run.getWorkflowId(), Optional.of(run.getRunId()), Optional.empty());
  }

  public WorkflowExecutionHistory history(WorkflowExecution run) {
    return client().fetchHistory(run.getWorkflowId(), run.getRunId());
  }

  /** The test server's clock: the workflows' {@code Workflow.currentTimeMillis()}. */
  public Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  /** Skips time forward; timers due meanwhile fire and their activities run before it returns. */
  public void sleep(Duration duration) {
    env.sleep(duration);
  }

  /** Skips time forward to {@code instant} on the server's clock. */
  public void sleepUntil(Instant instant) {
    Duration remaining = Duration.between(now(), instant);
    if (remaining.isNegative()) {
      throw new IllegalStateException(
          "already " + Duration.between(instant, now()) + " past " + instant);
    }
    env.sleep(remaining);
  }
}
