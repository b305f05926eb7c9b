package ai.flatkey.migrate;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** DESIGN.md §2 rules, enforced on the production classes. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("ai.flatkey.migrate");
    }

    @Test
    void onlyUiUsesJavaFx() {
        noClasses().that().resideOutsideOfPackage("ai.flatkey.migrate.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .check(classes);
    }

    @Test
    void packagesFormNoCycles() {
        slices().matching("ai.flatkey.migrate.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void planDependsOnNothingElseInTheApp() {
        noClasses().that().resideInAPackage("ai.flatkey.migrate.plan..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "ai.flatkey.migrate.wire..", "ai.flatkey.migrate.demo..", "ai.flatkey.migrate.smoke..",
                        "ai.flatkey.migrate.export..", "ai.flatkey.migrate.secrets..", "ai.flatkey.migrate.cli..",
                        "ai.flatkey.migrate.ui..", "okhttp3..")
                .check(classes);
    }

    @Test
    void demoGatewaySharesNoCodeWithTheClient() {
        noClasses().that().resideInAPackage("ai.flatkey.migrate.demo..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "ai.flatkey.migrate.wire..", "ai.flatkey.migrate.smoke..", "ai.flatkey.migrate.plan..", "okhttp3..")
                .check(classes);
        noClasses().that().resideInAnyPackage("ai.flatkey.migrate.wire..", "ai.flatkey.migrate.smoke..")
                .should().dependOnClassesThat().resideInAPackage("ai.flatkey.migrate.demo..")
                .check(classes);
    }

    @Test
    void coreNeverReachesIntoUiOrCli() {
        noClasses().that().resideOutsideOfPackages("ai.flatkey.migrate.ui..", "ai.flatkey.migrate")
                .should().dependOnClassesThat().resideInAPackage("ai.flatkey.migrate.ui..")
                .check(classes);
        noClasses().that().resideOutsideOfPackages("ai.flatkey.migrate.cli..", "ai.flatkey.migrate")
                .should().dependOnClassesThat().resideInAPackage("ai.flatkey.migrate.cli..")
                .check(classes);
    }
}
