package ai.flatkey.migrate.ui;

import ai.flatkey.migrate.ui.step.endpoints.CheckState;
import javafx.scene.Node;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;

import static ai.flatkey.migrate.ui.FxWait.fx;
import static ai.flatkey.migrate.ui.FxWait.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22, focus that destroys input: a button that works for a while keeps the focus (not a text field with its
 * text selected, not Back), a step jump from the keyboard lands on the step's heading, and the plan name does not
 * swallow Ctrl+Home. Driven on the demo migration with the keyboard, as a person would.
 */
@ExtendWith(Screenshots.class)
class KeyboardFocusUiTest {

    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private AppContext ctx;
    private Stage stage;

    @BeforeEach
    void open() throws Exception {
        ctx = WizardFixture.context(tmp, new FakeFileDialogs()).build();
        stage = WizardFixture.show(ctx);
        robot.clickOn("#start-demo");
        waitFor(() -> ctx.document().plan().name().startsWith("Demo:")
                && ctx.document().plan().target().baseUrl().startsWith("http://127.0.0.1:"));
    }

    @AfterEach
    void close() throws Exception {
        WizardFixture.close(ctx);
    }

    @Test
    void checkConnectionKeepsTheFocusOnTheButtonAndTheSourceUrlIntact() throws Exception {
        shortcut(KeyCode.DIGIT2);
        Reveal.reveal(robot, "#source-base-url");
        String source = text("#source-base-url");
        robot.clickOn("#check-connection");
        waitFor(() -> ctx.endpoints().checkStateProperty().get() == CheckState.SUCCESS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(focusId()).isEqualTo("check-connection");
        // again from the keyboard: Space presses the focused button, and the check runs again
        robot.type(KeyCode.SPACE);
        waitFor(() -> ctx.endpoints().checkStateProperty().get() == CheckState.SUCCESS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(focusId()).isEqualTo("check-connection");
        robot.write("x");
        assertThat(text("#source-base-url")).isEqualTo(source);
        assertThat(selectedTextAnywhere()).isEmpty();
    }

    @Test
    void runAllKeepsTheFocusOnRunAllAndRepeatIntact() throws Exception {
        shortcut(KeyCode.DIGIT4);
        String repeat = text("#smoke-repeat");
        robot.clickOn("#smoke-run");
        waitFor(() -> !ctx.smoke().runningProperty().get() && !ctx.smoke().reconcilingProperty().get()
                && ctx.document().plan().latestRun().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(focusId()).isEqualTo("smoke-run");
        robot.write("7");
        assertThat(text("#smoke-repeat")).isEqualTo(repeat);
    }

    @Test
    void proveRollbackKeepsTheFocusOnTheButtonAndSpaceStaysOnTheStep() throws Exception {
        shortcut(KeyCode.DIGIT6);
        Reveal.reveal(robot, "#rollback-rehearse-demo");
        robot.clickOn("#rollback-rehearse-demo");
        Reveal.reveal(robot, "#rollback-prove");
        fx(() -> {
            robot.lookup("#rollback-prove").query().requestFocus();
            return true;
        });
        robot.type(KeyCode.SPACE);
        waitFor(() -> !ctx.rollout().provingProperty().get() && !ctx.rollout().proofProperty().get().isEmpty()
                && !ctx.rollout().proofProperty().get().startsWith("Running"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(focusId()).isEqualTo("rollback-prove");
        assertThat(ctx.wizard().currentProperty().get()).isEqualTo(Step.ROLLOUT);
    }

    @Test
    void stepShortcutsLandOnTheStepHeadingAndNeverSelectThePlanName() throws Exception {
        String name = ctx.document().plan().name();
        robot.clickOn("#plan-name");
        shortcut(KeyCode.DIGIT3);
        waitFor(() -> ctx.wizard().currentProperty().get() == Step.MAPPING);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(focusId()).isEqualTo("step-mapping-title");
        assertThat(selectedTextAnywhere()).isEmpty();
        robot.write("q");
        assertThat(ctx.document().plan().name()).isEqualTo(name);

        robot.press(KeyCode.ALT, KeyCode.RIGHT).release(KeyCode.RIGHT, KeyCode.ALT);
        waitFor(() -> ctx.wizard().currentProperty().get() == Step.SMOKE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(focusId()).isEqualTo("step-smoke-title");
        assertThat(selectedTextAnywhere()).isEmpty();

        // from a field inside a step, too: its step goes away with the field
        shortcut(KeyCode.DIGIT1);
        robot.clickOn("#inv-sdk");
        shortcut(KeyCode.DIGIT7);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(focusId()).isEqualTo("step-checklist-title");
        assertThat(selectedTextAnywhere()).isEmpty();
        // Tab goes on into the step
        robot.type(KeyCode.TAB);
        assertThat(fx(() -> inside(stage.getScene().getFocusOwner(), robot.lookup("#step-checklist").query()))).isTrue();
        assertThat(ctx.document().plan().name()).isEqualTo(name);
    }

    @Test
    void ctrlHomeInThePlanNameOpensTheStartScreen() throws Exception {
        robot.clickOn("#plan-name");
        robot.press(KeyCode.CONTROL, KeyCode.HOME).release(KeyCode.HOME, KeyCode.CONTROL);
        waitFor(() -> ctx.wizard().startShownProperty().get());
        assertThat(fx(() -> robot.lookup("#start-screen").query().isVisible())).isTrue();
    }

    @Test
    void tabInANotesAreaMovesTheFocusOnAndShiftTabBack() throws Exception {
        shortcut(KeyCode.DIGIT6);
        Reveal.reveal(robot, "#rollback-notes");
        robot.clickOn("#rollback-notes").press(KeyCode.CONTROL, KeyCode.END).release(KeyCode.END, KeyCode.CONTROL);
        String before = text("#rollback-notes");
        robot.write(" Dana.");
        robot.type(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text("#rollback-notes")).isEqualTo(before + " Dana.").doesNotContain("\t");
        assertThat(focusId()).isEqualTo("rollback-prove");
        robot.press(KeyCode.SHIFT, KeyCode.TAB).release(KeyCode.TAB, KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(focusId()).isEqualTo("rollback-notes");
        assertThat(text("#rollback-notes")).doesNotContain("\t");
    }

    private void shortcut(KeyCode key) {
        robot.press(KeyCode.CONTROL, key).release(key, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String focusId() {
        return fx(() -> {
            Node n = stage.getScene().getFocusOwner();
            return n == null ? null : n.getId();
        });
    }

    /** Selected text in any text field or area of the window ("" when none). */
    private String selectedTextAnywhere() {
        return fx(() -> robot.lookup(n -> n instanceof TextInputControl).queryAll().stream()
                .map(n -> ((TextInputControl) n).getSelectedText()).filter(t -> !t.isEmpty()).findFirst().orElse(""));
    }

    private String text(String query) {
        return fx(() -> robot.lookup(query).queryTextInputControl().getText());
    }

    private static boolean inside(Node n, Node ancestor) {
        for (Node a = n; a != null; a = a.getParent()) {
            if (a == ancestor) {
                return true;
            }
        }
        return false;
    }
}
