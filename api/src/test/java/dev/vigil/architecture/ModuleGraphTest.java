package dev.vigil.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.vigil.VigilApplication;
import dev.vigil.billing.cycle.BillingCycleWorkflowImpl;
import dev.vigil.determinism.DeterminismRules;
import dev.vigil.incident.IncidentWorkflowImpl;
import dev.vigil.oncall.OnCallSetup;
import dev.vigil.oncall.schedule.ScheduleStore;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The module graph as the README draws it: controllers run no SQL, nor does anything else in the
 * API module outside the embedded database's set-up, the on-call module depends on no other, its
 * domains form no cycle, workflow code never reads on-call tables. Each rule is also run once over
 * a class that breaks it, so a rule that cannot fail is noticed.
 */
class ModuleGraphTest {

  private static JavaClasses application;
  private static JavaClasses incidentWorkflows;
  private static JavaClasses edge;

  @BeforeAll
  static void importTheApplication() {
    application =
        new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .withImportOption(ModuleGraphTest::notATestJar)
            .importPackages("dev.vigil");
    // The incident workflow's own packages, without the activities' sub-packages beside them.
    incidentWorkflows =
        application.that(resideInAnyPackage(DeterminismRules.INCIDENT_WORKFLOW_PACKAGES));
    edge =
        new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .importLocations(List.of(whereCompiled(VigilApplication.class)));
  }

  /** The classes compiled in the api module. */
  private static Location whereCompiled(Class<?> type) {
    return Location.of(type.getProtectionDomain().getCodeSource().getLocation());
  }

  private static boolean notATestJar(Location location) {
    return !location.contains("-tests.jar") && !location.contains("/test-classes/");
  }

  @Test
  void theRulesSeeEveryModule() {
    // A rule over zero classes passes vacuously: make sure the import found each module.
    assertThat(application.contain("dev.vigil.user.UserController")).isTrue();
    assertThat(application.contain(ScheduleStore.class)).isTrue();
    assertThat(application.contain(OnCallSetup.class)).isTrue();
    assertThat(application.contain(BillingCycleWorkflowImpl.class)).isTrue();
    assertThat(incidentWorkflows.contain(IncidentWorkflowImpl.class)).isTrue();
    assertThat(incidentWorkflows.contain(ScheduleStore.class)).isFalse();
    assertThat(edge.contain(VigilApplication.class)).isTrue();
    assertThat(edge.contain("dev.vigil.incident.web.IncidentController")).isTrue();
    assertThat(edge.contain("dev.vigil.embedded.EmbeddedPostgresConfiguration")).isTrue();
    assertThat(edge.contain("dev.vigil.incident.record.IncidentReader")).isFalse();
  }

  @Test
  void aPackageLivesInOneModule() {
    // A package split across jars hides where a domain lives (and breaks the module path).
    Map<String, Set<String>> modulesOfPackage = new TreeMap<>();
    for (JavaClass type : application) {
      modulesOfPackage
          .computeIfAbsent(type.getPackageName(), p -> new TreeSet<>())
          .add(moduleOf(type));
    }
    assertThat(modulesOfPackage).allSatisfy((pkg, modules) -> assertThat(modules).hasSize(1));
  }

  /** The jar or classes directory a class was loaded from, without the class's own path. */
  private static String moduleOf(JavaClass type) {
    String uri = type.getSource().orElseThrow().getUri().toString();
    int inside = uri.indexOf("!/");
    return inside >= 0 ? uri.substring(0, inside) : uri.substring(0, uri.indexOf("/classes/"));
  }

  @Test
  void controllersRunNoSql() {
    ModuleRules.controllersRunNoSql().check(application);
  }

  @Test
  void theApiModuleRunsNoSql() {
    ModuleRules.edgeRunsNoSql().check(edge);
  }

  @Test
  void theOnCallModuleDependsOnNoOtherModule() {
    ModuleRules.onCallDependsOnNoOtherModule().check(application);
  }

  @Test
  void onCallDomainsHaveNoCycles() {
    ModuleRules.onCallDomainsHaveNoCycles().check(application);
  }

  @Test
  void workflowCodeDoesNotReachIntoOnCall() {
    ModuleRules.workflowsDoNotReachIntoOnCall("dev.vigil..").check(incidentWorkflows);
    ModuleRules.workflowsDoNotReachIntoOnCall(
            "dev.vigil.billing.cycle..", "dev.vigil.billing.invoice..")
        .check(application);
  }

  @Test
  void theRulesCatchViolations() {
    JavaClasses fixture =
        new ClassFileImporter()
            .importClasses(
                ControllerRunningSql.class, WorkflowReadingOnCall.class, EdgeStoreRunningSql.class);

    EvaluationResult sql = ModuleRules.controllersRunNoSql().evaluate(fixture);
    EvaluationResult edgeSql = ModuleRules.edgeRunsNoSql().evaluate(fixture);
    EvaluationResult workflows =
        ModuleRules.workflowsDoNotReachIntoOnCall("dev.vigil.architecture..").evaluate(fixture);

    assertThat(sql.getFailureReport().getDetails())
        .anyMatch(d -> d.contains(ControllerRunningSql.class.getName()) && d.contains("JdbcClient"))
        .anyMatch(d -> d.contains("java.sql.Connection"));
    // Not a controller, still an edge class with a query: caught by the API module's rule.
    assertThat(edgeSql.getFailureReport().getDetails())
        .anyMatch(d -> d.contains(EdgeStoreRunningSql.class.getName()) && d.contains("JdbcClient"));
    assertThat(sql.getFailureReport().getDetails())
        .noneMatch(d -> d.contains(EdgeStoreRunningSql.class.getName()));
    assertThat(workflows.getFailureReport().getDetails())
        .anyMatch(
            d -> d.contains(WorkflowReadingOnCall.class.getName()) && d.contains("ScheduleStore"));
  }

  /** Breaks the controller rule: runs SQL itself. */
  @RestController
  static class ControllerRunningSql {
    private final JdbcClient jdbc;

    ControllerRunningSql(JdbcClient jdbc) {
      this.jdbc = jdbc;
    }

    @GetMapping("/count")
    long count(Connection unused) {
      return jdbc.sql("select count(*) from users").query(Long.class).single();
    }
  }

  /** Breaks the API module's rule: a store of its own beside the controllers. */
  @Component
  static class EdgeStoreRunningSql {
    private final JdbcClient jdbc;

    EdgeStoreRunningSql(JdbcClient jdbc) {
      this.jdbc = jdbc;
    }

    long tokens() {
      return jdbc.sql("select count(*) from api_tokens").query(Long.class).single();
    }
  }

  /** Breaks the workflow rule: reads a schedule from its store. */
  static class WorkflowReadingOnCall {
    Object read(ScheduleStore store) {
      return store.find(1, 1);
    }
  }
}
