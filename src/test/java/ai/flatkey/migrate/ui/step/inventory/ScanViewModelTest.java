package ai.flatkey.migrate.ui.step.inventory;

import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.ModelMapping;
import ai.flatkey.migrate.scan.Scanner;
import ai.flatkey.migrate.ui.FakeFileDialogs;
import ai.flatkey.migrate.ui.QueueBridge;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.NamedThreadFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** The scan ViewModel without a window: the test thread plays the UI thread. */
class ScanViewModelTest {

    static final Path SAMPLE = Path.of("assets/sample-projects/support-bot");

    private final ExecutorService exec = Executors.newCachedThreadPool(new NamedThreadFactory("test-bg"));
    private final QueueBridge ui = new QueueBridge();
    private final PlanDocument doc = new PlanDocument(MigrationPlan.newPlan("t"));
    private final FakeFileDialogs files = new FakeFileDialogs();
    private final ScanViewModel vm = new ScanViewModel(doc, files, new Background(exec, ui), new Scanner(new NamedThreadFactory("scan-test")));

    @TempDir
    Path tmp;

    @AfterEach
    void stop() {
        exec.shutdownNow();
    }

    @Test
    void scanProposesAndApplyFillsThePlanWithoutWipingEdits() throws Exception {
        files.answer(SAMPLE);
        vm.chooseAndScan();
        assertThat(vm.runningProperty().get()).isTrue();
        ui.runUntil(() -> !vm.runningProperty().get());
        assertThat(vm.statusProperty().get()).contains("findings").contains("risks");
        assertThat(vm.filesVisitedProperty().get()).isGreaterThanOrEqualTo(4);
        assertThat(vm.findings().get(0).kind().isRisk()).isTrue();
        assertThat(vm.proposals()).anySatisfy(r -> {
            assertThat(r.proposal().id()).isEqualTo("baseUrl");
            assertThat(r.evidence).contains(".env:2").contains("bot.py:9");
            assertThat(r.effect.get()).isEqualTo("fills an empty field");
        });
        vm.proposals().stream().filter(r -> r.proposal().id().equals("param:maxTokens")).forEach(r -> r.accepted.set(false));
        int revision = doc.revisionProperty().get();
        assertThat(vm.applyAccepted()).isGreaterThan(8);
        assertThat(doc.revisionProperty().get()).isEqualTo(revision + 1);
        assertThat(doc.isDirty()).isTrue();
        MigrationPlan p = doc.plan();
        assertThat(p.inventory().sdk()).isEqualTo("Python openai");
        assertThat(p.inventory().productionModel()).isEqualTo("gpt-4o-mini");
        assertThat(p.inventory().parameters().stream()).isTrue();
        assertThat(p.inventory().parameters().maxTokens()).isNull();
        assertThat(p.mappings()).extracting(ModelMapping::sourceModel).containsExactlyInAnyOrder("gpt-4o-mini", "gpt-4o");

        // the person edits, then scans again: the edit survives
        doc.edit(x -> x.withInventory(new ai.flatkey.migrate.plan.Inventory("My SDK", x.inventory().endpoints(), x.inventory().currentBaseUrl(),
                "gpt-4.1", x.inventory().fallbackModels(), x.inventory().messageShape(), x.inventory().parameters(), "", "")));
        vm.scan(SAMPLE);
        ui.runUntil(() -> !vm.runningProperty().get());
        assertThat(vm.proposals()).anySatisfy(r -> {
            assertThat(r.proposal().id()).isEqualTo("sdk");
            assertThat(r.effect.get()).isEqualTo("plan keeps: My SDK");
        });
        vm.applyAccepted();
        assertThat(doc.plan().inventory().sdk()).isEqualTo("My SDK");
        assertThat(doc.plan().inventory().productionModel()).isEqualTo("gpt-4.1");
        assertThat(vm.statusProperty().get()).contains("kept");
    }

    @Test
    void cancelLeavesThePlanAlone() throws Exception {
        for (int i = 0; i < 2000; i++) {
            Path f = tmp.resolve("d" + (i % 40)).resolve("f" + i + ".py");
            Files.createDirectories(f.getParent());
            Files.writeString(f, "from openai import OpenAI\nOpenAI().chat.completions.create(model=\"gpt-4o\")\n");
        }
        MigrationPlan before = doc.plan();
        vm.scan(tmp);
        vm.cancel();
        ui.runUntil(() -> !vm.runningProperty().get());
        assertThat(vm.statusProperty().get()).matches("Scan cancelled after \\d+ files; the plan was not changed\\.");
        assertThat(doc.plan()).isEqualTo(before);
    }

    @Test
    void aMissingFolderIsExplained() throws Exception {
        vm.scan(tmp.resolve("gone"));
        ui.runUntil(() -> !vm.runningProperty().get());
        assertThat(vm.statusProperty().get()).startsWith("Could not scan").contains("does not exist");
        assertThat(vm.proposals()).isEmpty();
        vm.chooseAndScan();
        assertThat(vm.runningProperty().get()).isFalse();
    }

    @Test
    void openingAnotherPlanClearsTheLastScansResultsAndMessage() throws Exception {
        vm.scan(SAMPLE);
        ui.runUntil(() -> !vm.runningProperty().get());
        vm.applyAccepted();
        assertThat(vm.statusProperty().get()).startsWith("Filled ");
        assertThat(vm.hasResultsProperty().get()).isTrue();

        doc.replace(MigrationPlan.newPlan("other"), null);
        assertThat(vm.statusProperty().get()).isEmpty();
        assertThat(vm.proposals()).isEmpty();
        assertThat(vm.findings()).isEmpty();
        assertThat(vm.hasResultsProperty().get()).isFalse();
        assertThat(vm.applyAccepted()).isZero();
        assertThat(doc.plan().inventory().sdk()).isEmpty();
    }

    @Test
    void openingAnotherPlanDropsARunningScan() throws Exception {
        vm.scan(SAMPLE);
        assertThat(vm.runningProperty().get()).isTrue();
        doc.replace(MigrationPlan.newPlan("other"), null);
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.statusProperty().get()).isEmpty();
        assertThat(ui.registeredFlushes()).isZero();

        // the dropped scan's result never reaches the new plan's card
        exec.shutdown();
        assertThat(exec.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        int[] frames = {0};
        ui.runUntil(() -> ++frames[0] > 10); // drains whatever the dropped task posted
        assertThat(vm.proposals()).isEmpty();
        assertThat(vm.findings()).isEmpty();
        assertThat(vm.statusProperty().get()).isEmpty();
        assertThat(vm.filesVisitedProperty().get()).isZero();
    }

    @Test
    void aSecondScanCanStartAfterADroppedOne() throws Exception {
        vm.scan(SAMPLE);
        doc.replace(MigrationPlan.newPlan("other"), null);
        vm.scan(SAMPLE);
        assertThat(vm.runningProperty().get()).isTrue();
        ui.runUntil(() -> !vm.runningProperty().get());
        assertThat(vm.statusProperty().get()).contains("findings");
    }
}
