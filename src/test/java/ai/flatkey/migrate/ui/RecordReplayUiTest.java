package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.demo.DemoConfig;
import ai.flatkey.migrate.demo.DemoGateway;
import ai.flatkey.migrate.plan.SmokeRun;
import ai.flatkey.migrate.ui.services.EmbeddedDemoHost;
import ai.flatkey.migrate.ui.theme.ThemeMode;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static ai.flatkey.migrate.ui.FxWait.fx;
import static ai.flatkey.migrate.ui.FxWait.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Record, shadow and replay in the wizard against the embedded demo gateway: the app's calls (sent by this test with a
 * fake sk-test key) go through the proxy and appear in the Inventory step's table; the file holds no key; the smoke
 * step replays it with every call passing. Saves {@code 01c-record-…}, {@code 01d-shadow-…} and {@code 04e-replay-…}
 * in the light and the dark theme.
 */
@ExtendWith(Screenshots.class)
class RecordReplayUiTest {

    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private AppContext ctx;
    private FakeFileDialogs files;
    private Stage stage;

    @BeforeEach
    void open() throws Exception {
        files = new FakeFileDialogs();
        Set<String> accepted = new HashSet<>(DemoGateway.DEMO_KEYS);
        accepted.add(RecordReplayViewModelTest.APP_KEY);
        ctx = WizardFixture.context(tmp, files)
                .demoHost(new EmbeddedDemoHost(DemoConfig.defaults().withTokensPerSecond(0).withKeys(accepted)))
                .build();
        stage = WizardFixture.show(ctx);
    }

    @AfterEach
    void close() throws Exception {
        WizardFixture.close(ctx);
    }

    @Test
    void recordTheAppsCallsThenReplayThemFromTheSmokeStep() throws Exception {
        Scene scene = stage.getScene();
        robot.clickOn("#start-demo");
        waitFor(() -> ctx.document().plan().target().baseUrl().startsWith("http://127.0.0.1:"));
        String demo = ctx.document().plan().target().baseUrl();
        key(KeyCode.DIGIT1);

        // record: the demo gateway stands for the current provider
        Path file = tmp.resolve("support-bot.jsonl");
        fx(() -> {
            robot.lookup("#record-upstream").queryTextInputControl().setText(demo);
            return true;
        });
        files.answer(file);
        Reveal.reveal(robot, "#record-choose-output");
        robot.clickOn("#record-choose-output");
        assertThat(ctx.recording().outputFile.get()).isEqualTo(file.toString());
        robot.clickOn("#record-start");
        waitFor(() -> ctx.recording().recordingProperty().get());
        String proxy = fx(() -> robot.lookup("#record-base-url").queryTextInputControl().getText());
        assertThat(proxy).startsWith("http://127.0.0.1:").endsWith("/v1");
        assertThat(RecordReplayViewModelTest.send(proxy, RecordReplayViewModelTest.PLAIN)).isEqualTo(200);
        assertThat(RecordReplayViewModelTest.send(proxy, RecordReplayViewModelTest.STREAM)).isEqualTo(200);
        assertThat(RecordReplayViewModelTest.send(proxy, RecordReplayViewModelTest.COSTLY)).isEqualTo(200);
        waitFor(() -> fx(() -> robot.lookup("#record-calls").queryAs(TableView.class).getItems().size() == 3
                && ctx.recording().calls().stream().noneMatch(r -> r.time().isEmpty())));
        robot.clickOn("#record-copy-base-url");
        assertThat(fx(() -> robot.lookup("#record-copy-base-url").queryAs(Button.class).getText())).isEqualTo("Copied");
        Reveal.reveal(robot, "#record-card");
        both(scene, "01c-record-live");

        robot.clickOn("#record-stop");
        waitFor(() -> !ctx.recording().recordingProperty().get() && !ctx.recording().busyProperty().get());
        assertThat(Files.readString(file)).contains("gpt-4o-mini").doesNotContain("sk-test-");
        robot.clickOn("#record-use");
        waitFor(() -> !ctx.recording().proposals().isEmpty());
        Reveal.reveal(robot, "#record-use");
        both(scene, "01c-record-inventory");

        shadow(scene, demo);
        replay(scene, file);
    }

    /** A second recording with the shadow on: the demo target answers each mirror with the same structure. */
    private void shadow(Scene scene, String demo) throws Exception {
        fx(() -> {
            ctx.recording().outputFile.set(tmp.resolve("shadowed.jsonl").toString());
            return true;
        });
        robot.clickOn("#record-shadow");
        robot.clickOn("#record-start");
        waitFor(() -> ctx.recording().recordingProperty().get());
        String proxy = ctx.recording().baseUrlProperty().get();
        RecordReplayViewModelTest.send(proxy, RecordReplayViewModelTest.PLAIN);
        RecordReplayViewModelTest.send(proxy, RecordReplayViewModelTest.STREAM);
        waitFor(() -> fx(() -> ctx.recording().shadowSummaryProperty().get().contains("2 mirrored")));
        assertThat(fx(() -> ctx.recording().shadowSummaryProperty().get())).contains("2 agreed, 0 differed");
        Reveal.reveal(robot, "#record-card");
        both(scene, "01d-shadow-live");
        robot.clickOn("#record-stop");
        waitFor(() -> !ctx.recording().recordingProperty().get() && !ctx.recording().busyProperty().get());
    }

    /** The first recording replayed from the smoke step: selection and estimate, then every call passing. */
    private void replay(Scene scene, Path file) throws Exception {
        key(KeyCode.DIGIT4);
        waitFor(() -> ctx.wizard().currentProperty().get() == Step.SMOKE);
        files.answer(file);
        robot.clickOn("#replay-choose");
        waitFor(() -> ctx.replay().readyProperty().get());
        assertThat(fx(() -> ctx.replay().selectionProperty().get())).startsWith("3 recorded calls, 3 distinct; 2 will be sent");
        assertThat(fx(() -> ctx.replay().costly())).hasSize(1);
        both(scene, "04e-replay-selection");
        robot.clickOn("#replay-run");
        waitFor(() -> !ctx.smoke().runningProperty().get() && ctx.document().plan().latestRun().isPresent());
        SmokeRun run = ctx.document().plan().latestRun().orElseThrow();
        assertThat(run.allPassed()).as(run.toString()).isTrue();
        assertThat(run.results()).hasSize(2).allSatisfy(r -> assertThat(r.checkId()).startsWith("request:replay-"));
        assertThat(fx(() -> ctx.smoke().summaryProperty().get())).startsWith("All 2 replayed calls passed");
        both(scene, "04e-replay-passed");
        Reveal.reveal(robot, "#smoke-table");
        both(scene, "04e-replay-table");
    }

    private void both(Scene scene, String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(scene, name + "-light");
        fx(() -> {
            ctx.wizard().setThemeMode(ThemeMode.DARK);
            return true;
        });
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(scene, name + "-dark");
        fx(() -> {
            ctx.wizard().setThemeMode(ThemeMode.LIGHT);
            return true;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void key(KeyCode digit) {
        robot.press(KeyCode.CONTROL, digit).release(digit, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
