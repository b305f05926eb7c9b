package ai.flatkey.migrate.ui.step.checklist;

import ai.flatkey.migrate.export.Exporter;
import ai.flatkey.migrate.ui.FakeFileDialogs;
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

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static ai.flatkey.migrate.ui.step.checklist.ChecklistViewModelTest.names;
import static ai.flatkey.migrate.ui.step.checklist.ChecklistViewModelTest.reviewedDemoPlan;
import static org.assertj.core.api.Assertions.assertThat;

/** Step 7's exports driven by a robot on the FX thread (the ViewModel on a test bridge: {@link ChecklistViewModelTest}). */
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

    @Test
    void theViewExportsEveryFormatFromOneButton() throws Exception {
        FxToolkit.registerPrimaryStage();
        fx = true;
        Path out = tmp.resolve("all");
        FakeFileDialogs files = new FakeFileDialogs().answer(out);
        PlanDocument doc = new PlanDocument(reviewedDemoPlan());
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
