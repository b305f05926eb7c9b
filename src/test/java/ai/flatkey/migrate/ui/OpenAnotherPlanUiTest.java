package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.plan.Rollback;
import ai.flatkey.migrate.ui.components.StepView;
import javafx.geometry.VerticalDirection;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static ai.flatkey.migrate.ui.FxWait.fx;
import static ai.flatkey.migrate.ui.FxWait.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22, state that is not the plan's: after opening another plan no step shows what it said about the last one
 * (scan results and "Filled N values", the prices message, the run summary, the log look-up), every step page starts
 * at its top, and error notifications do not follow the person from one step to the next.
 */
@ExtendWith(Screenshots.class)
class OpenAnotherPlanUiTest {

    private static final Path SAMPLE = Path.of("assets/sample-projects/support-bot");

    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private AppContext ctx;
    private FakeFileDialogs files;
    private Stage stage;

    @BeforeEach
    void open() throws Exception {
        files = new FakeFileDialogs();
        ctx = WizardFixture.context(tmp, files).build();
        stage = WizardFixture.show(ctx);
        robot.clickOn("#start-demo");
        waitFor(() -> ctx.document().plan().target().baseUrl().startsWith("http://127.0.0.1:"));
    }

    @AfterEach
    void close() throws Exception {
        WizardFixture.close(ctx);
    }

    @Test
    void anotherPlanStartsEveryStepAfreshAtItsTop() throws Exception {
        // 1: scan the sample project and apply what it found
        shortcut(KeyCode.DIGIT1);
        files.answer(SAMPLE.toAbsolutePath());
        Reveal.reveal(robot, "#scan-choose");
        robot.clickOn("#scan-choose");
        waitFor(() -> !ctx.scan().runningProperty().get() && !ctx.scan().proposals().isEmpty());
        Reveal.reveal(robot, "#scan-apply");
        robot.clickOn("#scan-apply");
        waitFor(() -> ctx.scan().statusProperty().get().startsWith("Filled"));
        scrollDown("#step-inventory");
        // 3: load the gateway's prices
        shortcut(KeyCode.DIGIT3);
        Reveal.reveal(robot, "#mapping-prices");
        robot.clickOn("#mapping-prices");
        waitFor(() -> !ctx.mapping().messageProperty().get().isEmpty());
        scrollDown("#step-mapping");
        // 4: run the suite; 5: look the requests up again
        shortcut(KeyCode.DIGIT4);
        robot.clickOn("#smoke-run");
        waitFor(() -> !ctx.smoke().runningProperty().get() && !ctx.smoke().reconcilingProperty().get()
                && ctx.document().plan().latestRun().isPresent());
        scrollDown("#step-smoke");
        shortcut(KeyCode.DIGIT5);
        Reveal.reveal(robot, "#verify-recheck");
        robot.clickOn("#verify-recheck");
        waitFor(() -> label("#verify-recheck-message").startsWith("Looked again"));
        scrollDown("#step-verify");
        shortcut(KeyCode.DIGIT6);
        scrollDown("#step-rollout");
        assertThat(scrolled()).as("pages scrolled down before").containsValue(true);

        // File ▸ New, without saving the demo's changes
        robot.press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        waitFor(() -> robot.lookup("Don't save").tryQuery().isPresent());
        robot.clickOn("Don't save");
        waitFor(() -> ctx.document().plan().name().equals("Untitled migration"));
        WaitForAsyncUtils.waitForFxEvents();

        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(scrolled()).as("step pages still scrolled down").doesNotContainValue(true);
            soft.assertThat(fx(() -> ctx.scan().proposals().size())).as("scan proposals").isZero();
            soft.assertThat(fx(() -> ctx.scan().statusProperty().get())).as("scan message").isEmpty();
            soft.assertThat(fx(() -> ctx.mapping().messageProperty().get())).as("step 3's message").isEmpty();
            soft.assertThat(fx(() -> ctx.verify().recheckMessageProperty().get())).as("step 5's look-up message").isEmpty();
            soft.assertThat(fx(() -> ctx.smoke().summaryProperty().get())).as("step 4's summary").startsWith("No run yet");
        });
        shortcut(KeyCode.DIGIT3);
        assertThat(fx(() -> robot.lookup("#mapping-message").query().isVisible())).isFalse();
        Screenshots.save(stage.getScene(), "another-plan-mapping");
    }

    @Test
    void anErrorNotificationGoesWhenTheStepChanges() throws Exception {
        shortcut(KeyCode.DIGIT6);
        // a rollback that does not answer: a port nothing listens on, with the demo's key
        fx(() -> {
            ctx.document().edit(p -> p.withRollback(new Rollback("http://127.0.0.1:9/v1", "gpt-4o-mini", "demo", "")));
            return true;
        });
        Reveal.reveal(robot, "#rollback-prove");
        robot.clickOn("#rollback-prove");
        waitFor(() -> !ctx.notifier().notices().isEmpty());
        assertThat(fx(() -> robot.lookup(".toast").queryAll().size())).isEqualTo(1);
        Screenshots.save(stage.getScene(), "toast-on-its-step");
        shortcut(KeyCode.DIGIT7);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ctx.notifier().notices()).isEmpty();
        assertThat(fx(() -> robot.lookup(".toast").queryAll().size())).isZero();
    }

    /** Each built step page: whether it is scrolled away from its top. */
    private Map<String, Boolean> scrolled() {
        return fx(() -> {
            Map<String, Boolean> m = new TreeMap<>();
            for (StepView v : ctx.builtStepViews()) {
                if (v.root() instanceof ScrollPane sp) {
                    m.put(sp.getId(), sp.getVvalue() > sp.getVmin());
                }
            }
            return m;
        });
    }

    private void scrollDown(String page) {
        robot.moveTo(page).scroll(15, VerticalDirection.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void shortcut(KeyCode key) {
        robot.press(KeyCode.CONTROL, key).release(key, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String label(String query) {
        return fx(() -> robot.lookup(query).queryLabeled().getText());
    }
}
