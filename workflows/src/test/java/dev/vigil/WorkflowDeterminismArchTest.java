package dev.vigil;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.vigil.incident.IncidentWorkflowImpl;
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
  private static final String[] WORKFLOW_PACKAGES = {
    "dev.vigil.incident..", "dev.vigil.escalation..", "dev.vigil.notification.."
  };

  private static JavaClasses workflowModule;

  @BeforeAll
  static void importTheWorkflowsModule() {
    workflowModule =
        new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages("dev.vigil");
  }

  @Test
  void theRulesSeeTheWorkflowCode() {
    // A rule over zero classes passes vacuously: make sure the import found the module.
    assertThat(workflowModule).isNotEmpty();
    assertThat(workflowModule.contain(IncidentWorkflowImpl.class)).isTrue();
    assertThat(workflowModule)
        .as("classes compiled from this module, not a stale jar")
        .allSatisfy(
            c ->
                assertThat(c.getSource().orElseThrow().getUri().toString())
                    .contains("/target/classes/"));
  }

  @Test
  void workflowCodeDoesNoIoNoConcurrencyNoRandomness() {
    noIoConcurrencyOrRandomness(WORKFLOW_PACKAGES).check(workflowModule);
  }

  @Test
  void workflowCodeNeverReadsTheWallClockNorSleepsTheThread() {
    noWallClockOrThreadSleep(WORKFLOW_PACKAGES).check(workflowModule);
  }

  @Test
  void theRulesCatchNonDeterministicCode() {
    // The rules are only worth something if they fail: run them over a class that breaks them all.
    JavaClasses fixture = new ClassFileImporter().importClasses(NonDeterministicWorkflowCode.class);

    EvaluationResult dependencies = noIoConcurrencyOrRandomness("dev.vigil").evaluate(fixture);
    EvaluationResult calls = noWallClockOrThreadSleep("dev.vigil").evaluate(fixture);

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

  private static ArchRule noIoConcurrencyOrRandomness(String... packages) {
    return noClasses()
        .that()
        .resideInAnyPackage(packages)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "java.io..", "java.net..", "java.sql..", "java.nio.file..", "java.util.concurrent..")
        .orShould()
        .dependOnClassesThat()
        .areAssignableTo(Random.class)
        .because(
            "workflow code is replayed: I/O, threads and randomness belong in activities or Workflow.*");
  }

  private static ArchRule noWallClockOrThreadSleep(String... packages) {
    return noClasses()
        .that()
        .resideInAnyPackage(packages)
        .should()
        .callMethodWhere(calling(System.class, "currentTimeMillis"))
        .orShould()
        .callMethodWhere(calling(System.class, "nanoTime"))
        .orShould()
        .callMethodWhere(calling(Instant.class, "now"))
        .orShould()
        .callMethodWhere(calling(java.time.LocalDateTime.class, "now"))
        .orShould()
        .callMethodWhere(calling(UUID.class, "randomUUID"))
        .orShould()
        .callMethodWhere(calling(Thread.class, "sleep"))
        .because(
            "use Workflow.currentTimeMillis(), Workflow.randomUUID() and Workflow.sleep() in workflow code");
  }

  /** Any overload: Instant.now() and Instant.now(Clock) both read a clock. */
  private static com.tngtech.archunit.base.DescribedPredicate<JavaCall<?>> calling(
      Class<?> owner, String method) {
    return describe(
        owner.getSimpleName() + "." + method + "(..)",
        call ->
            call.getTarget().getOwner().isEquivalentTo(owner)
                && call.getTarget().getName().equals(method));
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
