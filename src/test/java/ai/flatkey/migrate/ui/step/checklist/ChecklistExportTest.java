package ai.flatkey.migrate.ui.step.checklist;

import ai.flatkey.migrate.ui.support.Tone;
import ai.flatkey.migrate.export.Exporter;
import ai.flatkey.migrate.export.Format;
import ai.flatkey.migrate.plan.CheckResult;
import ai.flatkey.migrate.plan.MigrationPlan;
import ai.flatkey.migrate.plan.PlanStore;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.plan.Verdict;
import ai.flatkey.migrate.ui.FakeFileDialogs;
import ai.flatkey.migrate.ui.QueueBridge;
import ai.flatkey.migrate.ui.Screenshots;
import ai.flatkey.migrate.ui.doc.PlanDocument;
import ai.flatkey.migrate.ui.support.Background;
import ai.flatkey.migrate.ui.support.FxUiBridge;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Step 7's exports: ViewModel on a test bridge, and the view driven by a robot on the FX thread. */
@ExtendWith(Screenshots.class)
class ChecklistExportTest {
    @TempDir
    Path tmp;

    private final ExecutorService exec = Executors.newSingleThreadExecutor();
    private final Exporter exporter = new Exporter(Clock.fixed(Instant.parse("2026-11-25T10:30:00Z"), ZoneOffset.UTC), "test");

    private boolean fx;

    @AfterEach
    void stop() throws Exception {
        exec.shutdownNow();
        if (fx) {
            FxToolkit.cleanupStages();
        }
    }

    static MigrationPlan plan() throws Exception {
        MigrationPlan demo = new PlanStore().sample("demo");
        CheckResult r = new CheckResult("chat:gpt-5.5", "chat", "gpt-5.5", Verdict.PASS, "", "ok", "req_1", 120L, 480L, 5, 7, 12,
                "Routed.", "");
        return demo.withSmokeRunAdded(new SmokeRun("2026-11-25T09:30:00Z", "http://127.0.0.1:1/v1", List.of(r)), 10);
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void exportAllWritesEveryFormatOffTheUiThreadAndListsTheFiles() throws Exception {
        QueueBridge ui = new QueueBridge();
        PlanDocument doc = new PlanDocument(plan());
        Path out = tmp.resolve("review");
        FakeFileDialogs files = new FakeFileDialogs().answer(out);
        ChecklistViewModel vm = new ChecklistViewModel(doc, p -> "# " + p.name() + "\n", exporter, files, new Background(exec, ui));
        vm.exportAll();
        assertThat(vm.exportingProperty().get()).isTrue();
        ui.runUntil(() -> !vm.exportingProperty().get());
        assertThat(vm.exportToneProperty().get()).isEqualTo(Tone.SUCCESS);
        assertThat(vm.exportMessageProperty().get()).isEqualTo("Exported 12 files into " + out.toAbsolutePath() + ". No key values are included.");
        assertThat(vm.writtenFiles()).hasSize(12);
        assertThat(names(out)).hasSize(12).contains("demo-support-bot-to-flatkey-checklist.pdf");
        assertThat(vm.writtenFiles().get(0).toString()).matches("demo-support-bot-to-flatkey-checklist\\.md {2}\\(.+\\)");

        assertThat(vm.writtenFiles()).extracting(ChecklistViewModel.Written::name)
                .contains("demo-support-bot-to-flatkey-snippets/README.md");
        doc.replace(MigrationPlan.newPlan("Another"), null);
        assertThat(vm.writtenFiles()).isEmpty();
        assertThat(vm.exportMessageProperty().get()).isEmpty();
    }

    @Test
    void oneFormatGoesToTheChosenFileOrFolder() throws Exception {
        QueueBridge ui = new QueueBridge();
        PlanDocument doc = new PlanDocument(plan());
        Path pdf = tmp.resolve("x/review.pdf");
        Path envDir = tmp.resolve("env");
        FakeFileDialogs files = new FakeFileDialogs().answer(pdf).answer(envDir);
        ChecklistViewModel vm = new ChecklistViewModel(doc, p -> "", exporter, files, new Background(exec, ui));
        vm.export(Format.PDF);
        ui.runUntil(() -> !vm.exportingProperty().get());
        assertThat(Files.readAllBytes(pdf)).startsWith("%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(vm.exportMessageProperty().get()).startsWith("Exported the PDF report to " + pdf.toAbsolutePath());
        vm.export(Format.ENV);
        ui.runUntil(() -> !vm.exportingProperty().get());
        assertThat(names(envDir)).containsExactly("demo-support-bot-to-flatkey-flatkey.env", "demo-support-bot-to-flatkey-rollback.env");
        assertThat(vm.writtenFiles()).hasSize(2);
        assertThat(files.asked()).isEqualTo(2);
        vm.export(Format.JSON);
        assertThat(vm.exportingProperty().get()).as("cancelled dialog: nothing starts").isFalse();
    }

    @Test
    void aFolderThatCannotBeWrittenIsAPlainMessage() throws Exception {
        QueueBridge ui = new QueueBridge();
        Path blocker = Files.writeString(tmp.resolve("blocker"), "x");
        ChecklistViewModel vm = new ChecklistViewModel(new PlanDocument(plan()), p -> "", exporter,
                new FakeFileDialogs().answer(blocker), new Background(exec, ui));
        vm.exportAll();
        ui.runUntil(() -> !vm.exportingProperty().get());
        assertThat(vm.exportToneProperty().get()).isEqualTo(Tone.DANGER);
        assertThat(vm.exportMessageProperty().get()).startsWith("Could not export every format to " + blocker)
                .contains("it is a file, not a folder").endsWith("Files already there were left as they were.");
        assertThat(vm.writtenFiles()).isEmpty();
    }

    @Test
    void theViewExportsEveryFormatFromOneButton() throws Exception {
        FxToolkit.registerPrimaryStage();
        fx = true;
        Path out = tmp.resolve("all");
        FakeFileDialogs files = new FakeFileDialogs().answer(out);
        PlanDocument doc = new PlanDocument(plan());
        ChecklistViewModel vm = new ChecklistViewModel(doc, ai.flatkey.migrate.export.ChecklistMarkdown::render, exporter, files,
                new Background(exec, new FxUiBridge()));
        Stage stage = FxToolkit.setupStage(s -> {
            Scene scene = new Scene((javafx.scene.Parent) new ChecklistView(vm).root(), 1100, 760);
            scene.getStylesheets().add(Objects.requireNonNull(ai.flatkey.migrate.ui.WizardWindow.class.getResource("wizard.css")).toExternalForm());
            s.setScene(scene);
            s.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        FxRobot robot = new FxRobot();
        assertThat(robot.lookup("#export-markdown").tryQuery()).isPresent();
        assertThat(robot.lookup("#export-pdf").tryQuery()).isPresent();
        robot.clickOn("#export-all");
        Label msg = robot.lookup("#export-message").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                () -> msg.getText().startsWith("Exported") && robot.lookup("#export-written").queryAs(ListView.class).isVisible()).get());
        assertThat(msg.getText()).startsWith("Exported 12 files into");
        assertThat(robot.lookup("#export-written").queryAs(ListView.class).getItems()).hasSize(12);
        assertThat(names(out)).hasSize(12);
        WaitForAsyncUtils.asyncFx(() -> robot.lookup("#step-checklist").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(0))
                .get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(stage.getScene(), "07-checklist-export-all");
    }
}
