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

    @Test
    void viewModelsTouchNoNodes() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "org.controlsfx..")
                .check(classes);
    }

    @Test
    void onlyUiSupportHandsWorkToTheFxThread() {
        noClasses().that().resideOutsideOfPackage("ai.flatkey.migrate.ui.support..")
                .should().callMethod(javafx.application.Platform.class, "runLater", Runnable.class)
                .check(classes);
    }

    @Test
    void stepsDoNotReachIntoEachOther() {
        slices().matching("ai.flatkey.migrate.ui.step.(*)..").should().notDependOnEachOther().check(classes);
    }

    @Test
    void scanAndUsageDependOnlyOnThePlanAndTheWire() {
        noClasses().that().resideInAnyPackage("ai.flatkey.migrate.scan..", "ai.flatkey.migrate.usage..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "ai.flatkey.migrate.demo..", "ai.flatkey.migrate.smoke..", "ai.flatkey.migrate.export..",
                        "ai.flatkey.migrate.secrets..", "ai.flatkey.migrate.cli..", "ai.flatkey.migrate.ui..")
                .check(classes);
        noClasses().that().resideInAPackage("ai.flatkey.migrate.scan..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.flatkey.migrate.usage..")
                .check(classes);
    }

    @Test
    void onlyTheWireAndTheCompositionRootsTouchTheHttpLibrary() {
        noClasses().that().resideOutsideOfPackage("ai.flatkey.migrate.wire..")
                .and().doNotHaveFullyQualifiedName("ai.flatkey.migrate.ui.AppContext")
                .and().doNotHaveFullyQualifiedName("ai.flatkey.migrate.Main")
                .and().resideOutsideOfPackage("ai.flatkey.migrate.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "okio..")
                .check(classes);
    }

    @Test
    void uiClassesWithoutJavaFxAreAdaptersNotDomainLogic() {
        // ui's non-JavaFX classes are the seams a face needs (services, documents, support) or a step's section types;
        // behaviour written there would be a second copy of the core's
        noClasses().that().resideInAPackage("ai.flatkey.migrate.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "com.google.gson..")
                .check(classes);
    }
}
