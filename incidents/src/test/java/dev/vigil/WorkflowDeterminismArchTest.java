package dev.vigil;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.vigil.determinism.DeterminismRules;
import dev.vigil.incident.IncidentWorkflowImpl;
import dev.vigil.outbound.WebhookDeliveryWorkflowImpl;
import java.io.File;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Workflow code is replayed, so it must do the same thing every time: no I/O, no threads of its
 * own, no wall clock, no randomness. Temporal's {@code Workflow.*} offers the deterministic
 * alternatives (currentTimeMillis, sleep, randomUUID, newRandom). Activities do the rest.
 */
class WorkflowDeterminismArchTest {

  /** Where workflow code lives; IncidentKey's hashing (java.security, java.nio.charset) is fine. */
  private static final String[] WORKFLOW_PACKAGES = DeterminismRules.INCIDENT_WORKFLOW_PACKAGES;

  private static JavaClasses workflowModule;

  @BeforeAll
  static void importTheIncidentsModule() {
    // This module's packages (the on-call module it depends on lives under dev.vigil.oncall).
    workflowModule =
        new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages(
                "dev.vigil.incident",
                "dev.vigil.escalation",
                "dev.vigil.notification",
                "dev.vigil.search",
                "dev.vigil.heartbeat",
                "dev.vigil.outbound",
                "dev.vigil.change",
                "dev.vigil.refusal");
  }

  @Test
  void theRulesSeeTheWorkflowCode() {
    // A rule over zero classes passes vacuously: make sure the import found the module.
    assertThat(workflowModule).isNotEmpty();
    assertThat(workflowModule.contain(IncidentWorkflowImpl.class)).isTrue();
    assertThat(workflowModule.contain(WebhookDeliveryWorkflowImpl.class)).isTrue();
    assertThat(workflowModule)
        .as("classes compiled from this module, not a stale jar")
        .allSatisfy(
            c ->
                assertThat(c.getSource().orElseThrow().getUri().toString())
                    .contains("/target/classes/"));
  }

  @Test
  void workflowCodeDoesNoIoNoConcurrencyNoRandomness() {
    DeterminismRules.noIoConcurrencyOrRandomness(WORKFLOW_PACKAGES).check(workflowModule);
  }

  @Test
  void workflowCodeNeverReadsTheWallClockNorSleepsTheThread() {
    DeterminismRules.noWallClockOrThreadSleep(WORKFLOW_PACKAGES).check(workflowModule);
  }

  @Test
  void workflowCodeReachesSideEffectsOnlyThroughActivities() {
    // The workflow shares its module with its activities, so the line between them is a rule.
    noClasses()
        .that()
        .resideInAnyPackage(WORKFLOW_PACKAGES)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "com.twilio..",
            "jakarta.mail..",
            "dev.vigil.oncall..",
            "dev.vigil.incident.*..",
            "dev.vigil.escalation.*..",
            "dev.vigil.notification.*..",
            "dev.vigil.heartbeat.*..",
            "dev.vigil.outbound.*..",
            "dev.vigil.change..")
        .because("workflow code is replayed; side effects belong in activities")
        .check(workflowModule);
  }

  @Test
  void theRulesCatchNonDeterministicCode() {
    // The rules are only worth something if they fail: run them over a class that breaks them all.
    JavaClasses fixture = new ClassFileImporter().importClasses(NonDeterministicWorkflowCode.class);

    EvaluationResult dependencies =
        DeterminismRules.noIoConcurrencyOrRandomness("dev.vigil").evaluate(fixture);
    EvaluationResult calls =
        DeterminismRules.noWallClockOrThreadSleep("dev.vigil").evaluate(fixture);

    assertThat(dependencies.getFailureReport().getDetails())
        .anyMatch(d -> d.contains("java.io.File"))
        .anyMatch(d -> d.contains("java.util.Random"))
        .anyMatch(d -> d.contains("java.util.concurrent.ConcurrentHashMap"));
    assertThat(calls.getFailureReport().getDetails())
        .anyMatch(d -> d.contains("System.currentTimeMillis"))
        .anyMatch(d -> d.contains("System.nanoTime"))
        .anyMatch(d -> d.contains("Instant.now"))
        .anyMatch(d -> d.contains("LocalDateTime.now"))
        .anyMatch(d -> d.contains("UUID.randomUUID"))
        .anyMatch(d -> d.contains("Thread.sleep"));
  }

  /** Everything workflow code must not do, in one place. Only the rules' self-test imports it. */
  @SuppressWarnings("unused")
  static class NonDeterministicWorkflowCode {

    private final java.util.Map<String, String> cache =
        new java.util.concurrent.ConcurrentHashMap<>();

    List<Object> everythingWrong() throws InterruptedException {
      Thread.sleep(1);
      return List.of(
          System.currentTimeMillis(),
          System.nanoTime(),
          Instant.now(),
          java.time.LocalDateTime.now(),
          UUID.randomUUID(),
          new Random().nextInt(),
          new File("/tmp"));
    }
  }
}
