package ai.flatkey.migrate.ui;

import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static ai.flatkey.migrate.ui.FxWait.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 22: file dialogs opened in the home folder instead of the one last used. */
@ExtendWith(Screenshots.class)
class LastFolderUiTest {

    private static final Path SAMPLE = Path.of("assets/sample-projects/support-bot");

    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private AppContext ctx;

    @AfterEach
    void close() throws Exception {
        WizardFixture.close(ctx);
    }

    @Test
    void eachFileDialogOpensInTheFolderLastUsed() throws Exception {
        FakeFileDialogs files = new FakeFileDialogs();
        ctx = WizardFixture.context(tmp, files).build();
        WizardFixture.show(ctx);
        robot.clickOn("#start-demo");
        waitFor(() -> ctx.document().plan().target().baseUrl().startsWith("http://127.0.0.1:"));

        // export the mapping as CSV into a folder of the person's choosing
        Path exports = Files.createDirectories(tmp.resolve("exports")).toAbsolutePath();
        shortcut(KeyCode.DIGIT3);
        files.answer(exports.resolve("model-mapping.csv"));
        Reveal.reveal(robot, "#mapping-export");
        robot.clickOn("#mapping-export");
        waitFor(() -> Files.exists(exports.resolve("model-mapping.csv")));
        // the checklist export's dialog opens there, not in the home folder
        shortcut(KeyCode.DIGIT7);
        files.answer(exports.resolve("checklist.md"));
        Reveal.reveal(robot, "#export-markdown");
        robot.clickOn("#export-markdown");
        waitFor(() -> Files.exists(exports.resolve("checklist.md")));
        // and so does the folder chooser of the scan, which then remembers the project folder
        shortcut(KeyCode.DIGIT1);
        files.answer(SAMPLE.toAbsolutePath());
        Reveal.reveal(robot, "#scan-choose");
        robot.clickOn("#scan-choose");
        waitFor(() -> !ctx.scan().runningProperty().get() && !ctx.scan().proposals().isEmpty());
        shortcut(KeyCode.DIGIT3);
        Reveal.reveal(robot, "#mapping-import");
        robot.clickOn("#mapping-import");

        List<Path> dirs = files.suggestedDirs();
        assertThat(dirs).hasSize(4);
        assertThat(dirs.get(1)).as("checklist export").isEqualTo(exports);
        assertThat(dirs.get(2)).as("scan folder").isEqualTo(exports);
        assertThat(dirs.get(3)).as("CSV import, after the scan").isEqualTo(SAMPLE.toAbsolutePath());
    }

    private void shortcut(KeyCode key) {
        robot.press(KeyCode.CONTROL, key).release(key, KeyCode.CONTROL);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }
}
