package dev.vigil.determinism;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

/**
 * The rules workflow code keeps, for every module that has workflows (incidents here, billing in
 * billing-workflows through this module's test-jar).
 */
public final class DeterminismRules {

  private DeterminismRules() {}

  /**
   * Where the incident workflow's code lives: exactly these packages, not their sub-packages, which
   * hold the activities, the store and the providers ({@code dev.vigil.incident.record}, {@code
   * dev.vigil.escalation.assignment}, {@code dev.vigil.notification.delivery}, ...).
   */
  public static final String[] INCIDENT_WORKFLOW_PACKAGES = {
    "dev.vigil.incident",
    "dev.vigil.escalation",
    "dev.vigil.notification",
    "dev.vigil.search",
    "dev.vigil.heartbeat",
    "dev.vigil.outbound",
    "dev.vigil.slack"
  };

  public static ArchRule noIoConcurrencyOrRandomness(String... packages) {
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

  public static ArchRule noWallClockOrThreadSleep(String... packages) {
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
}
