package dev.vigil.billing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.vigil.billing.cycle.BillingCycleWorkflowImpl;
import dev.vigil.billing.invoice.InvoiceWorkflowImpl;
import dev.vigil.determinism.DeterminismRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The billing workflows share a module with their activities, so the line between them is kept by
 * rule: the workflow packages are deterministic and reach the ledger, Stripe and mail only through
 * activity interfaces.
 */
class BillingWorkflowDeterminismArchTest {

  private static final String[] WORKFLOW_PACKAGES = {
    "dev.vigil.billing.cycle..", "dev.vigil.billing.invoice.."
  };

  private static JavaClasses billing;

  @BeforeAll
  static void importTheModule() {
    billing =
        new ClassFileImporter()
            .withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages("dev.vigil.billing");
  }

  @Test
  void theRulesSeeTheWorkflowCode() {
    assertThat(billing.contain(BillingCycleWorkflowImpl.class)).isTrue();
    assertThat(billing.contain(InvoiceWorkflowImpl.class)).isTrue();
  }

  @Test
  void workflowCodeDoesNoIoNoConcurrencyNoRandomness() {
    DeterminismRules.noIoConcurrencyOrRandomness(WORKFLOW_PACKAGES).check(billing);
  }

  @Test
  void workflowCodeNeverReadsTheWallClockNorSleepsTheThread() {
    DeterminismRules.noWallClockOrThreadSleep(WORKFLOW_PACKAGES).check(billing);
  }

  @Test
  void workflowCodeReachesSideEffectsOnlyThroughActivities() {
    noClasses()
        .that()
        .resideInAnyPackage(WORKFLOW_PACKAGES)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "com.stripe..",
            "jakarta.mail..",
            "dev.vigil.billing.ledger..",
            "dev.vigil.billing.stripe..",
            "dev.vigil.billing.document..",
            "dev.vigil.billing.mail..")
        .because("workflow code is replayed; side effects belong in activities")
        .check(billing);
  }
}
