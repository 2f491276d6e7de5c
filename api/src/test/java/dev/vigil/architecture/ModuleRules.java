package dev.vigil.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/** How the modules may depend on each other; each rule says why. */
final class ModuleRules {

  /** JDBC, however reached: the driver's types, a DataSource, Spring's JDBC support. */
  static final String[] JDBC = {"java.sql..", "javax.sql..", "org.springframework.jdbc.."};

  private ModuleRules() {}

  /**
   * The API is an edge: it maps requests and answers. Reading or writing tables is the job of the
   * module that owns them, so a table has one writer and its rules one home.
   */
  static ArchRule controllersRunNoSql() {
    return noClasses()
        .that()
        .areAnnotatedWith(RestController.class)
        .or()
        .areAnnotatedWith(Controller.class)
        .or()
        .resideInAPackage("dev.vigil.web..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(JDBC)
        .because("controllers map the wire; the domain modules own their tables (decision 0023)");
  }

  /**
   * Nothing in the API module reads or writes a table, controller or not: tokens, logins, accounts,
   * webhooks' records and incident reading live with the module that owns their tables. The one
   * exception is infrastructure that sets the database up ({@code dev.vigil.embedded}: the embedded
   * PostgreSQL and which database the app is connected to), which reads no table.
   */
  static ArchRule edgeRunsNoSql() {
    return noClasses()
        .that()
        .resideOutsideOfPackage("dev.vigil.embedded..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(JDBC)
        .because("the API is an edge; each table has one owning module (decisions 0023, 0038)");
  }

  /**
   * The on-call configuration is read by incidents and billing, never the other way round: it knows
   * no incident, no notification, no HTTP and no Temporal.
   */
  static ArchRule onCallDependsOnNoOtherModule() {
    return noClasses()
        .that()
        .resideInAPackage("dev.vigil.oncall..")
        .should()
        // dev.vigil.secret (SecretBox) ships in the on-call module itself.
        .dependOnClassesThat(
            resideInAPackage("dev.vigil..")
                .and(not(resideInAnyPackage("dev.vigil.oncall..", "dev.vigil.secret.."))))
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage("io.temporal..", "org.springframework.web..", "jakarta.servlet..")
        .because("the on-call module is the bottom of the graph (decision 0023)");
  }

  /** Each on-call domain may use another, but not in both directions. */
  static ArchRule onCallDomainsHaveNoCycles() {
    return slices()
        .matching("dev.vigil.oncall.(*)..")
        .should()
        .beFreeOfCycles()
        .because("a cycle makes two domains one, whatever the packages say");
  }

  /**
   * Workflow code is replayed from history: what it knows of on-call comes in the activities'
   * answers (a policy snapshot), never from reading the configuration itself.
   */
  static ArchRule workflowsDoNotReachIntoOnCall(String... workflowPackages) {
    return noClasses()
        .that()
        .resideInAnyPackage(workflowPackages)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.vigil.oncall..")
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage(JDBC)
        .because("workflow code is deterministic and reads only what activities return");
  }
}
